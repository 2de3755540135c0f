/**
 * Renders fake feeds as real RSS 2.0 (with content:encoded), RSS 1.0 (RDF) or Atom XML, for the loopback feed server.
 */

/** One item of a fake feed. Only `title` is required; everything else is emitted when given. */
export interface FakeItem {
  guid?: string;
  title: string;
  link?: string;
  /** Date or ISO string; rendered as RFC 822 in RSS 2.0 and ISO 8601 in Atom/RDF. */
  published?: string | Date;
  /** Short text: RSS description, Atom summary. May contain HTML. */
  description?: string;
  /** Full HTML body: RSS content:encoded, Atom content type="html". */
  contentEncoded?: string;
}

export interface FakeFeed {
  title?: string;
  link?: string;
  /** Newest first, as feeds list them. */
  items: FakeItem[];
}

export type FeedFormat = 'rss2' | 'atom' | 'rdf';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const toDate = (d: string | Date) => (d instanceof Date ? d : new Date(d));

function rss2(feed: FakeFeed, encoding: string): string {
  const items = feed.items.map((i) => {
    const parts = [`<title>${escapeXml(i.title)}</title>`];
    if (i.link) parts.push(`<link>${escapeXml(i.link)}</link>`);
    if (i.guid) parts.push(`<guid isPermaLink="false">${escapeXml(i.guid)}</guid>`);
    if (i.published) parts.push(`<pubDate>${toDate(i.published).toUTCString()}</pubDate>`);
    if (i.description) parts.push(`<description>${escapeXml(i.description)}</description>`);
    if (i.contentEncoded) parts.push(`<content:encoded>${cdata(i.contentEncoded)}</content:encoded>`);
    return `<item>${parts.join('')}</item>`;
  });
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${escapeXml(feed.title ?? 'Fake feed')}</title><link>${escapeXml(feed.link ?? 'http://example.test/')}</link>
<description>fake</description>
${items.join('\n')}
</channel></rss>`;
}

function atom(feed: FakeFeed, encoding: string): string {
  const entries = feed.items.map((i, n) => {
    const parts = [
      `<title type="html">${escapeXml(i.title)}</title>`,
      `<id>${escapeXml(i.guid ?? `urn:fake:${n}`)}</id>`,
    ];
    if (i.link) parts.push(`<link rel="alternate" href="${escapeXml(i.link)}"/>`);
    const when = toDate(i.published ?? '2024-10-01T00:00:00Z').toISOString();
    parts.push(`<published>${when}</published><updated>${when}</updated>`);
    if (i.description) parts.push(`<summary type="html">${escapeXml(i.description)}</summary>`);
    if (i.contentEncoded) parts.push(`<content type="html">${escapeXml(i.contentEncoded)}</content>`);
    return `<entry>${parts.join('')}</entry>`;
  });
  return `<?xml version="1.0" encoding="${encoding}"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(feed.title ?? 'Fake feed')}</title>
<id>urn:fake:feed</id><updated>2024-10-01T00:00:00Z</updated><link href="${escapeXml(feed.link ?? 'http://example.test/')}"/>
${entries.join('\n')}
</feed>`;
}

function rdf(feed: FakeFeed, encoding: string): string {
  const items = feed.items.map((i, n) => {
    const link = i.link ?? `http://example.test/item/${n}`;
    const parts = [`<title>${escapeXml(i.title)}</title>`, `<link>${escapeXml(link)}</link>`];
    if (i.description) parts.push(`<description>${escapeXml(i.description)}</description>`);
    if (i.published) parts.push(`<dc:date>${toDate(i.published).toISOString()}</dc:date>`);
    return `<item rdf:about="${escapeXml(link)}">${parts.join('')}</item>`;
  });
  return `<?xml version="1.0" encoding="${encoding}"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${escapeXml(feed.link ?? 'http://example.test/')}"><title>${escapeXml(feed.title ?? 'Fake feed')}</title>
<link>${escapeXml(feed.link ?? 'http://example.test/')}</link><description>fake</description></channel>
${items.join('\n')}
</rdf:RDF>`;
}

/** The feed as XML text whose prolog declares `encoding` (the caller encodes the bytes to match). */
export function renderFeed(format: FeedFormat, feed: FakeFeed, encoding = 'UTF-8'): string {
  if (format === 'atom') return atom(feed, encoding);
  if (format === 'rdf') return rdf(feed, encoding);
  return rss2(feed, encoding);
}

/**
 * Feed XML → ParsedFeed with rss-parser (RSS 0.9x, RSS 1.0 RDF, RSS 2.0 with content:encoded, Atom). Item text is the
 * richest body the feed offers (content:encoded → content → summary) as plain text. Anything that is not a feed
 * becomes FetchFailure('not_a_feed') with a message saying what it is instead.
 */
import { parseHTML } from 'linkedom';
import Parser from 'rss-parser';
import { type FeedItem, FetchFailure, type ParsedFeed } from '../core/feed-ports.ts';
import { createHtmlToText, type HtmlToText } from './html-text.ts';

type RawItem = Record<string, unknown>;

export interface FeedParser {
  /** Parses decoded feed text fetched from `baseUrl` (used to resolve relative links). Throws FetchFailure('not_a_feed'). */
  parse(xml: string, baseUrl: string): Promise<ParsedFeed>;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && typeof (v as { _?: unknown })._ === 'string') return str((v as { _: string })._);
  return null;
}

function isoDate(item: RawItem): string | null {
  for (const key of ['isoDate', 'pubDate', 'date', 'dc:date', 'published', 'updated']) {
    const v = str(item[key]);
    if (!v) continue;
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return null;
}

function absoluteLink(link: string | null, baseUrl: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, baseUrl).href;
  } catch {
    return link;
  }
}

function toItem(item: RawItem, baseUrl: string, htmlToText: HtmlToText): FeedItem {
  const body = str(item['content:encoded']) ?? str(item.content) ?? str(item.summary) ?? '';
  const title = str(item.title);
  return {
    guid: str(item.guid) ?? str(item.id),
    link: absoluteLink(str(item.link), baseUrl),
    title: title === null ? null : htmlToText(title) || null,
    published: isoDate(item),
    text: htmlToText(body),
  };
}

/** What a non-feed body looks like, for the error message; names a feed the page links to when there is one. */
function describeNonFeed(text: string, baseUrl: string): string {
  const start = text.trimStart().slice(0, 512);
  if (start === '') return 'The response is empty, not an RSS or Atom feed.';
  if (start.startsWith('{') || start.startsWith('[')) return 'The response is JSON, not an RSS or Atom feed.';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype html|<html[\s>]/i.test(start)) {
    const { document } = parseHTML(text);
    const link = document.querySelector(
      'link[rel~="alternate"][type="application/rss+xml"], link[rel~="alternate"][type="application/atom+xml"]',
    );
    const href = link?.getAttribute('href');
    const feed = href ? absoluteLink(href, baseUrl) : null;
    return feed
      ? `The URL is a web page, not a feed; the page links to a feed at ${feed}`
      : 'The URL is a web page (HTML), not an RSS or Atom feed.';
  }
  if (!start.startsWith('<')) return 'The response is not XML, so it is not an RSS or Atom feed.';
  return '';
}

/**
 * A fresh rss-parser per document: its xml2js parser is an event emitter whose sax state and listeners outlive a
 * parse (after an error, the next document could be accepted or refused depending on what came before).
 */
export function createFeedParser(): FeedParser {
  const htmlToText = createHtmlToText();
  return {
    async parse(xml, baseUrl) {
      const what = describeNonFeed(xml, baseUrl);
      if (what) throw new FetchFailure('not_a_feed', what);
      let raw: { title?: unknown; items?: RawItem[] };
      try {
        raw = (await new Parser().parseString(xml)) as typeof raw;
      } catch (err) {
        const detail = err instanceof Error ? (err.message.split('\n')[0] ?? '') : '';
        throw new FetchFailure(
          'not_a_feed',
          `The response is not a valid RSS or Atom feed${detail ? ` (${detail.replace(/\.$/, '')})` : ''}.`,
          { cause: err },
        );
      }
      const title = str(raw.title);
      return {
        title: title === null ? null : htmlToText(title) || null,
        items: (raw.items ?? []).map((i) => toItem(i, baseUrl, htmlToText)),
      };
    },
  };
}

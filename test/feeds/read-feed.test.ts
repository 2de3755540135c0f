import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedReadResult } from '../../src/core/feed-ports.ts';
import { DEFAULT_USER_AGENT } from '../../src/feeds/feed-reader.ts';
import { VERSION } from '../../src/version.ts';
import { SAMPLE_ITEMS } from '../fakes/feed-fixtures/samples.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectFailure, loopbackReader, NO_VALIDATORS } from './helpers.ts';

let server: FeedServer;
const reader = loopbackReader();
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await reader.close();
  await server.close();
});

function ok(res: FeedReadResult) {
  if (res.status !== 'ok') throw new Error(`expected ok, got ${res.status}`);
  return res;
}

describe('formats', () => {
  it('GIVEN RSS 2.0 with content:encoded WHEN read THEN items carry plain text from content:encoded', async () => {
    server.setFeed('/rss2.xml', { title: 'Wire &amp; Co', items: structuredClone(SAMPLE_ITEMS) });
    const res = ok(await reader.readFeed(server.url('/rss2.xml'), NO_VALIDATORS));
    expect(res.feed.title).toBe('Wire & Co');
    expect(res.feed.items).toHaveLength(2);
    const [first, second] = res.feed.items;
    expect(first).toEqual({
      guid: 'urn:story:2',
      link: 'http://news.example.test/2024/10/28/kursk',
      title: 'Pentagon: North Korean troops moving toward Kursk',
      published: '2024-10-28T14:00:00.000Z',
      text: 'The Pentagon said about 10,000 North Korean soldiers had been sent to Russia’s east.\n\nSome are moving toward Kursk.\nOfficials gave no timeline.',
    });
    expect(second?.text).toBe("South Korea's spy agency & the military said the troops left by ship.");
    expect(res.finalUrl).toBe(server.url('/rss2.xml'));
  });

  it('GIVEN an Atom feed WHEN read THEN ids, links, dates and content come through', async () => {
    server.setFeed('/atom.xml', { items: structuredClone(SAMPLE_ITEMS) }, { format: 'atom' });
    const res = ok(await reader.readFeed(server.url('/atom.xml'), NO_VALIDATORS));
    expect(res.feed.items.map((i) => [i.guid, i.link, i.published])).toEqual([
      ['urn:story:2', 'http://news.example.test/2024/10/28/kursk', '2024-10-28T14:00:00.000Z'],
      ['urn:story:1', 'http://news.example.test/2024/10/18/nis', '2024-10-18T09:30:00.000Z'],
    ]);
    expect(res.feed.items[0]?.text).toMatch(/^The Pentagon said about 10,000/);
    expect(res.feed.items[1]?.text).toBe("South Korea's spy agency & the military said the troops left by ship.");
  });

  it('GIVEN an RSS 1.0 RDF feed WHEN read THEN items have links and dc:date', async () => {
    server.setFeed('/rdf.xml', { items: structuredClone(SAMPLE_ITEMS) }, { format: 'rdf' });
    const res = ok(await reader.readFeed(server.url('/rdf.xml'), NO_VALIDATORS));
    expect(res.feed.items.map((i) => [i.guid, i.link, i.published])).toEqual([
      [null, 'http://news.example.test/2024/10/28/kursk', '2024-10-28T14:00:00.000Z'],
      [null, 'http://news.example.test/2024/10/18/nis', '2024-10-18T09:30:00.000Z'],
    ]);
  });

  it('GIVEN relative item links and no dates WHEN read THEN links are absolute and published is null', async () => {
    server.setFeed('/relative.xml', { items: [{ title: 'Relative', link: '/story/1', guid: 'r1' }] });
    const res = ok(await reader.readFeed(server.url('/relative.xml'), NO_VALIDATORS));
    expect(res.feed.items[0]).toMatchObject({ link: server.url('/story/1'), published: null, text: '' });
  });
});

describe('charsets and encodings', () => {
  const latin = [{ guid: 'l1', title: 'Außenminister Müller à Séoul', description: 'Crème brûlée © 2024' }];

  it.each(['both', 'prolog', 'header'] as const)(
    'GIVEN an ISO-8859-1 feed declared in %s WHEN read THEN accented text is decoded right',
    async (declareCharset) => {
      server.setFeed(
        `/latin-${declareCharset}.xml`,
        { items: structuredClone(latin) },
        { charset: 'iso-8859-1', declareCharset },
      );
      const res = ok(await reader.readFeed(server.url(`/latin-${declareCharset}.xml`), NO_VALIDATORS));
      expect(res.feed.items[0]).toMatchObject({ title: 'Außenminister Müller à Séoul', text: 'Crème brûlée © 2024' });
    },
  );

  it('GIVEN a UTF-16 body with a BOM and no declared charset WHEN read THEN it is decoded by the BOM', async () => {
    const xml =
      '<rss version="2.0"><channel><title>Ünïcode</title><item><guid>u</guid><title>Корея</title></item></channel></rss>';
    server.route('/utf16.xml', {
      kind: 'body',
      body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]),
    });
    const res = ok(await reader.readFeed(server.url('/utf16.xml'), NO_VALIDATORS));
    expect(res.feed.title).toBe('Ünïcode');
    expect(res.feed.items[0]?.title).toBe('Корея');
  });

  it('GIVEN a header charset the decoder does not know WHEN read THEN it falls back to the prolog', async () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9</title></channel></rss>';
    server.route('/bogus-charset.xml', {
      kind: 'body',
      body: Buffer.from(xml, 'latin1'),
      contentType: 'application/rss+xml; charset=x-no-such-charset',
    });
    expect(ok(await reader.readFeed(server.url('/bogus-charset.xml'), NO_VALIDATORS)).feed.title).toBe('Café');
  });

  it.each(['gzip', 'deflate', 'br'] as const)(
    'GIVEN a %s-encoded feed WHEN read THEN it is decompressed',
    async (contentEncoding) => {
      server.setFeed(`/enc-${contentEncoding}.xml`, { items: structuredClone(SAMPLE_ITEMS) }, { contentEncoding });
      const res = ok(await reader.readFeed(server.url(`/enc-${contentEncoding}.xml`), NO_VALIDATORS));
      expect(res.feed.items).toHaveLength(2);
      expect(server.requestsTo(`/enc-${contentEncoding}.xml`).at(-1)?.headers['accept-encoding']).toMatch(
        /gzip.*deflate.*br/,
      );
    },
  );

  it('GIVEN a body that claims gzip but is not WHEN read THEN it fails saying it could not be decompressed', async () => {
    server.route('/fake-gzip.xml', { kind: 'body', body: 'plain text', headers: { 'content-encoding': 'gzip' } });
    await expectFailure(
      reader.readFeed(server.url('/fake-gzip.xml'), NO_VALIDATORS),
      'fetch_failed',
      /could not be decompressed/,
    );
  });

  it('GIVEN an unknown Content-Encoding WHEN read THEN it fails naming it', async () => {
    server.route('/zstd.xml', { kind: 'body', body: zlib.gzipSync('<rss/>'), headers: { 'content-encoding': 'zstd' } });
    await expectFailure(
      reader.readFeed(server.url('/zstd.xml'), NO_VALIDATORS),
      'fetch_failed',
      /unsupported Content-Encoding "zstd"/,
    );
  });
});

describe('conditional GET and caching', () => {
  it('GIVEN validators from a first read WHEN read again unchanged THEN it is not-modified, and new items show after a change', async () => {
    server.setFeed(
      '/cond.xml',
      { items: [{ guid: 'one', title: 'One' }] },
      { headers: { 'cache-control': 'public, max-age=300' } },
    );
    const first = ok(await reader.readFeed(server.url('/cond.xml'), NO_VALIDATORS));
    expect(first.etag).toMatch(/^"v\d+-/);
    expect(first.lastModified).toMatch(/GMT$/);
    expect(first.cacheMaxAgeMs).toBe(300_000);

    const second = await reader.readFeed(server.url('/cond.xml'), {
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toEqual({ status: 'not-modified', cacheMaxAgeMs: 300_000 });
    const sent = server.requestsTo('/cond.xml').at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe(first.etag);
    expect(sent?.['if-modified-since']).toBe(first.lastModified);

    server.addItems('/cond.xml', { guid: 'two', title: 'Two' });
    const third = ok(
      await reader.readFeed(server.url('/cond.xml'), { etag: first.etag, lastModified: first.lastModified }),
    );
    expect(third.feed.items.map((i) => i.guid)).toEqual(['two', 'one']);
    expect(third.etag).not.toBe(first.etag);
  });

  it('GIVEN only Last-Modified WHEN read again THEN If-Modified-Since alone gets a 304', async () => {
    server.setFeed('/ims.xml', { items: [{ guid: 'a', title: 'A' }] });
    const first = ok(await reader.readFeed(server.url('/ims.xml'), NO_VALIDATORS));
    const again = await reader.readFeed(server.url('/ims.xml'), { etag: null, lastModified: first.lastModified });
    expect(again.status).toBe('not-modified');
    expect(again.cacheMaxAgeMs).toBeNull();
  });

  it('GIVEN Expires and Date headers WHEN read THEN cacheMaxAgeMs is their difference', async () => {
    server.setFeed(
      '/expires.xml',
      { items: [] },
      {
        headers: { date: 'Sun, 20 Oct 2024 10:00:00 GMT', expires: 'Sun, 20 Oct 2024 10:30:00 GMT' },
      },
    );
    expect(ok(await reader.readFeed(server.url('/expires.xml'), NO_VALIDATORS)).cacheMaxAgeMs).toBe(1_800_000);
  });

  it('GIVEN a server that answers 304 to a plain request WHEN read THEN it is a failure, not not-modified', async () => {
    server.route('/always-304', { kind: 'status', status: 304 });
    await expectFailure(reader.readFeed(server.url('/always-304'), NO_VALIDATORS), 'fetch_failed', /304/);
  });

  it('GIVEN a feed that rewrites every GUID WHEN read twice THEN no GUID repeats and no validators are offered', async () => {
    server.setFeed('/rewrite.xml', { items: structuredClone(SAMPLE_ITEMS) }, { rewriteGuids: true });
    const a = ok(await reader.readFeed(server.url('/rewrite.xml'), NO_VALIDATORS));
    const b = ok(await reader.readFeed(server.url('/rewrite.xml'), NO_VALIDATORS));
    const guidsA = a.feed.items.map((i) => i.guid);
    expect(b.feed.items.map((i) => i.guid).some((g) => guidsA.includes(g))).toBe(false);
    expect(b.feed.items.map((i) => i.title)).toEqual(a.feed.items.map((i) => i.title));
    expect(a.etag).toBeNull();
  });
});

describe('request', () => {
  it('GIVEN any read WHEN it reaches the server THEN the User-Agent names claimwatch and its version', async () => {
    server.setFeed('/ua.xml', { items: [] });
    await reader.readFeed(server.url('/ua.xml'), NO_VALIDATORS);
    expect(server.requestsTo('/ua.xml').at(-1)?.headers['user-agent']).toBe(
      `claimwatch/${VERSION} (+https://github.com/claimwatch)`,
    );
    expect(DEFAULT_USER_AGENT).toContain(VERSION);
  });
});

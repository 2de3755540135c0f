/** Broken and hostile feeds: each fails with a FetchFailure a user can read, and nothing hangs or blows up. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const read = (path: string) => reader.readFeed(server.url(path), NO_VALIDATORS);

describe('HTTP errors', () => {
  it('GIVEN a 500 WHEN read THEN fetch_failed carries httpStatus 500 and no retryAfter', async () => {
    server.route('/500', { kind: 'status', status: 500 });
    const f = await expectFailure(read('/500'), 'fetch_failed', /answered HTTP 500 Internal Server Error/);
    expect(f.httpStatus).toBe(500);
    expect(f.retryAfterMs).toBeUndefined();
  });

  it('GIVEN a 404 WHEN read THEN fetch_failed carries httpStatus 404', async () => {
    const f = await expectFailure(read('/no-such-feed'), 'fetch_failed', /HTTP 404 Not Found/);
    expect(f.httpStatus).toBe(404);
  });

  it('GIVEN a 429 with Retry-After: 120 WHEN read THEN retryAfterMs is 120000', async () => {
    server.route('/429', { kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const f = await expectFailure(read('/429'), 'fetch_failed', /429 Too Many Requests; it asks to retry in 120 s/);
    expect(f.httpStatus).toBe(429);
    expect(f.retryAfterMs).toBe(120_000);
  });

  it('GIVEN a 503 with Retry-After as an HTTP date WHEN read THEN retryAfterMs counts down to it', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    server.route('/503', { kind: 'status', status: 503, headers: { 'retry-after': at } });
    const f = await expectFailure(read('/503'), 'fetch_failed', /503 Service Unavailable/);
    expect(f.retryAfterMs).toBeGreaterThan(60_000);
    expect(f.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('GIVEN a 429 without Retry-After WHEN read THEN retryAfterMs is undefined', async () => {
    server.route('/429-bare', { kind: 'status', status: 429 });
    expect((await expectFailure(read('/429-bare'), 'fetch_failed')).retryAfterMs).toBeUndefined();
  });

  it('GIVEN a closed port WHEN read THEN the message says the connection was refused', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await expectFailure(
      reader.readFeed(`http://127.0.0.1:${port}/`, NO_VALIDATORS),
      'fetch_failed',
      /refused the connection/,
    );
  });
});

describe('timeouts', () => {
  it('GIVEN a server that never answers WHEN read THEN it fails after the headers timeout', async () => {
    server.route('/hang', { kind: 'hang' });
    await expectFailure(read('/hang'), 'fetch_failed', /did not answer within 0\.5 s/);
  });

  it('GIVEN a body that stalls WHEN read THEN it fails after the body timeout', async () => {
    server.route('/stall', { kind: 'stall' });
    await expectFailure(read('/stall'), 'fetch_failed', /stopped sending the response/);
  });

  it('GIVEN a body that trickles forever WHEN read THEN the overall deadline stops it', async () => {
    server.route('/trickle', { kind: 'trickle', intervalMs: 50 });
    const slow = loopbackReader({ timeouts: { headersMs: 500, bodyMs: 500, totalMs: 800 } });
    try {
      await expectFailure(
        slow.readFeed(server.url('/trickle'), NO_VALIDATORS),
        'fetch_failed',
        /took longer than 0\.8 s/,
      );
    } finally {
      await slow.close();
    }
  });
});

describe('size caps', () => {
  it('GIVEN a body far over the cap WHEN read THEN it is refused and the download stops early', async () => {
    const total = 64 * 1024 * 1024;
    server.route('/huge', { kind: 'oversize', bytes: total });
    await expectFailure(read('/huge'), 'fetch_failed', /larger than the 256 KiB limit/);
    // The server notices the hang-up; it must not have pushed the whole 64 MiB.
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requestsTo('/huge').at(-1)?.bytesSent).toBeLessThan(total);
  });

  it('GIVEN a gzip bomb (tiny on the wire, 1 GiB inflated) WHEN read THEN it is refused at the cap', async () => {
    server.route('/bomb', { kind: 'gzip-bomb', inflatedBytes: 1024 * 1024 * 1024 });
    await expectFailure(read('/bomb'), 'fetch_failed', /larger than the 256 KiB limit/);
    expect(server.requestsTo('/bomb').at(-1)?.bytesSent).toBeLessThan(2 * 1024 * 1024);
  });

  it('GIVEN a Content-Length over the cap WHEN read THEN it is refused without reading the body', async () => {
    server.route('/announced', { kind: 'body', body: Buffer.alloc(300 * 1024, 0x20) });
    await expectFailure(read('/announced'), 'fetch_failed', /larger than the 256 KiB limit/);
  });

  it('GIVEN a feed just under the cap WHEN read THEN it is accepted', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      guid: `g${i}`,
      title: `Item ${i}`,
      description: 'x'.repeat(800),
    }));
    server.setFeed('/big-ok.xml', { items }, { contentEncoding: 'gzip' });
    const res = await read('/big-ok.xml');
    expect(res.status === 'ok' && res.feed.items.length).toBe(200);
  });
});

describe('not a feed', () => {
  it.each([
    [
      'malformed XML',
      '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</item></channel>',
      /not a valid RSS or Atom feed/,
    ],
    [
      'an XML document that is not a feed',
      '<?xml version="1.0"?><note><to>x</to></note>',
      /not a valid RSS or Atom feed/,
    ],
    ['JSON', '{"items": []}', /is JSON/],
    ['garbage', 'this is not xml at all', /not XML/],
    ['an empty body', '', /empty/],
    [
      'an HTML page',
      '<!doctype html><html><head><title>News</title></head><body><p>hi</p></body></html>',
      /web page \(HTML\)/,
    ],
  ])('GIVEN %s WHEN read THEN it fails with not_a_feed', async (_what, body, why) => {
    const path = `/nf-${Math.random().toString(36).slice(2)}`;
    server.route(path, { kind: 'body', body, contentType: 'text/html' });
    await expectFailure(read(path), 'not_a_feed', why);
  });

  it('GIVEN an HTML page that links its feed WHEN read THEN the message names the feed URL', async () => {
    server.route('/home', {
      kind: 'body',
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>x</body></html>',
    });
    await expectFailure(read('/home'), 'not_a_feed', new RegExp(`links to a feed at ${server.url('/rss.xml')}`));
  });

  it('GIVEN a billion-laughs DTD WHEN read THEN entities are not expanded', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>`;
    server.route('/lol.xml', { kind: 'body', body: lol });
    const outcome = await read('/lol.xml').catch((e: unknown) => e);
    const title = (outcome as { feed?: { title: string | null } }).feed?.title ?? '';
    expect(title.length).toBeLessThan(100);
  });
});

describe('redirects', () => {
  it('GIVEN a redirect loop WHEN read THEN it stops and says so', async () => {
    server.route('/loop-a', { kind: 'redirect', location: '/loop-b' });
    server.route('/loop-b', { kind: 'redirect', location: '/loop-a' });
    await expectFailure(read('/loop-a'), 'fetch_failed', /redirects in a loop/);
    expect(server.requestsTo('/loop-a')).toHaveLength(1);
  });

  it('GIVEN a chain of 6 redirects WHEN read THEN it gives up after 5 hops', async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop${i}`, { kind: 'redirect', location: `/hop${i + 1}` });
    server.setFeed('/hop6', { items: [] });
    await expectFailure(read('/hop0'), 'fetch_failed', /Too many redirects \(more than 5\)/);
    expect(server.requestsTo('/hop6')).toHaveLength(0);
  });

  it('GIVEN a chain of 5 redirects WHEN read THEN the feed is reached', async () => {
    for (let i = 0; i < 5; i++) server.route(`/five${i}`, { kind: 'redirect', location: `/five${i + 1}`, status: 307 });
    server.setFeed('/five5', { items: [{ guid: 'end', title: 'End' }] });
    const res = await read('/five0');
    expect(res.status === 'ok' && res.finalUrl).toBe(server.url('/five5'));
  });

  it('GIVEN a redirect with no Location WHEN read THEN it fails saying so', async () => {
    server.route('/no-location', { kind: 'status', status: 302 });
    await expectFailure(read('/no-location'), 'fetch_failed', /redirect with no Location/);
  });
});

describe('a hostile feed does not poison the reader', () => {
  it('GIVEN failures of every kind WHEN a good feed is read next THEN it still works', async () => {
    server.setFeed('/good.xml', { items: [{ guid: 'g', title: 'Good' }] });
    const res = await read('/good.xml');
    expect(res.status === 'ok' && res.feed.items[0]?.title).toBe('Good');
  });
});

/**
 * The watcher against real HTTP on loopback: the real reader (undici, SSRF guard, rss-parser), SQLite, engine and
 * dispatcher, with one good feed among broken and hostile ones. Whatever a feed serves, the others keep working.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openClaimsApp } from '../../src/app/claims-app.ts';
import { createWatchRuntime, type WatchRuntime } from '../../src/app/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { createAddressPolicy } from '../../src/feeds/address-policy.ts';
import { createFeedReader } from '../../src/feeds/feed-reader.ts';
import { silentLogger } from '../../src/logger.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { recordingSink, SEEDS_DIR } from './harness.ts';
import { backCatalogue, twentyItems } from './story-items.ts';

let server: FeedServer;
let runtime: WatchRuntime;
let close: () => void;
const sink = recordingSink('console');

function start(allowHosts: string[], maxAlertsPerPoll = 20) {
  // the feed handling is under test, not the judgement: the deterministic rules decide what alerts
  const app = openClaimsApp({ dbPath: ':memory:', seedsDir: SEEDS_DIR, logger: silentLogger(), engine: 'rules' });
  runtime = createWatchRuntime(app, {
    config: { pollIntervalMs: 600_000, maxFailures: 8, maxAlertsPerPoll, allowHosts, maxBodyBytes: 1 << 20 },
    logger: silentLogger(),
    sinks: [sink.sink],
    reader: createFeedReader({
      allowHosts,
      maxBodyBytes: 1 << 20,
      timeouts: { connectMs: 1_000, headersMs: 1_000, bodyMs: 1_000, totalMs: 2_000 },
    }),
  });
  close = () => app.close();
}

beforeAll(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await runtime?.stop();
  close?.();
  sink.delivered.length = 0;
});
afterAll(async () => {
  await server?.close();
});

const HOSTILE: Array<[string, Parameters<FeedServer['route']>[1], RegExp]> = [
  ['/500.xml', { kind: 'status', status: 500 }, /500/],
  ['/429.xml', { kind: 'status', status: 429, headers: { 'retry-after': '7200' } }, /429/],
  ['/hang.xml', { kind: 'hang' }, /time|answer/i],
  ['/huge.xml', { kind: 'oversize', bytes: 8 << 20 }, /large|limit|cap|MiB|bytes/i],
  ['/bomb.xml', { kind: 'gzip-bomb', inflatedBytes: 64 << 20 }, /large|limit|cap|MiB|bytes/i],
  [
    '/malformed.xml',
    { kind: 'body', body: '<rss><channel><item><title>x</ti', contentType: 'application/rss+xml' },
    /feed|XML|parse/i,
  ],
  [
    '/to-metadata.xml',
    { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' },
    /169\.254\.169\.254/,
  ],
  ['/loop.xml', { kind: 'redirect', location: '/loop.xml' }, /redirect/i],
];

describe('watching hostile feeds over real HTTP', () => {
  it('GIVEN one good feed among eight broken or hostile ones WHEN all are polled THEN the good one alerts and each bad one records why', async () => {
    start(['127.0.0.1']);
    for (const [path] of HOSTILE) server.setFeed(path, { items: backCatalogue(server.origin) });
    server.setFeed('/good.xml', { title: 'Good', items: backCatalogue(server.origin) });
    for (const [path] of [...HOSTILE, ['/good.xml']]) {
      await runtime.services.watch.add({ url: server.url(path as string), channel: 'console:all', level: 'all' });
    }
    for (const [path, route] of HOSTILE) server.route(path, route);
    server.addItems('/good.xml', ...twentyItems(server.origin, 'good').slice(0, 5));

    const { polls, delivery } = await runtime.runOnce();
    const byPath = new Map(polls.map((p) => [new URL(p.url).pathname, p]));
    expect(byPath.get('/good.xml')).toMatchObject({ ok: true, newItems: 5, alerts: 5 });
    expect(delivery.sent).toBe(5);
    expect(sink.delivered).toHaveLength(5);
    for (const [path, , reason] of HOSTILE) {
      const poll = byPath.get(path);
      expect(poll?.ok, path).toBe(false);
      expect(poll?.result, path).toMatch(reason);
    }
    const feeds = runtime.services.status().feeds;
    const retry = feeds.find((f) => f.url.endsWith('/429.xml'));
    expect(Date.parse(retry?.nextPollAt ?? '') - Date.now()).toBeGreaterThan(7_000_000);
    expect(feeds.filter((f) => f.failures === 1)).toHaveLength(HOSTILE.length);
  }, 60_000);

  it('GIVEN a feed that rewrites every GUID WHEN polled again THEN nothing is new: its links and texts were seen (issue 9, class 8)', async () => {
    start(['127.0.0.1'], 3);
    server.setFeed('/rewrite.xml', { items: twentyItems(server.origin, 'rw').slice(0, 10) }, { rewriteGuids: true });
    await runtime.services.watch.add({ url: server.url('/rewrite.xml'), channel: 'console:all', level: 'all' });
    for (let round = 0; round < 3; round++) {
      const [poll] = await runtime.services.watch.poll();
      expect(poll).toMatchObject({ ok: true, newItems: 0, alerts: 0 });
    }
  }, 30_000);

  it('GIVEN the metadata address WHEN a feed URL points there THEN add is refused as blocked and nothing is saved', async () => {
    start(['127.0.0.1']);
    await expect(
      runtime.services.watch.add({ url: 'http://169.254.169.254/latest/meta-data/', channel: 'console:x' }),
    ).rejects.toMatchObject({ code: 'blocked_url' });
    expect(runtime.services.watch.list()).toEqual([]);
  });

  it('GIVEN CLAIMWATCH_ALLOW_HOSTS naming the metadata address WHEN a feed there is added THEN the SSRF guard lets it through to connecting, and the failed connection is reported as unreachable, not blocked', async () => {
    // The vitest network guard refuses the connection itself, so no packet leaves loopback.
    start(loadConfig({ CLAIMWATCH_ALLOW_HOSTS: '127.0.0.1,169.254.169.254' }).allowHosts);
    const added = runtime.services.watch.add({ url: 'http://169.254.169.254/latest/meta-data/', channel: 'console:x' });
    await expect(added).rejects.toMatchObject({ code: 'fetch_failed' });
    expect(runtime.services.watch.list()).toEqual([]);
  });

  it('GIVEN CLAIMWATCH_ALLOW_HOSTS naming the metadata address WHEN the address policy checks it THEN it is open (checked without sending a packet)', () => {
    const url = new URL('http://169.254.169.254/latest/meta-data/');
    expect(createAddressPolicy(['127.0.0.1']).checkUrl(url)).not.toBeNull();
    expect(
      createAddressPolicy(loadConfig({ CLAIMWATCH_ALLOW_HOSTS: '127.0.0.1,169.254.169.254' }).allowHosts).checkUrl(url),
    ).toBeNull();
  });
});

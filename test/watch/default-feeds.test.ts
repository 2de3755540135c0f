/**
 * The default watch list, as an operator meets it: `claimwatch run` on a database that never watched a feed subscribes
 * the seeds folder's feeds.json to the console channel, once. The list here points at loopback feeds; the shipped
 * list (real outside hosts) is only parsed, never fetched.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openClaimsApp } from '../../src/app/claims-app.ts';
import { readDefaultFeeds } from '../../src/app/default-feeds.ts';
import { createWatchRuntime } from '../../src/app/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { Services } from '../../src/core/services.ts';
import { silentLogger } from '../../src/logger.ts';
import { runOnce } from '../../src/main.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from './cli-child.ts';
import { backCatalogue, twentyItems } from './story-items.ts';

const SHIPPED_SEEDS = new URL('../../seeds/', import.meta.url).pathname;

interface FeedLine {
  id: number;
  url: string;
  title: string | null;
  state: string;
  lastResult: string | null;
  subscriptions: Array<{ channel: string; level: string }>;
}

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let seeds: string;
let env: NodeJS.ProcessEnv;

/** A seeds folder with the shipped seeds, story file and labelled examples, and this feeds.json. */
function seedsWith(feeds: unknown): string {
  const dir = join(tmp.dir, `seeds-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  for (const f of readdirSync(SHIPPED_SEEDS).filter(
    (n) => n.endsWith('.txt') || n === 'story.yml' || n === 'examples.jsonl',
  )) {
    copyFileSync(join(SHIPPED_SEEDS, f), join(dir, f));
  }
  writeFileSync(join(dir, 'feeds.json'), typeof feeds === 'string' ? feeds : JSON.stringify(feeds, null, 2));
  return dir;
}

/** `claimwatch run --once` in this process (quiet), then the URLs watched. */
async function runInProcess(dbPath: string, extra: Record<string, string> = {}): Promise<string[]> {
  const runEnv = { ...env, CLAIMWATCH_LOG_LEVEL: 'silent', ...extra };
  expect(await runOnce({ dbPath, seedsDir: seeds, env: runEnv })).toBe(0);
  return withWatch(dbPath, (w) => w.list().map((f) => f.url));
}

/** The watch use cases on `dbPath`, as `claimwatch watch …` runs them. */
async function withWatch<T>(dbPath: string, fn: (w: Services['watch']) => T | Promise<T>): Promise<T> {
  const app = openClaimsApp({ dbPath, seedsDir: seeds, logger: silentLogger(), engine: 'rules' });
  const runtime = createWatchRuntime(app, { config: loadConfig(env), logger: silentLogger() });
  try {
    return await fn(runtime.services.watch);
  } finally {
    await runtime.stop();
    app.close();
  }
}

const list = async (e: NodeJS.ProcessEnv) => jsonLines<FeedLine>((await runCli(['watch', 'list', '--json'], e)).stdout);
const logLines = (stderr: string) => jsonLines<{ msg: string; channel?: string; feeds?: string[] }>(stderr);

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-default-feeds-');
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

let dbCount = 0;
beforeEach(() => {
  server.setFeed('/kyiv.xml', { title: 'Loopback Kyiv', items: backCatalogue(server.origin) });
  server.setFeed('/seoul.xml', { title: 'Loopback Seoul', items: [] });
  seeds = seedsWith([
    { url: server.url('/kyiv.xml'), name: 'Kyiv desk' },
    { url: server.url('/seoul.xml'), name: 'Seoul desk', fullText: true },
  ]);
  env = childEnv(join(tmp.dir, `db-${++dbCount}.db`), {
    CLAIMWATCH_SEEDS: seeds,
    CLAIMWATCH_DEFAULT_FEEDS: 'on',
    CLAIMWATCH_LOG_LEVEL: 'info',
    CLAIMWATCH_ENGINE: 'rules',
  });
});
afterEach(() => {
  server.requests.length = 0;
});

describe('the default watch list', () => {
  it('GIVEN a database that never watched a feed WHEN run THEN the list is subscribed to the console channel, its back catalogue recorded unalerted, new items alert, and a removed feed is never added again', async () => {
    const first = await runCli(['run', '--once', '--json'], env);
    expect(first.code).toBe(0);
    expect(jsonLines(first.stdout)).toEqual([]);
    // stderr is a pipe here: JSON log lines, no progress line drawn over them
    expect(first.stderr).not.toContain('\r');
    expect(first.stderr).not.toContain('\u001b[');
    const said = logLines(first.stderr).find((l) =>
      l.msg.startsWith('subscribed the 2 feeds of the default watch list'),
    );
    expect(said?.channel).toBe('console:alerts');
    expect(said?.feeds).toEqual(['#1 Kyiv desk', '#2 Seoul desk']);

    const feeds = await list(env);
    expect(feeds.map((f) => [f.url, f.state, f.subscriptions.map((s) => `${s.channel} ${s.level}`)])).toEqual([
      [server.url('/kyiv.xml'), 'active', ['console:alerts new']],
      [server.url('/seoul.xml'), 'active', ['console:alerts new']],
    ]);
    expect(feeds[0]?.lastResult).toBe('first fetch: 3 item(s) recorded as seen, none alerted');
    expect(server.requestsTo('/kyiv.xml')).toHaveLength(1);
    expect(server.requestsTo('/seoul.xml')).toHaveLength(1);

    // then it watches them like any feed: what is new alerts
    server.addItems('/kyiv.xml', ...twentyItems(server.origin).slice(0, 3));
    const second = await runCli(['run', '--once', '--json'], env);
    const alerts = jsonLines<{ channel: string }>(second.stdout);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.channel).toBe('console:alerts');
    expect(logLines(second.stderr).some((l) => l.msg.includes('default watch list'))).toBe(false);

    // remove one, then the other: neither comes back, and nothing is fetched once both are gone
    const dbPath = env.CLAIMWATCH_DB as string;
    await withWatch(dbPath, (w) => w.remove(feeds[0]?.id as number));
    expect(await runInProcess(dbPath)).toEqual([server.url('/seoul.xml')]);
    await withWatch(dbPath, (w) => w.remove(feeds[1]?.id as number));
    server.requests.length = 0;
    expect(await runInProcess(dbPath)).toEqual([]);
    expect(server.requests).toEqual([]);
  }, 60_000);

  it('GIVEN CLAIMWATCH_DEFAULT_FEEDS=off WHEN run THEN nothing is subscribed and no feed is fetched', async () => {
    const db = join(tmp.dir, `db-${++dbCount}.db`);
    expect(await runInProcess(db, { CLAIMWATCH_DEFAULT_FEEDS: 'off' })).toEqual([]);
    expect(server.requests).toEqual([]);
    // not recorded as done either: turned on later, a still-empty database gets the list
    expect(await runInProcess(db)).toEqual([server.url('/kyiv.xml'), server.url('/seoul.xml')]);
  }, 60_000);

  it('GIVEN the user watched a feed before the first run WHEN run THEN the default list is not added', async () => {
    const db = join(tmp.dir, `db-${++dbCount}.db`);
    server.setFeed('/mine.xml', { title: 'Mine', items: [] });
    await withWatch(db, (w) => w.add({ url: server.url('/mine.xml'), channel: 'console:desk' }));
    expect(await runInProcess(db)).toEqual([server.url('/mine.xml')]);
  }, 60_000);

  it('GIVEN the user added and removed a feed before the first run WHEN run THEN the default list is still not added', async () => {
    const db = join(tmp.dir, `db-${++dbCount}.db`);
    server.setFeed('/tried.xml', { title: 'Tried', items: [] });
    await withWatch(db, async (w) =>
      w.remove((await w.add({ url: server.url('/tried.xml'), channel: 'console:desk' })).id),
    );
    expect(await runInProcess(db)).toEqual([]);
    expect(server.requestsTo('/kyiv.xml')).toEqual([]);
  }, 60_000);

  it('GIVEN a malformed entry WHEN run THEN start-up stops with one line naming the file, the entry and the field, and nothing is subscribed', async () => {
    const bad = {
      ...env,
      CLAIMWATCH_SEEDS: seedsWith([
        { url: server.url('/kyiv.xml'), name: 'Kyiv desk' },
        { url: 'ftp://example.org/feed', name: 'Old FTP' },
      ]),
    };
    const run = await runCli(['run', '--once'], bad);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`default watch list ${join(bad.CLAIMWATCH_SEEDS as string, 'feeds.json')}`);
    expect(run.stderr).toContain('entry 2 ("Old FTP") url: must be an http(s) URL');
    expect(server.requests).toEqual([]);
    const notJson = join(seedsWith('[{"url": '), 'feeds.json');
    expect(() => readDefaultFeeds(notJson)).toThrow(`default watch list ${notJson}: `);
  }, 60_000);
});

describe('the shipped default watch list (parsed, never fetched)', () => {
  it('GIVEN seeds/feeds.json THEN it is valid: named https feeds, each listed once', () => {
    const feeds = readDefaultFeeds(join(SHIPPED_SEEDS, 'feeds.json'));
    expect(feeds.length).toBeGreaterThanOrEqual(10);
    for (const f of feeds) {
      expect(f.url).toMatch(/^https:\/\//);
      expect(f.name.length).toBeGreaterThan(0);
    }
  });

  it('GIVEN entries with missing names, unknown fields or a repeated URL THEN each is named in the error', () => {
    const dir = seedsWith([
      { url: 'https://a.example/feed', name: '' },
      { url: 'https://b.example/feed', name: 'B', fulltext: true },
      { url: 'https://b.example/feed', name: 'B again' },
    ]);
    const read = () => readDefaultFeeds(join(dir, 'feeds.json'));
    expect(read).toThrow(/entry 1 name: must not be empty/);
    expect(read).toThrow(/entry 2 \("B"\).*fulltext/);
    expect(read).toThrow(/entry 3 \("B again"\) url: https:\/\/b\.example\/feed is listed twice/);
  });
});

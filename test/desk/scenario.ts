/**
 * The desk scenario both platforms' end-to-end tests run: three feeds on loopback and two channels.
 *   feed A → channel ONE (alerts=new)     feed B → channel TWO (alerts=new)     feed C → ONE and TWO (alerts=all)
 * A brings two contradictions (S0, S1) to ONE. Feed B repeats both to TWO, which was never told of them, so each
 * would be news there (a restatement of a claim a channel has not heard of): S0 marked known must not alert, S1 must.
 * Feed C restates S1 to both channels at level all: after S1 is muted in ONE, only TWO hears of it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ClaimsApp, openClaimsApp } from '../../src/app/claims-app.ts';
import { createWatchRuntime, type WatchRuntime } from '../../src/app/runtime.ts';
import { silentLogger } from '../../src/logger.ts';
import type { FakeItem, FeedServer } from '../fakes/feed-server.ts';
import { backCatalogue, CONTRADICTING } from '../watch/story-items.ts';

export const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;
export const S0 = CONTRADICTING[0] as string;
export const S1 = CONTRADICTING[1] as string;

export function tempDb(prefix: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), prefix)), 'claimwatch.db');
}

/** The same database opened as the service opens it (rules engine: the platform is under test, not the judgement). */
export function openService(dbPath: string): { app: ClaimsApp; runtime: WatchRuntime } {
  const app = openClaimsApp({ dbPath, seedsDir: SEEDS_DIR, logger: silentLogger(), engine: 'rules' });
  const runtime = createWatchRuntime(app, {
    config: {
      pollIntervalMs: 600_000,
      maxFailures: 8,
      maxAlertsPerPoll: 50,
      allowHosts: ['127.0.0.1'],
      maxBodyBytes: 5 * 1024 * 1024,
    },
    logger: silentLogger(),
  });
  return { app, runtime };
}

export function item(origin: string, tag: string, sentence: string, minute: number): FakeItem {
  return {
    guid: `${tag}`,
    title: `Report ${tag}`,
    link: `${origin}/${tag}`,
    published: new Date(Date.UTC(2024, 9, 25, 8, minute)).toISOString(),
    description: sentence,
  };
}

export function serveFeeds(feeds: FeedServer): void {
  for (const name of ['a', 'b', 'c']) {
    feeds.setFeed(`/${name}.xml`, { title: `Wire ${name.toUpperCase()}`, items: backCatalogue(feeds.origin) });
  }
}

/** Subscribes the two channels as the scenario says. */
export async function subscribe(runtime: WatchRuntime, feeds: FeedServer, one: string, two: string, scope: string) {
  const add = (feed: string, channel: string, level: 'new' | 'all') =>
    runtime.services.watch.add({ url: feeds.url(`/${feed}.xml`), channel, scope, level });
  await add('a', one, 'new');
  await add('b', two, 'new');
  await add('c', one, 'all');
  await add('c', two, 'all');
}

/** Polls `get` until it returns a value. */
export async function eventually<T>(get: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Gives the dispatcher a moment to deliver anything it still would (so "nothing arrived" means something). */
export async function settle(runtime: WatchRuntime): Promise<void> {
  await runtime.drain();
  await new Promise((r) => setTimeout(r, 300));
}

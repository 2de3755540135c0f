/**
 * Test wiring for the watcher: a real SQLite database (in memory, built from the seeds so the real engine judges),
 * the real stores, poller, watch service and dispatcher, with a hand-driven clock, a scripted FeedReader and a
 * recording ChatSink in place of the network and the chat platforms.
 */
import { readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { createServices } from '../../src/app/services.ts';
import type { ChatSink, DeliveryResult, OutboundMessage } from '../../src/core/alerts.ts';
import { judgeSentenceByRules, toItemReport } from '../../src/core/claims/index.ts';
import { createDispatcher, type DispatcherConfig } from '../../src/core/dispatch/dispatcher.ts';
import type { FeedItem, FeedReader, FeedReadResult, Validators } from '../../src/core/feed-ports.ts';
import { judgeAndLearnWithin } from '../../src/core/learn.ts';
import type { WatchEngine } from '../../src/core/watch/pipeline.ts';
import { createFeedPoller } from '../../src/core/watch/poller.ts';
import type { Log } from '../../src/core/watch/ports.ts';
import { createWatchService } from '../../src/core/watch/watch-service.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSqliteChannelNewsStore } from '../../src/store/channel-news-store.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { createTransact, openDatabase } from '../../src/store/db.ts';
import { createSqliteDeskStore } from '../../src/store/desk-store.ts';
import { createSqliteOutboxStore } from '../../src/store/outbox-store.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';

export const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;
export const MINUTE = 60_000;

export function fakeClock(start = Date.UTC(2024, 10, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

type Answer = FeedReadResult | Error | Promise<FeedReadResult> | ((v: Validators) => FeedReadResult | Error);

/** A FeedReader whose answers the test scripts per URL; the last answer repeats. Records every request. */
export function scriptedReader() {
  const answers = new Map<string, Answer[]>();
  const articles = new Map<string, string | Error>();
  const requests: Array<{ url: string; validators: Validators }> = [];
  const articleRequests: string[] = [];
  const reader: FeedReader = {
    async readFeed(url, validators) {
      requests.push({ url, validators });
      const queue = answers.get(url);
      if (!queue || queue.length === 0) throw new Error(`no scripted answer for ${url}`);
      const a = (queue.length > 1 ? queue.shift() : queue[0]) as Answer;
      const r = await (typeof a === 'function' ? a(validators) : a);
      if (r instanceof Error) throw r;
      return r;
    },
    async readArticle(url) {
      articleRequests.push(url);
      const a = articles.get(url);
      if (a === undefined || a instanceof Error) throw a ?? new Error(`no article for ${url}`);
      return { url, title: null, text: a };
    },
  };
  return {
    reader,
    requests,
    articleRequests,
    answer(url: string, ...queue: Answer[]) {
      answers.set(url, queue);
    },
    article(url: string, text: string | Error) {
      articles.set(url, text);
    },
  };
}

export function item(n: number, text: string, extra: Partial<FeedItem> = {}): FeedItem {
  return {
    guid: `item-${n}`,
    link: `https://news.example/items/${n}`,
    title: `Item ${n}`,
    published: new Date(Date.UTC(2024, 9, 20, 0, n)).toISOString(),
    text,
    ...extra,
  };
}

export function feedOk(
  items: FeedItem[],
  opts: { etag?: string; cacheMaxAgeMs?: number; title?: string } = {},
): FeedReadResult {
  return {
    status: 'ok',
    finalUrl: 'https://news.example/feed',
    feed: { title: opts.title ?? 'Example news', items },
    etag: opts.etag ?? null,
    lastModified: null,
    cacheMaxAgeMs: opts.cacheMaxAgeMs ?? null,
  };
}

export const notModified = (cacheMaxAgeMs: number | null = null): FeedReadResult => ({
  status: 'not-modified',
  cacheMaxAgeMs,
});

/** A ChatSink that records what it was handed and answers from a script (default: delivered). */
export function recordingSink(platform = 'console') {
  const delivered: OutboundMessage[] = [];
  const attempts: OutboundMessage[] = [];
  let script: DeliveryResult[] = [];
  const sink: ChatSink = {
    platform,
    async deliver(message) {
      attempts.push(message);
      const result = script.shift() ?? { ok: true };
      if (result.ok) delivered.push(message);
      return result;
    },
  };
  return {
    sink,
    delivered,
    attempts,
    failNext(...results: DeliveryResult[]) {
      script = results;
    },
  };
}

/** Sentences the engine reads as on topic and unknown to the seeds. */
export const ON_TOPIC = [
  'Ukrainian forces captured two North Korean soldiers in the Kursk region, Zelensky said.',
  'North Korea shipped 40 self-propelled howitzers to Russia by rail last week, according to HUR.',
  'About 200 North Korean engineers arrived in Donetsk to build fortifications, Ukrainian intelligence said.',
  'Pyongyang sent air defence crews to Russia to operate systems near Moscow, the NIS reported.',
];

export function createHarness(
  opts: {
    maxFailures?: number;
    maxAlertsPerPoll?: number;
    dispatcher?: Partial<DispatcherConfig>;
    /** Default: silent. */
    log?: Log;
  } = {},
) {
  const db = openDatabase(':memory:');
  rebuildClaims(db, readSeedDocuments(SEEDS_DIR));
  const claims = createSqliteClaimStore(db);
  const transact = createTransact(db);
  const watch = createSqliteWatchStore(db);
  const outbox = createSqliteOutboxStore(db);
  const news = createSqliteChannelNewsStore(db);
  const desk = createSqliteDeskStore(db);
  const clock = fakeClock();
  const script = scriptedReader();
  // the pipeline is under test here, not the judgement: the rules are deterministic, so which sentence is new or known
  // does not move when the model is retrained (test/claims and test/eval hold the learned verdicts)
  const engine: WatchEngine = {
    judgeAndLearn: (doc, provenance, limits) =>
      judgeAndLearnWithin(claims, doc, provenance, judgeSentenceByRules, limits),
    report: toItemReport,
  };
  const log: Log = opts.log ?? silentLogger();
  const sinks = [recordingSink('console'), recordingSink('discord')];
  let enqueuedSignals = 0;
  const config = {
    pollIntervalMs: 10 * MINUTE,
    maxFailures: opts.maxFailures ?? 8,
    maxAlertsPerPoll: opts.maxAlertsPerPoll ?? 20,
    concurrency: 4,
  };
  const poller = createFeedPoller({
    watch,
    outbox,
    news,
    desk,
    engine,
    reader: script.reader,
    transact,
    clock,
    random: () => 0.5, // no jitter: schedules are exact
    log,
    config,
    onEnqueued: () => enqueuedSignals++,
  });
  const service = createWatchService({
    watch,
    outbox,
    news,
    desk,
    engine,
    reader: script.reader,
    transact,
    clock,
    random: () => 0.5,
    log,
    poller,
    config,
  });
  const dispatcher = createDispatcher({
    outbox,
    watch,
    sinks: () => sinks.map((s) => s.sink),
    clock,
    log,
    config: opts.dispatcher,
  });
  const services = createServices({ claims, watch: service, reader: script.reader, judge: judgeSentenceByRules, desk });
  return {
    db,
    desk,
    claims,
    watch,
    outbox,
    clock,
    script,
    poller,
    service,
    services,
    dispatcher,
    console: sinks[0] as ReturnType<typeof recordingSink>,
    discord: sinks[1] as ReturnType<typeof recordingSink>,
    enqueuedSignals: () => enqueuedSignals,
    close: () => db.close(),
  };
}

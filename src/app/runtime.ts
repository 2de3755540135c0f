/**
 * The watcher's composition: SQLite stores, engine, feed reader, poller, watch service, dispatcher and the two
 * background loops, over an opened ClaimsApp. The CLI, `claimwatch run` and the bench all build it here.
 */

import type { Config } from '../config.ts';
import type { ChatSink } from '../core/alerts.ts';
import { toItemReport } from '../core/claims/index.ts';
import { createDispatcher, type DispatcherConfig, type DispatchRound } from '../core/dispatch/dispatcher.ts';
import type { FeedReader } from '../core/feed-ports.ts';
import { judgeAndLearnWithin } from '../core/learn.ts';
import type { PollSummary, Services } from '../core/services.ts';
import { createLoop, withinGrace } from '../core/watch/loop.ts';
import type { WatchEngine } from '../core/watch/pipeline.ts';
import { createFeedPoller, type FeedPoller } from '../core/watch/poller.ts';
import type { Clock, CrashHook, OutboxStore, WatchStore } from '../core/watch/ports.ts';
import { type BackfillProgress, createWatchService } from '../core/watch/watch-service.ts';
import { type ClosableFeedReader, createFeedReader } from '../feeds/feed-reader.ts';
import type { Logger } from '../logger.ts';
import { createSqliteChannelNewsStore } from '../store/channel-news-store.ts';
import { createSqliteDeskStore } from '../store/desk-store.ts';
import { createSqliteOutboxStore } from '../store/outbox-store.ts';
import { createSqliteWatchStore } from '../store/watch-store.ts';
import type { WhyUndeliverable } from './channel-readiness.ts';
import type { ClaimsApp } from './claims-app.ts';
import { createServices } from './services.ts';
import { useStoredExamples } from './story-examples.ts';

export interface WatchRuntimeOptions {
  config: Pick<Config, 'pollIntervalMs' | 'maxFailures' | 'maxAlertsPerPoll' | 'allowHosts' | 'maxBodyBytes'>;
  logger: Logger;
  sinks?: ChatSink[];
  /** Default: the guarded undici reader built from config. */
  reader?: FeedReader & { close?(): Promise<void> };
  clock?: Clock;
  random?: () => number;
  crash?: CrashHook;
  /** Feeds polled at once (default 16). */
  concurrency?: number;
  dispatcher?: Partial<DispatcherConfig>;
  /** Why a channel cannot be delivered to by this configuration (see channel-readiness.ts); default: none. */
  whyUndeliverable?: WhyUndeliverable;
  /** Told item by item while `watch add --backfill N` judges (the CLI draws a progress line at a terminal). */
  onBackfillProgress?: (p: BackfillProgress) => void;
}

export interface WatchRuntime {
  services: Services;
  watch: WatchStore;
  outbox: OutboxStore;
  poller: FeedPoller;
  addSink(sink: ChatSink): void;
  /** Starts the poll and dispatch loops (warning once of each channel whose alerts will wait, and why). */
  start(): void;
  /** Delivers everything due now through the sinks added so far (what `watch poll` does after polling). */
  drain(): Promise<DispatchRound>;
  /** Polls every active feed once, then delivers everything due. */
  runOnce(): Promise<{ polls: PollSummary[]; delivery: DispatchRound }>;
  /** Stops polling, waits for the polls and deliveries in flight, releases the reader. */
  stop(): Promise<void>;
}

/** The guarded reader every fetch (feeds, full text, `check URL`) goes through, with the configured policy and cap. */
export function configuredReader(config: Pick<Config, 'allowHosts' | 'maxBodyBytes'>): ClosableFeedReader {
  return createFeedReader({ allowHosts: config.allowHosts, maxBodyBytes: config.maxBodyBytes });
}

export function createWatchRuntime(app: ClaimsApp, opts: WatchRuntimeOptions): WatchRuntime {
  const { config, logger } = opts;
  const clock = opts.clock ?? { now: () => Date.now() };
  const random = opts.random ?? Math.random;
  const watch = createSqliteWatchStore(app.db);
  const outbox = createSqliteOutboxStore(app.db);
  const news = createSqliteChannelNewsStore(app.db);
  const desk = createSqliteDeskStore(app.db);
  const reader = opts.reader ?? configuredReader(config);
  const engine: WatchEngine = {
    judgeAndLearn: (doc, provenance, limits) => judgeAndLearnWithin(app.claims, doc, provenance, app.judge, limits),
    report: toItemReport,
    ...(app.llm && app.prepare ? { prepare: app.prepare } : {}),
  };
  const sinks: ChatSink[] = [...(opts.sinks ?? [])];
  const wakeDispatch = () => dispatchLoop.wake();

  // what the poller and the watch service both work with
  const shared = {
    watch,
    outbox,
    news,
    desk,
    engine,
    reader,
    transact: app.transact,
    clock,
    random,
    onEnqueued: wakeDispatch,
  };
  const poller = createFeedPoller({
    ...shared,
    log: logger,
    crash: opts.crash,
    config: {
      pollIntervalMs: config.pollIntervalMs,
      maxFailures: config.maxFailures,
      maxAlertsPerPoll: config.maxAlertsPerPoll,
      concurrency: opts.concurrency ?? 16,
    },
  });
  const watchService = createWatchService({
    ...shared,
    log: logger,
    poller,
    config: { pollIntervalMs: config.pollIntervalMs, maxAlertsPerPoll: config.maxAlertsPerPoll },
    whyUndeliverable: opts.whyUndeliverable,
    onBackfillProgress: opts.onBackfillProgress,
  });
  const dispatcher = createDispatcher({
    outbox,
    watch,
    sinks: () => sinks,
    clock,
    log: logger,
    crash: opts.crash,
    config: opts.dispatcher,
    onChannelDone: wakeDispatch,
  });
  const pollLoop = createLoop(
    'poll',
    async () => {
      await poller.pollDue();
      return poller.nextDueAt();
    },
    { clock, log: logger, minSleepMs: 200 },
  );
  const dispatchLoop = createLoop(
    'dispatch',
    async () => {
      // Each channel is delivered on its own: a slow one never holds this loop (or another channel) up.
      dispatcher.kick();
      return dispatcher.nextDueAt();
    },
    { clock, log: logger },
  );

  /** Once at start: each channel whose alerts will wait because its platform has no token here, and why. */
  function warnUndeliverable(): void {
    const pending = new Map(outbox.channels().map((c) => [c.channel, c.pending]));
    const waiting = [...pending].filter(([, n]) => n > 0).map(([c]) => c);
    for (const channel of new Set([...watch.allSubscriptions().map((s) => s.channel), ...waiting])) {
      const reason = opts.whyUndeliverable?.(channel);
      if (!reason) continue;
      logger.warn(
        { channel, pending: pending.get(channel) ?? 0, reason },
        "this channel's alerts wait in the outbox until a connection for its platform is configured",
      );
    }
  }

  return {
    services: createServices({
      claims: app.claims,
      watch: watchService,
      reader,
      judge: app.judge,
      prepare: app.prepare,
      desk,
      onDeskMark: () => useStoredExamples(app.db),
    }),
    watch,
    outbox,
    poller,
    addSink: (sink) => void sinks.push(sink),
    drain: () => dispatcher.drain(),
    start() {
      warnUndeliverable();
      pollLoop.start();
      dispatchLoop.start();
    },
    async runOnce() {
      warnUndeliverable();
      const polls = await poller.pollNow();
      const delivery = await dispatcher.drain();
      return { polls, delivery };
    },
    async stop() {
      // Poller first: it stops picking feeds and abandons a fetch still hanging after the grace period.
      await poller.stop();
      await pollLoop.stop(0);
      await dispatchLoop.stop();
      await withinGrace(dispatcher.idle(), 5_000);
      await withinGrace(reader.close?.(), 2_000);
    },
  };
}

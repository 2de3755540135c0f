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
import { createFeedReader } from '../feeds/feed-reader.ts';
import type { Logger } from '../logger.ts';
import { createSqliteOutboxStore } from '../store/outbox-store.ts';
import { createSqliteWatchStore } from '../store/watch-store.ts';
import type { ClaimsApp } from './claims-app.ts';
import { createServices } from './services.ts';

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
  /** Told item by item while `watch add --backfill N` judges (the CLI draws a progress line at a terminal). */
  onBackfillProgress?: (p: BackfillProgress) => void;
}

export interface WatchRuntime {
  services: Services;
  watch: WatchStore;
  outbox: OutboxStore;
  poller: FeedPoller;
  addSink(sink: ChatSink): void;
  /** Starts the poll and dispatch loops. */
  start(): void;
  /** Polls every active feed once, then delivers everything due. */
  runOnce(): Promise<{ polls: PollSummary[]; delivery: DispatchRound }>;
  /** Stops polling, waits for the polls and deliveries in flight, releases the reader. */
  stop(): Promise<void>;
}

export function createWatchRuntime(app: ClaimsApp, opts: WatchRuntimeOptions): WatchRuntime {
  const { config, logger } = opts;
  const clock = opts.clock ?? { now: () => Date.now() };
  const random = opts.random ?? Math.random;
  const watch = createSqliteWatchStore(app.db);
  const outbox = createSqliteOutboxStore(app.db);
  const reader = opts.reader ?? createFeedReader({ allowHosts: config.allowHosts, maxBodyBytes: config.maxBodyBytes });
  const engine: WatchEngine = {
    judgeAndLearn: (doc, provenance, limits) => judgeAndLearnWithin(app.claims, doc, provenance, app.judge, limits),
    report: toItemReport,
  };
  const sinks: ChatSink[] = [...(opts.sinks ?? [])];
  const wakeDispatch = () => dispatchLoop.wake();

  // what the poller and the watch service both work with
  const shared = { watch, outbox, engine, reader, transact: app.transact, clock, random, onEnqueued: wakeDispatch };
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
    poller,
    config: { pollIntervalMs: config.pollIntervalMs, maxAlertsPerPoll: config.maxAlertsPerPoll },
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

  return {
    services: createServices({ claims: app.claims, watch: watchService, reader, judge: app.judge }),
    watch,
    outbox,
    poller,
    addSink: (sink) => void sinks.push(sink),
    start() {
      pollLoop.start();
      dispatchLoop.start();
    },
    async runOnce() {
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

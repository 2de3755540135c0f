/**
 * Polls feeds: conditional GET through the FeedReader port, new items through the pipeline in one transaction with the
 * feed's new state, and the schedule (interval, Cache-Control, Retry-After, backoff, disable after N failures).
 * Every failure stays with its feed: nothing a feed serves can stop the loop or another feed.
 */
import { describeFailure, isUserError } from '../errors.ts';
import type { FeedReader, FeedReadResult } from '../feed-ports.ts';
import { FetchFailure } from '../feed-ports.ts';
import type { PollSummary } from '../services.ts';
import type { Transact } from '../store-ports.ts';
import { fillFullText } from './full-text.ts';
import { itemKeys } from './item-key.ts';
import { withinGrace } from './loop.ts';
import { disabledNotices } from './notices.ts';
import { type NewItem, type PipelineDeps, prepareItems, processNewItems } from './pipeline.ts';
import { mapPool } from './pool.ts';
import type { Clock, CrashHook, FeedRecord, Log } from './ports.ts';
import { backoffDelay, nextPollAfterSuccess } from './schedule.ts';

export interface PollerConfig {
  pollIntervalMs: number;
  maxFailures: number;
  maxAlertsPerPoll: number;
  /** Feeds fetched at once. */
  concurrency: number;
}

export interface PollerDeps extends PipelineDeps {
  reader: FeedReader;
  transact: Transact;
  clock: Clock;
  random: () => number;
  log: Log;
  config: PollerConfig;
  crash?: CrashHook;
  /** Called after a commit that enqueued messages, so the dispatcher can deliver at once. */
  onEnqueued?: () => void;
}

export interface FeedPoller {
  pollFeed(feed: FeedRecord): Promise<PollSummary>;
  /** Polls every active feed that is due, until none is; returns what each poll did. */
  pollDue(): Promise<PollSummary[]>;
  /** Polls the given feeds (default: every active feed) now, whatever their schedule. */
  pollNow(feeds?: FeedRecord[]): Promise<PollSummary[]>;
  /** When a feed is next due, leaving out feeds held after their outcome could not be recorded. */
  nextDueAt(): number | null;
  /**
   * Stops picking feeds and waits for the polls in flight, at most `graceMs` (default 5 s): a fetch still running
   * then is abandoned, and its result, if it comes, is not committed (the feed is polled again after a restart).
   */
  stop(graceMs?: number): Promise<void>;
}

const DUE_BATCH = 10_000;
const MIN_JUDGED_PER_POLL = 100;

export function createFeedPoller(deps: PollerDeps): FeedPoller {
  const { watch, outbox, reader, transact, clock, log, config } = deps;
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  /**
   * Feeds whose poll outcome could not be recorded (a full disk, a read-only database): the database still says they
   * are due, so they wait here, with the usual backoff, instead of being fetched again at once, over and over.
   */
  const held = new Map<number, { until: number; times: number }>();

  function hold(feed: FeedRecord, err: unknown): void {
    const times = (held.get(feed.id)?.times ?? 0) + 1;
    const waitMs = backoffDelay(times, undefined);
    held.set(feed.id, { until: clock.now() + waitMs, times });
    // one line per hold, not one per attempt
    log.error(
      { feedId: feed.id, url: feed.url, err, waitMs, times },
      'could not record the outcome of a poll; the feed waits before it is fetched again',
    );
  }

  function isHeld(feedId: number, now: number): boolean {
    const h = held.get(feedId);
    return h !== undefined && h.until > now;
  }

  function summary(feed: FeedRecord, ok: boolean, result: string, newItems = 0, alerts = 0): PollSummary {
    return { feedId: feed.id, url: feed.url, ok, result, newItems, alerts };
  }

  function recordFailure(feed: FeedRecord, err: unknown): PollSummary {
    const now = clock.now();
    const message = describeFailure(err);
    if (isUserError(err)) log.warn({ feedId: feed.id, url: feed.url, reason: message }, 'feed poll failed');
    else log.error({ feedId: feed.id, url: feed.url, err }, 'feed poll failed with a bug');
    const current = watch.getFeed(feed.id);
    if (!current) return summary(feed, false, message);
    const failures = current.failures + 1;
    if (failures >= config.maxFailures) {
      const reason = `disabled after ${failures} consecutive failures; last: ${message}`;
      let enqueued = 0;
      transact(() => {
        watch.updateFeed(feed.id, {
          state: 'disabled',
          failures,
          lastPollAt: now,
          lastResult: reason,
          nextPollAt: null,
        });
        enqueued = outbox.enqueue(disabledNotices(current, watch.subscriptions(feed.id), failures, message, now), now);
      });
      log.warn({ feedId: feed.id, url: feed.url, failures }, 'feed disabled');
      if (enqueued > 0) deps.onEnqueued?.();
      return summary(feed, false, reason);
    }
    const retryAfterMs = err instanceof FetchFailure ? err.retryAfterMs : undefined;
    watch.updateFeed(feed.id, {
      failures,
      lastPollAt: now,
      lastResult: message,
      nextPollAt: now + backoffDelay(failures, retryAfterMs),
    });
    return summary(feed, false, message);
  }

  async function apply(feed: FeedRecord, res: FeedReadResult): Promise<PollSummary> {
    const interval = feed.intervalMs ?? config.pollIntervalMs;
    if (res.status === 'not-modified') {
      const now = clock.now();
      watch.updateFeed(feed.id, {
        failures: 0,
        lastPollAt: now,
        lastResult: 'not modified',
        nextPollAt: nextPollAfterSuccess(now, interval, res.cacheMaxAgeMs, deps.random),
      });
      return summary(feed, true, 'not modified');
    }
    const byKey = new Map<string, NewItem>();
    const claimed = new Set<string>();
    for (const item of res.feed.items) {
      const [key, ...aliases] = itemKeys(item) as [string, ...string[]];
      // one item per key within a fetch too: two entries with one link or one text are one story
      if (claimed.has(key) || aliases.some((a) => claimed.has(a))) continue;
      claimed.add(key);
      for (const a of aliases) claimed.add(a);
      byKey.set(key, { item, key, aliases, text: item.text });
    }
    const unseen = watch.unseen(feed.id, [...claimed]);
    // Feeds list newest first; judge oldest first so later items can repeat earlier ones. An item any of whose keys
    // was seen (a rewritten GUID, the same link, the same text) is not new.
    const unseenItems = [...byKey.values()]
      .filter((e) => unseen.has(e.key) && (e.aliases ?? []).every((a) => unseen.has(a)))
      .reverse();
    // A feed serving thousands of "new" items (GUID rewriting, a dumped archive) must not stall the service:
    // only the newest are judged, the rest are recorded like a back catalogue.
    // A feed never fetched before (the default watch list is stored unfetched) starts like `watch add`: its back
    // catalogue is recorded, not alerted.
    const firstFetch = feed.firstFetchPending;
    const judgedLimit = firstFetch ? 0 : Math.max(MIN_JUDGED_PER_POLL, config.maxAlertsPerPoll * 5);
    const skippedKeys = unseenItems
      .slice(0, unseenItems.length - judgedLimit)
      .flatMap((e) => [e.key, ...(e.aliases ?? [])]);
    const fresh = judgedLimit === 0 ? [] : unseenItems.slice(-judgedLimit);
    await fillFullText(deps, feed, fresh, config.maxAlertsPerPoll);
    await prepareItems(deps.engine, fresh);
    // Judging is synchronous: let pending I/O (sockets, chat heartbeats, other fetches) run before each feed's turn.
    await new Promise((resolve) => setImmediate(resolve));
    if (stopping) return skipped(feed);
    const now = clock.now();
    const current = watch.getFeed(feed.id);
    if (current?.state !== 'active') return summary(feed, false, 'removed or paused during the poll');
    const result = transact(() => {
      watch.markSeen(feed.id, skippedKeys, now);
      const r = processNewItems(deps, current, fresh, watch.subscriptions(feed.id), now, config.maxAlertsPerPoll);
      const capped = r.suppressed > 0 ? `, ${r.suppressed} alerts over the cap of ${config.maxAlertsPerPoll}` : '';
      const unjudged =
        skippedKeys.length > 0 && !firstFetch ? `, ${skippedKeys.length} older ones recorded unjudged` : '';
      const cut = r.cut > 0 ? `, ${r.cut} over the item budget and judged in part` : '';
      watch.updateFeed(feed.id, {
        title: res.feed.title ?? current.title,
        etag: res.etag,
        lastModified: res.lastModified,
        failures: 0,
        lastPollAt: now,
        firstFetchPending: false,
        lastResult: firstFetch
          ? `first fetch: ${unseenItems.length} item(s) recorded as seen, none alerted`
          : `fetched: ${unseenItems.length} new item(s), ${r.alerted} alerted${capped}${unjudged}${cut}`,
        nextPollAt: nextPollAfterSuccess(now, interval, res.cacheMaxAgeMs, deps.random),
      });
      if (r.rows > 0) deps.crash?.('mid-transaction');
      return r;
    });
    if (result.suppressed > 0) {
      log.warn({ feedId: feed.id, suppressed: result.suppressed }, 'alerts over the per-poll cap were not sent');
    }
    if (result.rows > 0) {
      deps.crash?.('after-commit');
      deps.onEnqueued?.();
    }
    return summary(feed, true, 'fetched', unseenItems.length, result.alerted);
  }

  async function pollOne(feed: FeedRecord): Promise<PollSummary> {
    try {
      const res = await reader.readFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
      const done = await apply(feed, res);
      held.delete(feed.id);
      return done;
    } catch (err) {
      try {
        const failed = recordFailure(feed, err);
        held.delete(feed.id);
        return failed;
      } catch (inner) {
        hold(feed, inner);
        return summary(feed, false, describeFailure(inner));
      }
    }
  }

  function pollFeed(feed: FeedRecord): Promise<PollSummary> {
    const p = pollOne(feed);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  return {
    pollFeed,
    async pollDue() {
      const done = new Set<number>();
      const all: PollSummary[] = [];
      while (!stopping) {
        // All due feeds go to one pool of workers, so a feed that hangs holds one worker, not a whole batch.
        const now = clock.now();
        const due = watch.dueFeeds(now, DUE_BATCH).filter((f) => !done.has(f.id) && !isHeld(f.id, now));
        if (due.length === 0) break;
        for (const f of due) done.add(f.id);
        all.push(
          ...(await mapPool(due, config.concurrency, (f) => (stopping ? Promise.resolve(skipped(f)) : pollFeed(f)))),
        );
      }
      return all;
    },
    nextDueAt() {
      const next = watch.nextDueAt();
      const now = clock.now();
      if (next === null || next > now || held.size === 0) return next;
      // something is due now: a feed not held, or only held ones, which wake the loop when their wait ends
      if (watch.dueFeeds(now, DUE_BATCH).some((f) => !isHeld(f.id, now))) return next;
      let wake = Number.POSITIVE_INFINITY;
      for (const h of held.values()) if (h.until > now) wake = Math.min(wake, h.until);
      return Number.isFinite(wake) ? wake : next;
    },
    async pollNow(feeds) {
      const list = feeds ?? watch.listFeeds().filter((f) => f.state === 'active');
      return mapPool(list, config.concurrency, (f) => (stopping ? Promise.resolve(skipped(f)) : pollFeed(f)));
    },
    async stop(graceMs = 5_000) {
      stopping = true;
      await withinGrace(Promise.allSettled([...inFlight]), graceMs);
    },
  };

  function skipped(feed: FeedRecord): PollSummary {
    return summary(feed, false, 'skipped: shutting down');
  }
}

/**
 * The watch and alert use cases behind `Services` (CLI and chat commands share them).
 *
 * A feed URL is stored once and shared by every channel subscribed to it. With a scope (a chat workspace):
 * - `remove` deletes that workspace's subscriptions; the feed itself goes when no subscription is left.
 * - `pause` pauses the feed when the workspace is its only subscriber, else only the workspace's subscriptions
 *   (the feed keeps polling for the others).
 * - `resume` un-pauses the workspace's subscriptions and their channels, and re-activates the feed (failures reset).
 * Without a scope (the CLI admin) each acts on the feed and all its subscriptions.
 */
import { ALERT_LEVELS, type AlertLevel, type ChannelTarget, platformOf } from '../alerts.ts';
import { UserError } from '../errors.ts';
import type { FeedReader } from '../feed-ports.ts';
import type {
  AlertsConfigureInput,
  ChannelStatus,
  FeedView,
  PollSummary,
  StatusView,
  SubscriptionView,
  WatchAddInput,
  WatchAddResult,
} from '../services.ts';
import type { Transact } from '../store-ports.ts';
import { fillFullText } from './full-text.ts';
import { itemKeys } from './item-key.ts';
import { type NewItem, type PipelineDeps, prepareItems, processNewItems } from './pipeline.ts';
import type { FeedPoller } from './poller.ts';
import type { Clock, FeedRecord, Log, SubscriptionRecord } from './ports.ts';
import { nextPollAfterSuccess } from './schedule.ts';
import { feedView, inScope, subscriptionView } from './views.ts';

export interface WatchServiceDeps extends PipelineDeps {
  reader: FeedReader;
  /** Where a backfilled item's failed full-text fetch is logged, as the poller logs it. */
  log: Log;
  transact: Transact;
  clock: Clock;
  random: () => number;
  poller: FeedPoller;
  config: { pollIntervalMs: number; maxAlertsPerPoll: number };
  onEnqueued?: () => void;
  /** Why a channel cannot be delivered to here (its platform has no token), or null. Default: every channel can. */
  whyUndeliverable?: (channel: ChannelTarget) => string | null;
  /** Told before each backfilled item is judged and once at the end. */
  onBackfillProgress?: (p: BackfillProgress) => void;
}

export interface BackfillProgress {
  done: number;
  total: number;
  alerts: number;
}

const CHANNEL = /^(?:(?:discord|slack):[A-Za-z0-9_-]{1,64}|console:[A-Za-z0-9_.-]{1,64})$/;
const ADMIN_PAUSE = 'paused by an admin';
const DEAD_LETTERS_SHOWN = 20;

export function parseLevel(level: string | undefined): AlertLevel {
  if (level === undefined) return 'new';
  if ((ALERT_LEVELS as readonly string[]).includes(level)) return level as AlertLevel;
  throw new UserError('bad_input', `alert level must be one of ${ALERT_LEVELS.join(', ')} (got "${level}")`);
}

function checkChannel(channel: string, scope: string | undefined): void {
  if (!CHANNEL.test(channel)) {
    throw new UserError('bad_input', `channel must look like discord:ID, slack:ID or console:NAME (got "${channel}")`);
  }
  if (scope !== undefined && platformOf(scope) !== platformOf(channel)) {
    throw new UserError('bad_input', `channel ${channel} is not on this workspace's platform`);
  }
}

export function createWatchService(deps: WatchServiceDeps) {
  const { watch, outbox, reader, transact, clock } = deps;

  const pausedMap = () => new Map(watch.pausedChannels().map((p) => [p.channel, p.reason]));

  function view(feed: FeedRecord, scope: string | undefined): FeedView {
    return feedView(
      feed,
      watch.subscriptions(feed.id).filter((s) => inScope(s, scope)),
      pausedMap(),
    );
  }

  /** The feed with its subscriptions in scope; a feed the scope has no subscription to does not exist for it. */
  function scoped(
    id: number,
    scope: string | undefined,
  ): { feed: FeedRecord; all: SubscriptionRecord[]; mine: SubscriptionRecord[] } {
    const feed = watch.getFeed(id);
    const all = feed ? watch.subscriptions(id) : [];
    const mine = all.filter((s) => inScope(s, scope));
    if (!feed || (scope !== undefined && mine.length === 0)) throw new UserError('not_found', `no watched feed #${id}`);
    return { feed, all, mine };
  }

  const findFeed = (url: string, finalUrl: string) => watch.findFeedByUrl(url) ?? watch.findFeedByUrl(finalUrl);

  async function add(input: WatchAddInput): Promise<WatchAddResult> {
    const url = input.url.trim();
    checkChannel(input.channel, input.scope);
    parseLevel(input.level);
    // Alerts for a platform with no token would wait in the outbox unseen: refuse, and say how to fix it.
    const why = deps.whyUndeliverable?.(input.channel);
    if (why) throw new UserError('bad_input', `cannot send alerts to ${input.channel}: ${why}`);
    const backfill = input.backfill ?? 0;
    if (!Number.isInteger(backfill) || backfill < 0)
      throw new UserError('bad_input', 'backfill must be a whole number ≥ 0');
    const res = await reader.readFeed(url, { etag: null, lastModified: null });
    if (res.status !== 'ok') throw new UserError('fetch_failed', `${url} answered "not modified" to a first request`);
    // The back catalogue is recorded, not alerted; --backfill N judges the newest N (feeds list newest first).
    const entries: NewItem[] = res.feed.items.map((item) => {
      const [key, ...aliases] = itemKeys(item) as [string, ...string[]];
      return { item, key, aliases, text: item.text };
    });
    const backfilled = entries.slice(0, backfill).reverse();
    // Pages are fetched before the transaction (it cannot wait on the network), and only for a feed not yet watched:
    // a re-add judges nothing. The transaction checks again.
    if (!findFeed(url, res.finalUrl)) {
      await fillFullText(deps, { url, fullText: input.fullText ?? false }, backfilled, deps.config.maxAlertsPerPoll);
      await prepareItems(deps.engine, backfilled);
    }
    const now = clock.now();
    let rows = 0;
    const changes: string[] = [];
    let level = parseLevel(input.level);
    let known = false;
    const feed = transact(() => {
      const existing = findFeed(url, res.finalUrl);
      let f: FeedRecord;
      if (existing) {
        // It answered just now, so a paused or disabled feed is working: re-activate it for the new subscriber.
        const patch = existing.state === 'active' ? {} : { state: 'active' as const, failures: 0, nextPollAt: now };
        if (existing.state !== 'active') changes.push(`resumed (was ${existing.state})`);
        if (input.fullText && !existing.fullText) changes.push('full text turned on');
        watch.updateFeed(existing.id, { ...patch, ...(input.fullText ? { fullText: true } : {}) });
        f = watch.getFeed(existing.id) as FeedRecord;
        // Re-adding must not reset a channel's alert level the user did not ask to change.
        const subs = watch.subscriptions(existing.id);
        // Another workspace's feed is not "already watched" for this one: say nothing about it.
        known = subs.some((s) => inScope(s, input.scope));
        const prior = subs.find((s) => s.channel === input.channel);
        if (prior && input.level === undefined) level = prior.level;
        else if (prior && prior.level !== level) changes.push(`${input.channel} alerts: ${prior.level} → ${level}`);
        else if (!prior) changes.push(`${input.channel} subscribed (alerts: ${level})`);
      } else {
        f = watch.insertFeed({
          url,
          title: res.feed.title,
          fullText: input.fullText ?? false,
          intervalMs: null,
          etag: res.etag,
          lastModified: res.lastModified,
          lastPollAt: now,
          lastResult: `added: ${res.feed.items.length} item(s) recorded as seen`,
          nextPollAt: nextPollAfterSuccess(now, deps.config.pollIntervalMs, res.cacheMaxAgeMs, deps.random),
        });
      }
      const sub = watch.upsertSubscription({ feedId: f.id, channel: input.channel, scope: input.scope ?? null, level });
      if (!existing) {
        watch.markSeen(
          f.id,
          entries.slice(backfill).flatMap((e) => [e.key, ...(e.aliases ?? [])]),
          now,
        );
        const progress = deps.onBackfillProgress;
        const onItem =
          progress && ((done: number, alerts: number) => progress({ done, total: backfilled.length, alerts }));
        rows = processNewItems(deps, f, backfilled, [sub], now, Math.max(backfill, 0), onItem).rows;
      }
      return f;
    });
    if (rows > 0) deps.onEnqueued?.();
    const result: WatchAddResult = view(watch.getFeed(feed.id) as FeedRecord, input.scope);
    return known ? { ...result, alreadyWatched: { changes } } : result;
  }

  function list(scope?: string): FeedView[] {
    const paused = pausedMap();
    const subs = watch.allSubscriptions().filter((s) => inScope(s, scope));
    const byFeed = new Map<number, SubscriptionRecord[]>();
    for (const s of subs) byFeed.set(s.feedId, [...(byFeed.get(s.feedId) ?? []), s]);
    return watch
      .listFeeds()
      .filter((f) => scope === undefined || byFeed.has(f.id))
      .map((f) => feedView(f, byFeed.get(f.id) ?? [], paused));
  }

  function remove(id: number, scope?: string): FeedView {
    const { feed, all, mine } = scoped(id, scope);
    const before = feedView(feed, mine, pausedMap());
    transact(() => {
      if (mine.length === all.length) watch.deleteFeed(id);
      else watch.deleteSubscriptions(mine.map((s) => s.id));
    });
    return before;
  }

  function pause(id: number, scope?: string): FeedView {
    const { all, mine } = scoped(id, scope);
    if (mine.length === all.length) watch.updateFeed(id, { state: 'paused' });
    else
      watch.updateSubscriptions(
        mine.map((s) => s.id),
        { paused: true, pausedReason: ADMIN_PAUSE },
      );
    return view(watch.getFeed(id) as FeedRecord, scope);
  }

  function resume(id: number, scope?: string): FeedView {
    const { mine } = scoped(id, scope);
    transact(() => {
      watch.updateSubscriptions(
        mine.map((s) => s.id),
        { paused: false, pausedReason: null },
      );
      for (const channel of new Set(mine.map((s) => s.channel))) watch.resumeChannel(channel);
      watch.updateFeed(id, { state: 'active', failures: 0, nextPollAt: clock.now() });
    });
    return view(watch.getFeed(id) as FeedRecord, scope);
  }

  async function poll(id?: number, scope?: string): Promise<PollSummary[]> {
    if (id !== undefined) {
      const { feed } = scoped(id, scope);
      if (feed.state !== 'active') {
        throw new UserError('conflict', `feed #${id} is ${feed.state}; resume it first (watch resume ${id})`);
      }
      return deps.poller.pollNow([feed]);
    }
    const ids = new Set(list(scope).map((f) => f.id));
    return deps.poller.pollNow(watch.listFeeds().filter((f) => f.state === 'active' && ids.has(f.id)));
  }

  function configure(input: AlertsConfigureInput): SubscriptionView[] {
    const level = parseLevel(input.level);
    const subs = watch.allSubscriptions().filter((s) => s.channel === input.channel && inScope(s, input.scope));
    if (subs.length === 0) throw new UserError('not_found', `${input.channel} is not subscribed to any feed`);
    const clean = (words: string[] | undefined) => words?.map((w) => w.trim()).filter(Boolean);
    watch.updateSubscriptions(
      subs.map((s) => s.id),
      { level, include: clean(input.include), exclude: clean(input.exclude) },
    );
    const paused = pausedMap();
    return watch
      .allSubscriptions()
      .filter((s) => s.channel === input.channel && inScope(s, input.scope))
      .map((s) => subscriptionView(s, paused));
  }

  function status(scope?: string): StatusView {
    const feeds = list(scope);
    const channels =
      scope === undefined ? undefined : [...new Set(feeds.flatMap((f) => f.subscriptions.map((s) => s.channel)))];
    const pausedChannels = watch.pausedChannels().filter((p) => channels === undefined || channels.includes(p.channel));
    const deadLetters = outbox
      .dead(DEAD_LETTERS_SHOWN)
      .filter((d) => channels === undefined || channels.includes(d.channel));
    return {
      feeds,
      outbox: outbox.counts(channels),
      channels: channelStatus(feeds, channels, pausedChannels),
      pausedChannels,
      deadLetters,
    };
  }

  function channelStatus(
    feeds: FeedView[],
    inScope: readonly ChannelTarget[] | undefined,
    paused: Array<{ channel: ChannelTarget; reason: string }>,
  ): ChannelStatus[] {
    const stats = new Map(outbox.channels().map((c) => [c.channel, c]));
    const names = new Set([...stats.keys(), ...feeds.flatMap((f) => f.subscriptions.map((s) => s.channel))]);
    return [...names]
      .filter((c) => inScope === undefined || inScope.includes(c))
      .sort()
      .map((channel) => {
        const s = stats.get(channel);
        const pause = paused.find((p) => p.channel === channel);
        return {
          channel,
          pending: s?.pending ?? 0,
          lastError: s?.lastError ?? null,
          lastErrorAt: s?.lastErrorAt == null ? null : new Date(s.lastErrorAt).toISOString(),
          waiting: deps.whyUndeliverable?.(channel) ?? (pause ? `paused: ${pause.reason}` : null),
          paused: pause !== undefined,
        };
      });
  }

  return { add, list, remove, pause, resume, poll, configure, status };
}

export type WatchService = ReturnType<typeof createWatchService>;

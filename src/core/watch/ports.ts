/**
 * Ports the watcher and dispatcher use: watch lists, seen items, channel pauses and the outbox. The SQLite adapters in
 * src/store implement them synchronously (better-sqlite3), so a whole poll can run inside one Transact.
 */
import type { AlertLevel, ChannelTarget, OutboundMessage } from '../alerts.ts';

export type FeedState = 'active' | 'paused' | 'disabled';

/** Times are epoch milliseconds. */
export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  state: FeedState;
  fullText: boolean;
  /** Per-feed poll interval; null means the configured default. */
  intervalMs: number | null;
  etag: string | null;
  lastModified: string | null;
  failures: number;
  nextPollAt: number | null;
  lastPollAt: number | null;
  lastResult: string | null;
  /** Stored without a fetch (the default watch list): the first successful fetch records items, alerts none. */
  firstFetchPending: boolean;
}

export interface NewFeed {
  url: string;
  title: string | null;
  fullText: boolean;
  intervalMs: number | null;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: number;
  /** null: never polled. */
  lastPollAt: number | null;
  lastResult: string;
  /** Stored without a fetch: the first successful fetch records its items as seen and alerts none. */
  firstFetchPending?: boolean;
}

export type FeedPatch = Partial<Omit<FeedRecord, 'id' | 'url'>>;

export interface SubscriptionRecord {
  id: number;
  feedId: number;
  channel: ChannelTarget;
  /** Workspace that created it (`discord:GUILD`, `slack:TEAM`); null from the CLI. */
  scope: string | null;
  level: AlertLevel;
  include: string[];
  exclude: string[];
  /** Paused by an admin of its scope (the feed keeps polling for other subscribers). */
  paused: boolean;
  pausedReason: string | null;
}

export interface SubscriptionPatch {
  level?: AlertLevel;
  include?: string[];
  exclude?: string[];
  paused?: boolean;
  pausedReason?: string | null;
}

export interface WatchStore {
  /** Inserts a feed; the first feed a database ever gets is remembered (see everHadFeed). */
  insertFeed(feed: NewFeed): FeedRecord;
  /** Whether a feed was ever added to this database, even if every one was removed since. */
  everHadFeed(): boolean;
  /** When and from where the default watch list was subscribed, if it ever was. */
  defaultFeedsRecord(): string | undefined;
  recordDefaultFeeds(note: string): void;
  getFeed(id: number): FeedRecord | undefined;
  findFeedByUrl(url: string): FeedRecord | undefined;
  listFeeds(): FeedRecord[];
  /** Active feeds whose next poll is due at `now`, soonest first. */
  dueFeeds(now: number, limit: number): FeedRecord[];
  /** Soonest next poll among active feeds, or null. */
  nextDueAt(): number | null;
  updateFeed(id: number, patch: FeedPatch): void;
  deleteFeed(id: number): void;

  /** Inserts the (feed, channel) subscription or updates its level and scope. */
  upsertSubscription(sub: {
    feedId: number;
    channel: ChannelTarget;
    scope: string | null;
    level: AlertLevel;
  }): SubscriptionRecord;
  subscriptions(feedId: number): SubscriptionRecord[];
  allSubscriptions(): SubscriptionRecord[];
  updateSubscriptions(ids: readonly number[], patch: SubscriptionPatch): void;
  deleteSubscriptions(ids: readonly number[]): void;

  /** The keys among `keys` this feed has not seen yet. */
  unseen(feedId: number, keys: readonly string[]): Set<string>;
  markSeen(feedId: number, keys: readonly string[], now: number): void;

  /** A channel that refused the bot: its subscriptions get nothing until resumed. */
  pauseChannel(channel: ChannelTarget, reason: string, now: number): void;
  resumeChannel(channel: ChannelTarget): void;
  pausedChannels(): Array<{ channel: ChannelTarget; reason: string }>;
}

export interface OutboxRow {
  key: string;
  channel: ChannelTarget;
  feedId: number | null;
  message: OutboundMessage;
}

export interface OutboxEntry {
  id: number;
  key: string;
  channel: ChannelTarget;
  attempts: number;
  message: OutboundMessage;
}

export interface OutboxChannelStats {
  channel: ChannelTarget;
  pending: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface OutboxStore {
  /** Inserts rows; a key already present is ignored (enqueueing twice never sends twice). Returns rows inserted. */
  enqueue(rows: readonly OutboxRow[], now: number): number;
  /** Pending rows due at `now`, oldest first. */
  due(now: number, limit: number): OutboxEntry[];
  /** Soonest next attempt among pending rows, or null. */
  nextDueAt(): number | null;
  /** Soonest next attempt among each channel's pending rows (paused channels left out). */
  nextDueByChannel(): Array<{ channel: ChannelTarget; at: number }>;
  /**
   * Takes a pending row for this process before it is sent. False when another live process holds it (a `watch poll`
   * beside the running service): that process sends it. A claim of a process that died is taken over.
   */
  claim(id: number): boolean;
  markSent(id: number, now: number): void;
  markRetry(id: number, attempts: number, nextAttemptAt: number, error: string, now: number): void;
  markDead(id: number, attempts: number, error: string, now: number): void;
  counts(channels?: readonly ChannelTarget[]): { pending: number; sent: number; dead: number };
  /** Per channel with rows: pending rows, and the newest error among its unsent rows with its time. */
  channels(): OutboxChannelStats[];
  dead(limit: number): Array<{ key: string; channel: ChannelTarget; attempts: number; error: string | null }>;
}

export interface Clock {
  now(): number;
}

/** Test-only: called at named points (see src/app/crash-points.ts); production passes a no-op. */
export type CrashHook = (point: 'mid-transaction' | 'after-commit' | 'before-send' | 'after-send') => void;

/** The slice of a structured logger (pino) core uses, so core needs no logging library. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

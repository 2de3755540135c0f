/**
 * SQLite adapter for the WatchStore port: feeds, subscriptions, seen items and paused channels.
 */
import type { AlertLevel } from '../core/alerts.ts';
import type {
  FeedPatch,
  FeedRecord,
  FeedState,
  NewFeed,
  SubscriptionPatch,
  SubscriptionRecord,
  WatchStore,
} from '../core/watch/ports.ts';
import type { Database } from './db.ts';

interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  state: FeedState;
  full_text: number;
  interval_ms: number | null;
  etag: string | null;
  last_modified: string | null;
  failures: number;
  next_poll_at: number | null;
  last_poll_at: number | null;
  last_result: string | null;
  first_fetch_pending: number;
}

interface SubRow {
  id: number;
  feed_id: number;
  channel: string;
  scope: string | null;
  level: AlertLevel;
  include_words: string;
  exclude_words: string;
  paused: number;
  paused_reason: string | null;
}

const FEED_COLUMNS: Record<keyof FeedPatch, string> = {
  title: 'title',
  state: 'state',
  fullText: 'full_text',
  intervalMs: 'interval_ms',
  etag: 'etag',
  lastModified: 'last_modified',
  failures: 'failures',
  nextPollAt: 'next_poll_at',
  lastPollAt: 'last_poll_at',
  lastResult: 'last_result',
  firstFetchPending: 'first_fetch_pending',
};

function toFeed(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    state: r.state,
    fullText: r.full_text === 1,
    intervalMs: r.interval_ms,
    etag: r.etag,
    lastModified: r.last_modified,
    failures: r.failures,
    nextPollAt: r.next_poll_at,
    lastPollAt: r.last_poll_at,
    lastResult: r.last_result,
    firstFetchPending: r.first_fetch_pending === 1,
  };
}

function toSub(r: SubRow): SubscriptionRecord {
  return {
    id: r.id,
    feedId: r.feed_id,
    channel: r.channel,
    scope: r.scope,
    level: r.level,
    include: JSON.parse(r.include_words) as string[],
    exclude: JSON.parse(r.exclude_words) as string[],
    paused: r.paused === 1,
    pausedReason: r.paused_reason,
  };
}

/** Seen-item lookups go in chunks so a feed with thousands of items stays under SQLite's parameter limit. */
const CHUNK = 500;

export function createSqliteWatchStore(db: Database): WatchStore {
  const q = {
    insertFeed: db.prepare(
      `INSERT INTO feeds (url, title, full_text, interval_ms, etag, last_modified, next_poll_at, last_poll_at, last_result,
                          first_fetch_pending, created_at)
       VALUES (@url, @title, @fullText, @intervalMs, @etag, @lastModified, @nextPollAt, @lastPollAt, @lastResult,
               @firstFetchPending, @now)`,
    ),
    getFeed: db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE id = ?'),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM watch_meta WHERE key = ?'),
    firstFeed: db.prepare<[string]>("INSERT OR IGNORE INTO watch_meta (key, value) VALUES ('first_feed_at', ?)"),
    setMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO watch_meta (key, value) VALUES (?, ?)'),
    feedByUrl: db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?'),
    listFeeds: db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id'),
    dueFeeds: db.prepare<[number, number], FeedRow>(
      `SELECT * FROM feeds WHERE state = 'active' AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?`,
    ),
    nextDue: db.prepare<[], { at: number | null }>(`SELECT min(next_poll_at) AS at FROM feeds WHERE state = 'active'`),
    deleteFeed: db.prepare<[number]>('DELETE FROM feeds WHERE id = ?'),
    upsertSub: db.prepare(
      `INSERT INTO subscriptions (feed_id, channel, scope, level) VALUES (@feedId, @channel, @scope, @level)
       ON CONFLICT (feed_id, channel) DO UPDATE SET level = excluded.level, scope = excluded.scope`,
    ),
    subByPair: db.prepare<[number, string], SubRow>('SELECT * FROM subscriptions WHERE feed_id = ? AND channel = ?'),
    subs: db.prepare<[number], SubRow>('SELECT * FROM subscriptions WHERE feed_id = ? ORDER BY id'),
    allSubs: db.prepare<[], SubRow>('SELECT * FROM subscriptions ORDER BY feed_id, id'),
    deleteSub: db.prepare<[number]>('DELETE FROM subscriptions WHERE id = ?'),
    markSeen: db.prepare<[number, string, number]>(
      'INSERT OR IGNORE INTO seen_items (feed_id, item_key, seen_at) VALUES (?, ?, ?)',
    ),
    pauseChannel: db.prepare<[string, string, number]>(
      `INSERT INTO channel_pauses (channel, reason, paused_at) VALUES (?, ?, ?)
       ON CONFLICT (channel) DO UPDATE SET reason = excluded.reason`,
    ),
    resumeChannel: db.prepare<[string]>('DELETE FROM channel_pauses WHERE channel = ?'),
    pausedChannels: db.prepare<[], { channel: string; reason: string }>(
      'SELECT channel, reason FROM channel_pauses ORDER BY channel',
    ),
  };
  type SeenStatement = ReturnType<typeof db.prepare<unknown[], { item_key: string }>>;
  const seenStatements = new Map<number, SeenStatement>();
  const seenQuery = (n: number) => {
    let s = seenStatements.get(n);
    if (!s) {
      s = db.prepare<unknown[], { item_key: string }>(
        `SELECT item_key FROM seen_items WHERE feed_id = ? AND item_key IN (${'?,'.repeat(n - 1)}?)`,
      );
      seenStatements.set(n, s);
    }
    return s;
  };

  const store: WatchStore = {
    insertFeed(feed: NewFeed) {
      const now = Date.now();
      const info = q.insertFeed.run({
        ...feed,
        fullText: feed.fullText ? 1 : 0,
        firstFetchPending: feed.firstFetchPending ? 1 : 0,
        now,
      });
      q.firstFeed.run(String(now));
      return toFeed(q.getFeed.get(Number(info.lastInsertRowid)) as FeedRow);
    },
    everHadFeed: () => q.getMeta.get('first_feed_at') !== undefined,
    defaultFeedsRecord: () => q.getMeta.get('default_feeds')?.value,
    recordDefaultFeeds: (note) => void q.setMeta.run('default_feeds', note),
    getFeed: (id) => {
      const r = q.getFeed.get(id);
      return r ? toFeed(r) : undefined;
    },
    findFeedByUrl: (url) => {
      const r = q.feedByUrl.get(url);
      return r ? toFeed(r) : undefined;
    },
    listFeeds: () => q.listFeeds.all().map(toFeed),
    dueFeeds: (now, limit) => q.dueFeeds.all(now, limit).map(toFeed),
    nextDueAt: () => q.nextDue.get()?.at ?? null,
    updateFeed(id, patch) {
      const sets: string[] = [];
      const values: Record<string, unknown> = { id };
      for (const [k, v] of Object.entries(patch) as Array<[keyof FeedPatch, unknown]>) {
        if (v === undefined) continue;
        sets.push(`${FEED_COLUMNS[k]} = @${k}`);
        values[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      if (sets.length > 0) db.prepare(`UPDATE feeds SET ${sets.join(', ')} WHERE id = @id`).run(values);
    },
    deleteFeed: (id) => void q.deleteFeed.run(id),
    upsertSubscription(sub) {
      q.upsertSub.run(sub);
      return toSub(q.subByPair.get(sub.feedId, sub.channel) as SubRow);
    },
    subscriptions: (feedId) => q.subs.all(feedId).map(toSub),
    allSubscriptions: () => q.allSubs.all().map(toSub),
    updateSubscriptions(ids, patch: SubscriptionPatch) {
      const columns: Record<string, unknown> = {
        level: patch.level,
        include_words: patch.include && JSON.stringify(patch.include),
        exclude_words: patch.exclude && JSON.stringify(patch.exclude),
        paused: patch.paused === undefined ? undefined : patch.paused ? 1 : 0,
        paused_reason: patch.pausedReason,
      };
      const sets: string[] = [];
      const values: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(columns)) {
        if (value === undefined) continue;
        sets.push(`${column} = @${column}`);
        values[column] = value;
      }
      if (sets.length === 0 || ids.length === 0) return;
      const stmt = db.prepare(`UPDATE subscriptions SET ${sets.join(', ')} WHERE id = @id`);
      db.transaction(() => {
        for (const id of ids) stmt.run({ ...values, id });
      })();
    },
    deleteSubscriptions(ids) {
      db.transaction(() => {
        for (const id of ids) q.deleteSub.run(id);
      })();
    },
    unseen(feedId, keys) {
      const out = new Set(keys);
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK);
        for (const row of seenQuery(chunk.length).all(feedId, ...chunk)) {
          out.delete(row.item_key);
        }
      }
      return out;
    },
    markSeen(feedId, keys, now) {
      for (const key of keys) q.markSeen.run(feedId, key, now);
    },
    pauseChannel: (channel, reason, now) => void q.pauseChannel.run(channel, reason, now),
    resumeChannel: (channel) => void q.resumeChannel.run(channel),
    pausedChannels: () => q.pausedChannels.all(),
  };
  return store;
}

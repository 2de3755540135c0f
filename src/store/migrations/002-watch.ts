import type { Migration } from './types.ts';

/**
 * Watch lists (feeds, subscriptions), the items each feed has already delivered (seen_items), channels paused because
 * they refused the bot, and the outbox the dispatcher drains. Times are epoch milliseconds.
 * A feed URL is stored once; each (feed, channel) pair is one subscription.
 */
export const watchMigration: Migration = {
  version: 2,
  name: 'watch',
  sql: `
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      title TEXT,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'disabled')),
      full_text INTEGER NOT NULL DEFAULT 0,
      interval_ms INTEGER,
      etag TEXT,
      last_modified TEXT,
      failures INTEGER NOT NULL DEFAULT 0,
      next_poll_at INTEGER,
      last_poll_at INTEGER,
      last_result TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX feeds_due ON feeds (state, next_poll_at);

    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY,
      feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      channel TEXT NOT NULL,
      scope TEXT,
      level TEXT NOT NULL DEFAULT 'new' CHECK (level IN ('contradicts', 'new', 'all')),
      include_words TEXT NOT NULL DEFAULT '[]',
      exclude_words TEXT NOT NULL DEFAULT '[]',
      paused INTEGER NOT NULL DEFAULT 0,
      paused_reason TEXT,
      UNIQUE (feed_id, channel)
    );
    CREATE INDEX subscriptions_channel ON subscriptions (channel);

    CREATE TABLE seen_items (
      feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      item_key TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (feed_id, item_key)
    ) WITHOUT ROWID;

    CREATE TABLE channel_pauses (
      channel TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      paused_at INTEGER NOT NULL
    );

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,
      feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    CREATE INDEX outbox_feed ON outbox (feed_id);
  `,
};

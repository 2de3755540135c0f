import type { Migration } from './types.ts';

/**
 * Facts about the watch lists as a whole (key → value). `first_feed_at` is written when the first feed is ever added
 * and never removed, so "this database has never watched a feed" survives the user removing every feed; the default
 * watch list is subscribed only then (and `default_feeds` records that it was). A database that already has feeds
 * when this runs gets `first_feed_at` from its oldest one.
 * `feeds.first_fetch_pending` marks a feed stored without being fetched (the default list): until one fetch of it
 * succeeds, what it serves is recorded as its back catalogue, however many of its first polls failed.
 */
export const watchMetaMigration: Migration = {
  version: 6,
  name: 'watch-meta',
  sql: `
    CREATE TABLE watch_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE feeds ADD COLUMN first_fetch_pending INTEGER NOT NULL DEFAULT 0;
    INSERT INTO watch_meta (key, value) SELECT 'first_feed_at', CAST(min(created_at) AS TEXT) FROM feeds HAVING count(*) > 0;
  `,
};

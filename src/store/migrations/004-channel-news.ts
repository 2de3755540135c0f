import type { Migration } from './types.ts';

/**
 * What each channel was told (see src/core/watch/channel-news.ts): the first report of each claim a feed brought, and
 * per channel the claims it heard of. Keyed by a hash of the claim's text, not its id: claim ids change on rebuild.
 */
export const channelNewsMigration: Migration = {
  version: 4,
  name: 'channel-news',
  sql: `
    CREATE TABLE feed_news (
      claim_key TEXT PRIMARY KEY,
      report TEXT NOT NULL,
      source TEXT NOT NULL,
      first_seen_at INTEGER NOT NULL
    );

    CREATE TABLE channel_told (
      channel TEXT NOT NULL,
      claim_key TEXT NOT NULL,
      told_at INTEGER NOT NULL,
      PRIMARY KEY (channel, claim_key)
    ) WITHOUT ROWID;
  `,
};

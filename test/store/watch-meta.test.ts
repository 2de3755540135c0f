import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';

/** The migrations up to (not including) watch-meta: a database as it was before that migration. */
const before = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.name === 'watch-meta'),
);

describe('whether a database ever watched a feed', () => {
  it('GIVEN a new database THEN it never had a feed; after one is added and removed THEN it still had one', () => {
    const watch = createSqliteWatchStore(openDatabase(':memory:'));
    expect(watch.everHadFeed()).toBe(false);
    const feed = watch.insertFeed({
      url: 'https://a.example/feed',
      title: null,
      fullText: false,
      intervalMs: null,
      etag: null,
      lastModified: null,
      nextPollAt: 0,
      lastPollAt: null,
      lastResult: 'added',
    });
    watch.deleteFeed(feed.id);
    expect(watch.listFeeds()).toEqual([]);
    expect(watch.everHadFeed()).toBe(true);
  });

  it('GIVEN a database from before the watch-meta migration that has feeds WHEN migrated THEN it counts as having had a feed', () => {
    const db = openDatabase(':memory:', before);
    db.prepare("INSERT INTO feeds (url, created_at) VALUES ('https://old.example/feed', 1700000000000)").run();
    migrate(db);
    expect(createSqliteWatchStore(db).everHadFeed()).toBe(true);
    const empty = openDatabase(':memory:', before);
    migrate(empty);
    expect(createSqliteWatchStore(empty).everHadFeed()).toBe(false);
  });
});

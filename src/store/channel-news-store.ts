/** SQLite adapter for the ChannelNewsStore port (tables from migration 004). */
import type { ClaimReport } from '../core/claims/types.ts';
import type { ChannelNewsStore, NewsRecord } from '../core/watch/channel-news.ts';
import type { Database } from './db.ts';

/** Lookups go in chunks so a long article stays under SQLite's parameter limit. */
const CHUNK = 400;

export function createSqliteChannelNewsStore(db: Database): ChannelNewsStore {
  const insertNews = db.prepare<[string, string, string, number]>(
    'INSERT OR IGNORE INTO feed_news (claim_key, report, source, first_seen_at) VALUES (?, ?, ?, ?)',
  );
  const insertTold = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO channel_told (channel, claim_key, told_at) VALUES (?, ?, ?)',
  );
  const statements = new Map<string, ReturnType<typeof db.prepare>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const inChunks = <R>(keys: readonly string[], sql: (marks: string) => string, head: readonly string[]): R[] => {
    const out: R[] = [];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      out.push(...(prepared(sql(`${'?,'.repeat(chunk.length - 1)}?`)).all([...head, ...chunk]) as R[]));
    }
    return out;
  };
  return {
    recordNews(entries, now) {
      db.transaction(() => {
        for (const e of entries) insertNews.run(e.key, JSON.stringify(e.report), e.source, now);
      })();
    },
    news(keys) {
      const rows = inChunks<{ claim_key: string; report: string; source: string }>(
        [...new Set(keys)],
        (marks) => `SELECT claim_key, report, source FROM feed_news WHERE claim_key IN (${marks})`,
        [],
      );
      return new Map<string, NewsRecord>(
        rows.map((r) => [r.claim_key, { report: JSON.parse(r.report) as ClaimReport, source: r.source }]),
      );
    },
    told(channel, keys) {
      const rows = inChunks<{ claim_key: string }>(
        [...new Set(keys)],
        (marks) => `SELECT claim_key FROM channel_told WHERE channel = ? AND claim_key IN (${marks})`,
        [channel],
      );
      return new Set(rows.map((r) => r.claim_key));
    },
    markTold(channel, keys, now) {
      db.transaction(() => {
        for (const k of keys) insertTold.run(channel, k, now);
      })();
    },
  };
}

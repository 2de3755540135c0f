/** SQLite adapters for the LLM judge's answer cache and hourly call budget (tables from migration 008). */
import type { Verdict } from '../core/claims/types.ts';
import type { JudgeAnswer, LlmAnswerCache, LlmBudget } from '../core/llm/ports.ts';
import type { Database } from './db.ts';

const HOUR_MS = 3_600_000;

export function createSqliteLlmAnswerCache(db: Database, now: () => number = Date.now): LlmAnswerCache {
  const get = db.prepare<[string], { verdict: Verdict; claim_id: number | null; reason: string }>(
    'SELECT verdict, claim_id, reason FROM llm_answers WHERE key = ?',
  );
  const put = db.prepare<[string, string, string, Verdict, number | null, string, number]>(
    `INSERT OR REPLACE INTO llm_answers (key, model, sentence, verdict, claim_id, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    get(key): JudgeAnswer | undefined {
      const row = get.get(key);
      return row ? { verdict: row.verdict, claim: row.claim_id, reason: row.reason } : undefined;
    },
    put(key, { model, sentence, answer }) {
      put.run(key, model, sentence, answer.verdict, answer.claim, answer.reason, now());
    },
  };
}

/**
 * At most `maxPerHour` calls in any hour, counted in the database: one statement checks and records the call, so two
 * processes sharing the file cannot both take the last one.
 */
export function createSqliteLlmBudget(db: Database, maxPerHour: number, now: () => number = Date.now): LlmBudget {
  const prune = db.prepare<[number]>('DELETE FROM llm_calls WHERE at <= ?');
  const take = db.prepare<[number, number, number]>(
    'INSERT INTO llm_calls (at) SELECT ? WHERE (SELECT count(*) FROM llm_calls WHERE at > ?) < ?',
  );
  return {
    take() {
      const t = now();
      prune.run(t - HOUR_MS);
      return take.run(t, t - HOUR_MS, maxPerHour).changes === 1;
    },
  };
}

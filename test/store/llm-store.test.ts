/** The LLM judge's SQLite cache and hourly budget (migration 008): answers survive a reopen; the budget is shared. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createSqliteLlmAnswerCache, createSqliteLlmBudget } from '../../src/store/llm-store.ts';
import { tempDir } from '../watch/cli-child.ts';

describe('the LLM answer cache and budget', () => {
  it('GIVEN an answer stored WHEN the database is closed and opened again THEN it is still there, by its key only', () => {
    const tmp = tempDir('claimwatch-llm-store-');
    try {
      const file = join(tmp.dir, 'c.db');
      let db = openDatabase(file);
      createSqliteLlmAnswerCache(db).put('k1', {
        model: 'm',
        sentence: 'A sentence.',
        answer: { verdict: 'contradicts', claim: 7, reason: 'Different brigade.' },
      });
      db.close();
      db = openDatabase(file);
      const cache = createSqliteLlmAnswerCache(db);
      expect(cache.get('k1')).toEqual({ verdict: 'contradicts', claim: 7, reason: 'Different brigade.' });
      expect(cache.get('k2')).toBeUndefined();
      db.close();
    } finally {
      tmp.remove();
    }
  });

  it('GIVEN a budget of 2 an hour WHEN two stores on one database take calls THEN the third is refused until an hour has passed', () => {
    const db = openDatabase(':memory:');
    let now = 1_000_000;
    const a = createSqliteLlmBudget(db, 2, () => now);
    const b = createSqliteLlmBudget(db, 2, () => now);
    expect([a.take(), b.take(), a.take()]).toEqual([true, true, false]);
    now += 3_599_000;
    expect(b.take()).toBe(false);
    now += 1_000;
    expect([a.take(), b.take(), a.take()]).toEqual([true, true, false]);
    db.close();
  });
});

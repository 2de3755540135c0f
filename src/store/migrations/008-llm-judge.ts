import type { Migration } from './types.ts';

/**
 * The optional LLM judge (src/core/llm). `llm_answers`: each answer by its key, a hash of (model, sentence, the
 * candidate claims offered with their text), so a repeat costs no call and survives a restart; the model, sentence and
 * answer are kept readable. `llm_calls`: when each call was made, so CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR holds across
 * restarts and across processes sharing the file (`run` beside `check`); rows older than an hour are pruned.
 */
export const llmJudgeMigration: Migration = {
  version: 8,
  name: 'llm-judge',
  sql: `
    CREATE TABLE llm_answers (
      key TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      sentence TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('known', 'contradicts', 'new', 'offtopic')),
      claim_id INTEGER,
      reason TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE llm_calls (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
    CREATE INDEX llm_calls_at ON llm_calls (at);
  `,
};

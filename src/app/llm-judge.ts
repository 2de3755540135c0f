/** Wires the optional LLM judge: the openai client for the configured server, with its cache and budget in the database. */
import type { LlmConfig } from '../config.ts';
import { createLlmJudge, type LlmJudge } from '../core/llm/index.ts';
import type { Log } from '../core/watch/ports.ts';
import { createOpenAiClient } from '../llm/openai-client.ts';
import type { Database } from '../store/db.ts';
import { createSqliteLlmAnswerCache, createSqliteLlmBudget } from '../store/llm-store.ts';

/** The judge for `config`, or undefined when its mode is off. */
export function configuredLlmJudge(db: Database, config: LlmConfig | undefined, log: Log): LlmJudge | undefined {
  if (!config || config.mode === 'off') return undefined;
  // the origin only: a URL may carry credentials, and the key is never logged
  log.info(
    { model: config.model, mode: config.mode, server: new URL(config.url).origin, perHour: config.maxCallsPerHour },
    'LLM judge on',
  );
  return createLlmJudge({
    client: createOpenAiClient({ baseURL: config.url, apiKey: config.apiKey, timeoutMs: config.timeoutMs }),
    cache: createSqliteLlmAnswerCache(db),
    budget: createSqliteLlmBudget(db, config.maxCallsPerHour),
    log,
    model: config.model,
    mode: config.mode,
  });
}

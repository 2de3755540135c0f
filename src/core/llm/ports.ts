/**
 * The optional LLM judge's ports: a chat-completions client (any OpenAI-compatible server), the answer cache and the
 * call budget. Adapters: src/llm/openai-client.ts, src/store/llm-store.ts.
 */
import type { Verdict } from '../claims/types.ts';

export interface LlmMessage {
  role: 'system' | 'user';
  content: string;
}

/** One chat completion asked for structured output: the answer must be JSON for `schema`. */
export interface LlmRequest {
  model: string;
  messages: LlmMessage[];
  schema: { name: string; schema: Record<string, unknown> };
}

/** Why a call brought no answer; `message` is fit for a log line and never holds the API key. */
export class LlmCallError extends Error {
  override readonly name = 'LlmCallError';
  constructor(
    readonly kind: 'timeout' | 'http' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LlmClient {
  /** The answer's text (choices[0].message.content). Throws LlmCallError when the server gave none. */
  complete(request: LlmRequest): Promise<string>;
}

/** What the judge answered, once checked against the claims it was offered. */
export interface JudgeAnswer {
  verdict: Verdict;
  /** The offered claim it names; null for new and offtopic. */
  claim: number | null;
  reason: string;
}

/** Answers by (model, sentence, candidate set), kept in the database so a repeat costs nothing after a restart. */
export interface LlmAnswerCache {
  get(key: string): JudgeAnswer | undefined;
  put(key: string, entry: { model: string; sentence: string; answer: JudgeAnswer }): void;
}

/** CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR: `take()` is true and counts the call when the last hour has room for it. */
export interface LlmBudget {
  take(): boolean;
}

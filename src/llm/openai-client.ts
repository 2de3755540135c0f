/**
 * The LlmClient port over the `openai` npm client, which speaks to every OpenAI-compatible server (Ollama,
 * llama.cpp's server, vLLM, hosted APIs). Everything comes from claimwatch's own configuration: the client is told
 * not to read OPENAI_* variables, not to retry (the judge's budget counts calls), and not to log. No API key (a local
 * server) sends no Authorization header at all. Errors are turned into LlmCallError with a message that names the
 * failure and never the key. The package is loaded on the first call: with the judge off (the default) the service
 * never pays its start-up time or memory.
 */
import type OpenAI from 'openai';
import { LlmCallError, type LlmClient } from '../core/llm/ports.ts';

export interface OpenAiClientOptions {
  /** The server's OpenAI-compatible base URL (e.g. http://127.0.0.1:11434/v1). */
  baseURL: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

type Sdk = typeof import('openai');
let sdk: Promise<Sdk> | undefined;

export function createOpenAiClient({ baseURL, apiKey, timeoutMs }: OpenAiClientOptions): LlmClient {
  let opened: Promise<{ sdk: Sdk; client: OpenAI }> | undefined;
  const open = () => {
    sdk ??= import('openai');
    opened ??= sdk.then((m) => ({ sdk: m, client: newClient(m, { baseURL, apiKey, timeoutMs }) }));
    return opened;
  };
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  return {
    async complete(request) {
      const { sdk: m, client } = await open();
      try {
        const res = await client.chat.completions.create({
          model: request.model,
          messages: request.messages,
          temperature: 0,
          response_format: {
            type: 'json_schema',
            json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true },
          },
        });
        const content = res.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new LlmCallError('http', 'the server answered with no message content');
        return content;
      } catch (err) {
        throw toCallError(err, seconds, m);
      }
    },
  };
}

function newClient(m: Sdk, { baseURL, apiKey, timeoutMs }: OpenAiClientOptions): OpenAI {
  return new m.default({
    baseURL,
    // the client refuses to start without a credential; with none configured the header is dropped below
    apiKey: apiKey ?? 'none',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    ...(apiKey ? {} : { defaultHeaders: { Authorization: null } }),
  });
}

function toCallError(
  err: unknown,
  seconds: string,
  { APIConnectionTimeoutError, APIConnectionError, APIError }: Sdk,
): LlmCallError {
  if (err instanceof LlmCallError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    return new LlmCallError('timeout', `the LLM server did not answer within ${seconds}`, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    return new LlmCallError('network', `cannot reach the LLM server (${causeOf(err)})`, { cause: err });
  }
  if (err instanceof APIError) {
    return new LlmCallError('http', `the LLM server answered HTTP ${err.status ?? '?'}`, { cause: err });
  }
  // e.g. an answer body that is not the chat.completion JSON
  return new LlmCallError(
    'http',
    `unusable answer from the LLM server (${err instanceof Error ? err.name : 'error'})`,
    {
      cause: err,
    },
  );
}

/** The first error code down the cause chain (fetch's "fetch failed" wraps the socket's ECONNREFUSED). */
function causeOf(err: { cause?: unknown }): string {
  let e: unknown = err.cause;
  let message: string | undefined;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, message: m, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (typeof m === 'string') message = m;
    e = cause;
  }
  return message ?? 'connection failed';
}

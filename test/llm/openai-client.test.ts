/**
 * The openai-client adapter against the loopback chat-completions stand-in: what it sends (model, structured output,
 * the key as a Bearer header, no header without a key, whatever OPENAI_* says), and how each failure reads.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_SCHEMA, LlmCallError, type LlmRequest } from '../../src/core/llm/index.ts';
import { createOpenAiClient } from '../../src/llm/openai-client.ts';
import { type LlmServer, startLlmServer } from '../fakes/llm-server.ts';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(async () => server?.close());
afterEach(() => {
  server.behave({ kind: 'answer' });
  server.requests.length = 0;
});

const request: LlmRequest = {
  model: 'qwen-local',
  messages: [
    { role: 'system', content: 'judge' },
    { role: 'user', content: 'Sentence: x\nKnown claims:\n#4: y (a.txt, undated)' },
  ],
  schema: { name: ANSWER_SCHEMA.name, schema: ANSWER_SCHEMA.schema },
};

/** A loopback port nothing listens on (taken from the system, then let go). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<LlmCallError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LlmCallError);
  return err as LlmCallError;
}

describe('the openai client adapter', () => {
  it('GIVEN a key WHEN asked THEN the request names the model, asks for the JSON schema, carries Bearer <key>, and the content comes back', async () => {
    const client = createOpenAiClient({ baseURL: server.baseUrl, apiKey: 'sk-local-123456789', timeoutMs: 5_000 });
    const content = await client.complete(request);
    expect(JSON.parse(content)).toEqual({ verdict: 'contradicts', claim: 4, reason: expect.any(String) });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      model: 'qwen-local',
      authorization: 'Bearer sk-local-123456789',
      responseFormat: { type: 'json_schema', json_schema: { name: 'claim_verdict', strict: true } },
    });
  });

  it('GIVEN no key, and OPENAI_API_KEY / OPENAI_BASE_URL in the environment WHEN asked THEN no Authorization header is sent, to the configured server', async () => {
    const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
    process.env.OPENAI_API_KEY = 'sk-from-elsewhere-000000';
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    try {
      const client = createOpenAiClient({ baseURL: server.baseUrl, apiKey: undefined, timeoutMs: 5_000 });
      await client.complete(request);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.authorization).toBeUndefined();
    } finally {
      for (const [k, v] of [
        ['OPENAI_API_KEY', saved.key],
        ['OPENAI_BASE_URL', saved.url],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('GIVEN a server that answers 500, hangs, or is not there WHEN asked THEN one call, and an error saying which (never the key)', async () => {
    const key = 'sk-local-secret-987654321';
    const client = createOpenAiClient({ baseURL: server.baseUrl, apiKey: key, timeoutMs: 1_000 });
    server.behave({ kind: 'status', status: 500 });
    const http = await failure(client.complete(request));
    expect([http.kind, http.message]).toEqual(['http', 'the LLM server answered HTTP 500']);
    expect(server.requests).toHaveLength(1);

    server.behave({ kind: 'hang' });
    const slow = await failure(client.complete(request));
    expect([slow.kind, slow.message]).toEqual(['timeout', 'the LLM server did not answer within 1 s']);
    expect(server.requests).toHaveLength(2);

    const gone = createOpenAiClient({
      baseURL: `http://127.0.0.1:${await closedPort()}/v1`,
      apiKey: key,
      timeoutMs: 1_000,
    });
    const down = await failure(gone.complete(request));
    expect(down.kind).toBe('network');
    expect(down.message).toBe('cannot reach the LLM server (ECONNREFUSED)');
    for (const e of [http, slow, down]) expect(e.message).not.toContain(key);
  });

  it('GIVEN a server outside loopback WHEN asked under the network guard THEN the connection is refused before a packet leaves', async () => {
    const outside = createOpenAiClient({ baseURL: 'http://10.0.0.1/v1', apiKey: 'sk-x-12345678', timeoutMs: 5_000 });
    const refused = await failure(outside.complete(request));
    expect(refused.kind).toBe('network');
    expect(refused.message).toBe('cannot reach the LLM server (ECONNREFUSED)');
    expect(server.requests).toEqual([]);
  });
});

/**
 * A loopback stand-in for an OpenAI-compatible model server (Ollama, llama.cpp's server, vLLM): it speaks
 * POST /v1/chat/completions and answers the standard chat.completion JSON with the answer in
 * choices[0].message.content. It records every request (model, Authorization header, response_format, the claims the
 * prompt offered) and can be told to answer 500, to hang past the client's timeout, to send content that is not JSON,
 * or to name a claim it was not offered.
 *
 * By default it answers `contradicts` naming the last claim offered, so a test can tell its verdict from the engine's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedLlmRequest {
  path: string;
  model: string;
  authorization: string | undefined;
  responseFormat: unknown;
  /** The user message. */
  prompt: string;
  /** Claim ids the prompt listed (`#<id>: …` lines). */
  offered: number[];
}

export type LlmBehaviour =
  | { kind: 'answer'; answer?: (offered: number[]) => { verdict: string; claim: number | null; reason: string } }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'unoffered' };

export interface LlmServer {
  /** The base URL to give CLAIMWATCH_LLM_URL (…/v1). */
  baseUrl: string;
  requests: RecordedLlmRequest[];
  behave(b: LlmBehaviour): void;
  close(): Promise<void>;
}

const defaultAnswer = (offered: number[]) => ({
  verdict: 'contradicts',
  claim: offered[offered.length - 1] ?? null,
  reason: 'The stand-in model says the figures cannot both be true.',
});

export async function startLlmServer(): Promise<LlmServer> {
  const requests: RecordedLlmRequest[] = [];
  let behaviour: LlmBehaviour = { kind: 'answer' };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const json = JSON.parse(body) as {
        model: string;
        messages: Array<{ role: string; content: string }>;
        response_format?: unknown;
      };
      const prompt = json.messages.find((m) => m.role === 'user')?.content ?? '';
      const offered = [...prompt.matchAll(/^#(\d+): /gm)].map((m) => Number(m[1]));
      requests.push({
        path: req.url,
        model: json.model,
        authorization: req.headers.authorization,
        responseFormat: json.response_format,
        prompt,
        offered,
      });
      const b = behaviour;
      if (b.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (b.kind === 'status') {
        res.writeHead(b.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'the stand-in is down', type: 'server_error' } }));
        return;
      }
      let content: string;
      if (b.kind === 'malformed') content = '{"verdict": "known", "claim": ';
      else if (b.kind === 'unoffered') {
        content = JSON.stringify({ verdict: 'known', claim: Math.max(0, ...offered) + 1000, reason: 'made up' });
      } else content = JSON.stringify((b.answer ?? defaultAnswer)(offered));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: json.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    behave(b) {
      behaviour = b;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

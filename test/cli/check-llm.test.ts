/**
 * `claimwatch check` with the optional LLM judge, as an operator runs it (child processes, database in a temp folder),
 * against a loopback stand-in speaking the OpenAI chat-completions protocol through the real `openai` client.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlmBehaviour, type LlmServer, startLlmServer } from '../fakes/llm-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';
import { ON_TOPIC } from '../watch/harness.ts';

interface CheckLine {
  id: string;
  verdict: string;
  claims: Array<{
    sentence: string;
    verdict: string;
    reason: string;
    judgedBy?: string;
    matches: Array<{ claimId: number; relation: string }>;
  }>;
}

const KEY = 'sk-test-5ecr3t-llm-key-0123456789';
const MODEL = 'stand-in-7b';
const FURNITURE = 'Subscribe to our newsletter for daily updates.';

let server: LlmServer;
let tmp: ReturnType<typeof tempDir>;
let plain: NodeJS.ProcessEnv;
let withLlm: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startLlmServer();
  tmp = tempDir('claimwatch-check-llm-');
  plain = childEnv(join(tmp.dir, 'claimwatch.db'));
  withLlm = {
    ...plain,
    CLAIMWATCH_LLM_URL: server.baseUrl,
    CLAIMWATCH_LLM_MODEL: MODEL,
    CLAIMWATCH_LLM_API_KEY: KEY,
    CLAIMWATCH_LLM_MODE: 'all',
    CLAIMWATCH_LLM_TIMEOUT: '1s',
  };
  const built = await runCli(['build'], plain);
  expect(built.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

/** The engine's own verdict of `text`, with no LLM configured. */
async function engineAlone(text: string): Promise<CheckLine> {
  const r = await runCli(['check', '--json', text], plain);
  expect(r.code).toBe(0);
  return jsonLines<CheckLine>(r.stdout)[0] as CheckLine;
}

/** Log lines at level warn (pino JSON lines: stderr is no terminal here). */
function warnings(stderr: string): Array<{ msg: string }> {
  return jsonLines<{ level: number; msg: string }>(stderr).filter((l) => l.level === 40);
}

describe('claimwatch check with CLAIMWATCH_LLM_MODE=all', () => {
  it('GIVEN a stand-in model WHEN a text is checked THEN one request per on-topic sentence, with the model and the key, and the verdict is the judge’s, saying so; AND the same check again makes no request', async () => {
    const sentences = [ON_TOPIC[1] as string, ON_TOPIC[3] as string, FURNITURE];
    const alone = await engineAlone(sentences.join(' '));
    const onTopic = alone.claims.filter((c) => c.verdict !== 'offtopic').map((c) => c.sentence);
    expect(onTopic).toHaveLength(2);
    server.requests.length = 0;

    const r = await runCli(['check', '--json', sentences.join(' ')], withLlm);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    for (const req of server.requests) {
      expect(req.path).toBe('/v1/chat/completions');
      expect(req.model).toBe(MODEL);
      expect(req.authorization).toBe(`Bearer ${KEY}`);
      expect(req.responseFormat).toMatchObject({ type: 'json_schema', json_schema: { name: 'claim_verdict' } });
      expect(req.offered.length).toBeGreaterThan(0);
      expect(req.prompt).toMatch(/^#\d+: .+ \(.+, (\d{4}-\d\d-\d\d|undated)\)$/m);
    }
    const [line] = jsonLines<CheckLine>(r.stdout);
    expect(line?.verdict).toBe('contradicts');
    for (const sentence of onTopic) {
      const claim = line?.claims.find((c) => c.sentence === sentence);
      const req = server.requests.find((q) => q.prompt.includes(sentence));
      // the stand-in says contradicts, naming the last claim it was offered
      expect(claim).toMatchObject({ verdict: 'contradicts', judgedBy: MODEL });
      expect(claim?.matches[0]).toMatchObject({ claimId: req?.offered.at(-1), relation: 'contradicts' });
      expect(claim?.reason).toContain(`judged by ${MODEL}: The stand-in model says`);
    }
    const furniture = line?.claims.find((c) => c.sentence === FURNITURE);
    expect(furniture?.verdict).toBe('offtopic');
    expect(furniture?.judgedBy).toBeUndefined();
    expect(warnings(r.stderr)).toEqual([]);

    // again, as people read it: answered from the cache, no request
    const again = await runCli(['check', sentences.join(' ')], withLlm);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(again.stdout).toMatch(/^Verdict: CONTRADICTS$/m);
    expect(again.stdout).toContain(`judged by ${MODEL}`);
    for (const out of [r.stdout, r.stderr, again.stdout, again.stderr]) expect(out).not.toContain(KEY);
  }, 90_000);

  const faults: Array<[string, LlmBehaviour, string, RegExp]> = [
    ['answers HTTP 500', { kind: 'status', status: 500 }, ON_TOPIC[0] as string, /no answer from the server/],
    ['hangs past the timeout', { kind: 'hang' }, ON_TOPIC[2] as string, /no answer from the server/],
    ['returns malformed JSON', { kind: 'malformed' }, ON_TOPIC[1] as string, /answer refused/],
    ['names a claim it was not offered', { kind: 'unoffered' }, ON_TOPIC[3] as string, /answer refused/],
  ];
  for (const [what, behaviour, sentence, warning] of faults) {
    it(`GIVEN a stand-in that ${what} WHEN a sentence is checked THEN the engine's verdict stands, exit 0, one warning, and the key is in no output`, async () => {
      // a fresh database: the sentence was answered in the test above for some cases
      const dir = tempDir('claimwatch-check-llm-fault-');
      try {
        const env = { ...withLlm, CLAIMWATCH_DB: join(dir.dir, 'claimwatch.db') };
        const alone = await engineAlone(sentence);
        server.behave(behaviour);
        server.requests.length = 0;
        const r = await runCli(['check', '--json', sentence], env);
        expect(r.code).toBe(0);
        expect(server.requests).toHaveLength(1);
        const [line] = jsonLines<CheckLine>(r.stdout);
        expect(line?.claims.map((c) => [c.verdict, c.reason])).toEqual(alone.claims.map((c) => [c.verdict, c.reason]));
        expect(line?.claims.some((c) => c.judgedBy)).toBe(false);
        const warned = warnings(r.stderr);
        expect(warned).toHaveLength(1);
        expect(warned[0]?.msg).toMatch(warning);
        for (const out of [r.stdout, r.stderr]) expect(out).not.toContain(KEY);
      } finally {
        server.behave({ kind: 'answer' });
        dir.remove();
      }
    }, 90_000);
  }
});

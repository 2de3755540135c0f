/**
 * `claimwatch eval --llm`: the engine with the LLM judge scored beside the engine alone, with the calls made, against
 * a loopback OpenAI-compatible stand-in (child processes, database in a temp folder).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlmServer, startLlmServer } from '../fakes/llm-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';

interface System {
  macroF1: number;
  perClass: Record<string, { f1: number }>;
  confusion: Record<string, Record<string, number>>;
}
interface EvalJson {
  n: number;
  engine: System;
  baseline: System;
  llm?: {
    model: string;
    mode: string;
    calls: number;
    cached: number;
    failed: number;
    judged: number;
    withJudge: System;
    delta: { macroF1: number };
  };
}

let server: LlmServer;
let tmp: ReturnType<typeof tempDir>;
let plain: NodeJS.ProcessEnv;
let withLlm: NodeJS.ProcessEnv;
let file: string;

beforeAll(async () => {
  server = await startLlmServer();
  // the stand-in calls every sentence new
  server.behave({
    kind: 'answer',
    answer: () => ({ verdict: 'new', claim: null, reason: 'Nothing listed says this.' }),
  });
  tmp = tempDir('claimwatch-eval-llm-');
  plain = childEnv(join(tmp.dir, 'claimwatch.db'));
  withLlm = {
    ...plain,
    CLAIMWATCH_LLM_URL: server.baseUrl,
    CLAIMWATCH_LLM_MODEL: 'stand-in',
    CLAIMWATCH_LLM_MODE: 'all',
    CLAIMWATCH_LLM_TIMEOUT: '5s',
  };
  file = join(tmp.dir, 'small.jsonl');
  writeFileSync(
    file,
    [
      { sentence: 'Follow our live coverage on Telegram.', label: 'offtopic' },
      {
        sentence: 'Ukraine said it captured a wounded North Korean soldier in Kursk.',
        label: 'new',
        published: '2024-12-27',
      },
      {
        sentence: 'North Korea shipped 40 self-propelled howitzers to Russia by rail last week, according to HUR.',
        label: 'new',
      },
      {
        sentence: 'Pyongyang sent air defence crews to Russia to operate systems near Moscow, the NIS reported.',
        label: 'new',
      },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const built = await runCli(['build'], plain);
  expect(built.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe('claimwatch eval --llm', () => {
  it('GIVEN a stand-in model WHEN eval --llm runs THEN the engine alone is scored as without it, the judge beside it, with the calls made; AND a second run calls nothing', async () => {
    const alone = await runCli(['eval', file, '--json'], plain);
    expect(alone.code).toBe(0);
    const before = jsonLines<EvalJson>(alone.stdout)[0] as EvalJson;
    expect(before.llm).toBeUndefined();

    const r = await runCli(['eval', file, '--llm', '--json'], withLlm);
    expect(r.code).toBe(0);
    const report = jsonLines<EvalJson>(r.stdout)[0] as EvalJson;
    expect(report.engine).toEqual(before.engine);
    expect(report.baseline).toEqual(before.baseline);
    expect(report.llm).toMatchObject({ model: 'stand-in', mode: 'all', failed: 0, cached: 0 });
    expect(report.llm?.calls).toBe(server.requests.length);
    expect(report.llm?.calls).toBeGreaterThanOrEqual(3);
    expect(report.llm?.judged).toBe(report.llm?.calls);
    // every sentence the judge saw is new in its column; the labelled-new rows are all right with it
    expect(report.llm?.withJudge.confusion.new?.new).toBe(3);
    expect(report.llm?.delta.macroF1).toBeCloseTo((report.llm?.withJudge.macroF1 ?? 0) - report.engine.macroF1, 12);

    const calls = server.requests.length;
    const again = await runCli(['eval', file, '--llm'], withLlm);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(calls);
    expect(again.stdout).toContain(`LLM judge: stand-in, mode all: 0 calls made, ${calls} answers from the cache`);
    expect(again.stdout).toMatch(/^with judge - engine: macro-F1 [+-]\d\.\d{3}/m);
  }, 120_000);

  it('GIVEN no LLM server configured WHEN eval --llm runs THEN one line says what to set and the exit is not 0', async () => {
    const r = await runCli(['eval', file, '--llm'], plain);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--llm needs an LLM server: set CLAIMWATCH_LLM_URL and CLAIMWATCH_LLM_MODEL');
    expect(r.stdout).toBe('');
  }, 60_000);
});

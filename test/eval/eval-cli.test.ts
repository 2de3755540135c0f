import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'claimwatch.js');

let dir: string;
let db: string;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAIMWATCH_LOG_LEVEL: 'silent' };
  delete env.CLAIMWATCH_DB;
  const r = spawnSync(process.execPath, [...GUARDED_NODE_ARGS, BIN, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    // a large split's --json, with every mistake and its reason, passes spawnSync's 1 MiB default
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ClassFigures {
  f1: number;
}
interface EvalJson {
  n: number;
  labels: Record<string, number>;
  engine: {
    perClass: Record<string, ClassFigures>;
    macroF1: number;
    confusion: Record<string, Record<string, number>>;
  };
  baseline: { perClass: Record<string, ClassFigures>; macroF1: number };
  delta: { macroF1: number; contradictsF1: number };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimwatch-eval-'));
  db = join(dir, 'claims.db');
  const built = cli(['build', '--db', db]);
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('claimwatch eval', () => {
  it('GIVEN --help WHEN run THEN it explains the file format and the options and exits 0', () => {
    const r = cli(['eval', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--db <file>');
    expect(r.stdout).toContain('seed_quote');
  });

  it('GIVEN a small labelled set WHEN run with --json THEN it prints one object with both systems and the deltas', () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(
      file,
      [
        { sentence: 'Follow our live coverage on Telegram.', label: 'offtopic' },
        { sentence: 'Tottenham beat Manchester City 2-1 on Wednesday.', label: 'offtopic' },
        {
          sentence: 'Ukraine said it captured a wounded North Korean soldier in Kursk.',
          label: 'new',
          published: '2024-12-27',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const r = cli(['eval', file, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string) as EvalJson;
    expect(report.n).toBe(3);
    expect(report.labels).toEqual({ known: 0, contradicts: 0, new: 1, offtopic: 2 });
    expect(Object.keys(report.engine.perClass)).toEqual(['known', 'contradicts', 'new', 'offtopic']);
    expect(report.delta.macroF1).toBeCloseTo(report.engine.macroF1 - report.baseline.macroF1, 12);
    const confusionTotal = Object.values(report.engine.confusion)
      .flatMap((row) => Object.values(row))
      .reduce((s, x) => s + x, 0);
    expect(confusionTotal).toBe(3);
  });

  it('GIVEN a labelled set WHEN run without --json THEN it prints the table, macro-F1, the baseline and the confusion matrix', () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ sentence: 'Read more', label: 'offtopic' })}\n`);
    const r = cli(['eval', file, '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('baseline P');
    expect(r.stdout).toContain('macro-F1');
    expect(r.stdout).toContain('Confusion matrix, engine');
    expect(r.stdout).toContain('Confusion matrix, keyword baseline');
  });

  it('GIVEN a file that does not exist WHEN run THEN it says so and exits non-zero', () => {
    const r = cli(['eval', join(dir, 'nope.jsonl'), '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cannot read the labelled set');
    expect(r.stderr).toContain('no such file');
    expect(r.stdout).toBe('');
  });

  it('GIVEN a malformed line WHEN run THEN the error names its line number and it exits non-zero', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ sentence: 'Read more', label: 'offtopic' })}\n{"sentence": "x", "label": "known"}\n`,
    );
    const r = cli(['eval', file, '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('line 2: "seed_file" is required');
  });

  it('GIVEN no FILE WHEN run THEN commander reports the missing argument and exits non-zero', () => {
    const r = cli(['eval', '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('missing required argument');
  });
});

const FROZEN_SPLITS = ['test-frozen', 'test-frozen-2', 'test-frozen-3'].map((name) => ({
  name,
  path: new URL(`../fixtures/eval/real/${name}/claims.jsonl`, import.meta.url).pathname,
}));

describe('real reporting (issue 8): the frozen test splits, never trained or tuned on', () => {
  // a floor against breakage, well under what the engine measures (the README has the figures): the splits are
  // small, so their scores move by several points between trainings
  for (const split of FROZEN_SPLITS) {
    it(`GIVEN a database built from seeds/ WHEN ${split.name} is evaluated THEN the engine beats the keyword baseline clearly`, () => {
      const r = cli(['eval', split.path, '--db', db, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as EvalJson;
      const figures = JSON.stringify({ engine: report.engine.macroF1, baseline: report.baseline.macroF1 });
      expect(report.n).toBeGreaterThanOrEqual(150);
      expect(report.engine.macroF1, figures).toBeGreaterThanOrEqual(0.4);
      expect(report.delta.macroF1, figures).toBeGreaterThanOrEqual(0.15);
    }, 120_000);
  }
});

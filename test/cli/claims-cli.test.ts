import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'claimwatch.js');
const SEEDS = join(ROOT, 'seeds');

let dir: string;
let builtDb: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAIMWATCH_LOG_LEVEL: 'silent', ...opts.env };
  if (!opts.env?.CLAIMWATCH_DB) delete env.CLAIMWATCH_DB;
  const r = spawnSync(process.execPath, [...GUARDED_NODE_ARGS, BIN, ...args], {
    cwd: dir,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(out: string): Array<Record<string, unknown>> {
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A private copy of the built database, so a test that writes does not disturb the others. */
function copyDb(name: string): string {
  const path = join(dir, `${name}.db`);
  copyFileSync(builtDb, path);
  return path;
}

function counts(dbPath: string): unknown {
  const db = openDatabase(dbPath);
  try {
    return db
      .prepare(
        'SELECT (SELECT count(*) FROM claims) AS c, (SELECT count(*) FROM evidence) AS e, (SELECT count(*) FROM claim_relations) AS r',
      )
      .get();
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimwatch-cli-'));
  builtDb = join(dir, 'built.db');
  const r = cli(['build', '--seeds', SEEDS, '--db', builtDb, '--json']);
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  // checkpoint the WAL into the main file so copies of it are complete
  const db = openDatabase(builtDb);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claimwatch help and errors', () => {
  it('GIVEN --help WHEN run THEN the claims commands are listed and the exit code is 0', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const name of ['build', 'check', 'claims']) expect(r.stdout).toContain(name);
    const check = cli(['check', '--help']);
    expect(check.status).toBe(0);
    for (const opt of ['--db', '--json', '--jsonl', '--learn']) expect(check.stdout).toContain(opt);
    expect(cli(['claims', 'show', '--help']).stdout).toContain('<id>');
  });

  it('GIVEN an unknown option WHEN run THEN commander explains and the exit code is non-zero', () => {
    const r = cli(['check', '--no-such-flag', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown option/);
  });

  it('GIVEN a seeds folder that does not exist WHEN building THEN one clear line and exit 2', () => {
    const r = cli(['build', '--seeds', join(dir, 'missing'), '--db', join(dir, 'never.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^claimwatch: cannot read the seeds folder/);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });
  it('GIVEN a database path that is a folder or not a database WHEN used THEN one clear line and exit 2', () => {
    const notDb = join(dir, 'not-a-db.db');
    writeFileSync(notDb, 'hello, I am text');
    const r = cli(['claims', 'list', '--db', notDb]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^claimwatch: cannot open the database .*not a database/);
    const folder = cli(['check', '--db', dir, 'North Korea sent troops']);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/^claimwatch: cannot open the database/);
  });
});

describe('claimwatch build', () => {
  it('GIVEN the seeds WHEN built with --json THEN one object with counts and conflicts in the documented shape', () => {
    const r = cli(['build', '--seeds', SEEDS, '--db', join(dir, 'b.db'), '--json']);
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(1);
    const out = lines[0] as { claims: number; evidence: number; conflicts: Array<Record<string, unknown>> };
    expect(out.claims).toBeGreaterThan(0);
    expect(out.evidence).toBeGreaterThanOrEqual(out.claims);
    expect(out.conflicts.length).toBeGreaterThan(0);
    expect(Object.keys(out.conflicts[0] ?? {}).sort()).toEqual(['a', 'b', 'reason']);
    expect(Object.keys((out.conflicts[0]?.a as object) ?? {}).sort()).toEqual(['quote', 'source']);
    const human = cli(['build', '--seeds', SEEDS, '--db', join(dir, 'b.db')]);
    expect(human.stdout).toContain(`${out.claims} claims`);
  });
});

describe('claimwatch check', () => {
  it('GIVEN a sentence as arguments WHEN checked with --json THEN one line in the documented shape', () => {
    const r = cli(['check', '--db', builtDb, '--json', 'North Korea sent 12,000 troops']);
    expect(r.status).toBe(0);
    const [line, ...rest] = jsonLines(r.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(line ?? {}).sort()).toEqual(['claims', 'id', 'verdict']);
    const claims = line?.claims as Array<Record<string, unknown>>;
    expect(claims.length).toBeGreaterThan(0);
    expect(Object.keys(claims[0] ?? {}).sort()).toEqual(['matches', 'reason', 'sentence', 'verdict']);
    expect(['contradicts', 'known', 'new']).toContain(line?.verdict);
    const matched = claims.flatMap((c) => c.matches as Array<Record<string, unknown>>);
    expect(matched.length).toBeGreaterThan(0);
    expect(Object.keys(matched[0] ?? {}).sort()).toEqual(['claimId', 'evidence', 'relation', 'text']);
    const evidence = ((matched[0]?.evidence ?? []) as Array<Record<string, unknown>>)[0];
    expect(Object.keys(evidence ?? {}).sort()).toEqual(['published', 'quote', 'source']);
  });

  it('GIVEN a sentence WHEN checked without --json THEN a table shows the verdict and the reason', () => {
    const r = cli(['check', '--db', builtDb, 'Follow our coverage on Telegram']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/OFFTOPIC/);
    expect(r.stdout).toMatch(/verdict\s+sentence\s+matches\s+reason/);
  });

  it('GIVEN JSON lines on stdin WHEN checked THEN one output line per item, with its id', () => {
    const input = [
      JSON.stringify({ id: 'a1', text: 'Pyongyang is supplying artillery shells to Moscow.', title: 'Shells' }),
      '',
      JSON.stringify({ id: 7, text: 'Sign up for our newsletter.', link: 'https://news.example/x' }),
    ].join('\n');
    const r = cli(['check', '--db', builtDb, '--jsonl', '--json', '-'], { input });
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout).map((l) => l.id)).toEqual(['a1', 7]);
  });

  it('GIVEN a malformed JSON line WHEN checked THEN its line number is reported and the exit code is 2', () => {
    const input = `${JSON.stringify({ id: 1, text: 'ok' })}\n${JSON.stringify({ id: 2, text: 'ok' })}\n{"id": 3, "text": \n`;
    const r = cli(['check', '--db', builtDb, '--jsonl', '--json'], { input });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 3/);
    expect(r.stdout).toBe('');
    const missingText = cli(['check', '--db', builtDb, '--jsonl'], { input: '{"id": 1}\n' });
    expect(missingText.status).toBe(2);
    expect(missingText.stderr).toMatch(/line 1: "text"/);
  });

  it('GIVEN a text file WHEN checked THEN the whole file is one input named by its path', () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, 'Pyongyang is supplying artillery shells to Moscow.\n\nSign up for our newsletter.\n');
    const [line, ...rest] = jsonLines(cli(['check', '--db', builtDb, '--json', file]).stdout);
    expect(rest).toEqual([]);
    expect(line?.id).toBe(file);
    expect(((line?.claims ?? []) as unknown[]).length).toBe(2);
  });

  it('GIVEN a file name that does not exist WHEN checked THEN it is not judged as text: exit 2', () => {
    const r = cli(['check', '--db', builtDb, join(dir, 'missing.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no such file: .*missing\.txt/);
  });

  it('GIVEN nothing to read WHEN checked THEN it says so and exits 2', () => {
    const r = cli(['check', '--db', builtDb], { input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing to check/);
  });

  it('GIVEN a database WHEN checked without --learn THEN nothing is written', () => {
    const dbPath = copyDb('readonly');
    const before = counts(dbPath);
    const r = cli([
      'check',
      '--db',
      dbPath,
      '--json',
      'North Korean soldiers were captured by Ukrainian forces in Kursk.',
    ]);
    expect(r.status).toBe(0);
    expect(counts(dbPath)).toEqual(before);
  });

  it('GIVEN a new claim WHEN checked with --learn THEN checking it again finds it known', () => {
    const dbPath = copyDb('learn');
    const sentence = 'Ukrainian special forces captured two North Korean soldiers in the Kursk region, the SBU said.';
    // learning is under test, not the judgement: the deterministic rules call this sentence new
    const rules = { env: { CLAIMWATCH_ENGINE: 'rules' } };
    const first = jsonLines(cli(['check', '--db', dbPath, '--json', '--learn', sentence], rules).stdout)[0];
    expect(first?.verdict).toBe('new');
    const second = jsonLines(cli(['check', '--db', dbPath, '--json', sentence]).stdout)[0];
    expect(second?.verdict).toBe('known');
    const claims = second?.claims as Array<{ matches: Array<{ evidence: Array<{ source: string }> }> }>;
    expect(claims[0]?.matches[0]?.evidence.map((e) => e.source)).toContain('cli');
  });

  it('GIVEN CLAIMWATCH_DB naming a missing file WHEN checked THEN the database is built there first', () => {
    const dbPath = join(dir, 'env', 'claimwatch.db');
    const r = cli(['check', '--json', 'Kim Jong Un sent KN-23 missiles to Russia.'], {
      env: { CLAIMWATCH_DB: dbPath, CLAIMWATCH_SEEDS: SEEDS },
    });
    expect(r.status).toBe(0);
    expect(existsSync(dbPath)).toBe(true);
    expect((counts(dbPath) as { c: number }).c).toBeGreaterThan(0);
  });
});

describe('claimwatch claims', () => {
  it('GIVEN the built database WHEN listing, searching and showing THEN JSON carries claims with evidence', () => {
    const list = jsonLines(cli(['claims', 'list', '--db', builtDb, '--limit', '3', '--json']).stdout);
    expect(list).toHaveLength(3);
    const found = cli(['claims', 'search', 'artillery', 'shells', '--db', builtDb, '--json']);
    expect(found.status).toBe(0);
    const hits = jsonLines(found.stdout);
    expect(hits.length).toBeGreaterThan(0);
    const id = hits[0]?.id as number;
    const shown = jsonLines(cli(['claims', 'show', String(id), '--db', builtDb, '--json']).stdout)[0];
    expect(shown?.id).toBe(id);
    expect(((shown?.evidence ?? []) as unknown[]).length).toBeGreaterThan(0);
    expect(Array.isArray(shown?.related)).toBe(true);
    const human = cli(['claims', 'show', String(id), '--db', builtDb]);
    expect(human.stdout).toMatch(/Evidence:\n {2}- \S+\.txt/);
  });

  it('GIVEN a claim in a conflict WHEN shown THEN the related claim, relation and reason are printed', () => {
    const db = openDatabase(builtDb);
    const from = db.prepare("SELECT from_id FROM claim_relations WHERE relation = 'contradicts' LIMIT 1").pluck().get();
    db.close();
    const r = cli(['claims', 'show', String(from), '--db', builtDb]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/contradicts #\d+: .+\n {4}why: .+/);
  });

  it('GIVEN a bad or unknown id, or an empty query WHEN asked THEN a clear error and exit 2', () => {
    const unknown = cli(['claims', 'show', '99999', '--db', builtDb]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no claim #99999/);
    const bad = cli(['claims', 'show', 'abc', '--db', builtDb]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/positive whole number/);
    const empty = cli(['claims', 'search', '!!!', '--db', builtDb]);
    expect(empty.status).toBe(2);
    const limit = cli(['claims', 'list', '--limit', '0', '--db', builtDb]);
    expect(limit.status).toBe(2);
  });
});

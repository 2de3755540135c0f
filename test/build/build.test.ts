import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase, openClaimsApp, readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { UserError } from '../../src/core/errors.ts';
import { normaliseSpacing } from '../../src/core/seeds/index.ts';
import { silentLogger } from '../../src/logger.ts';
import { openDatabase } from '../../src/store/db.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-build-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function counts(dbPath: string) {
  const db = openDatabase(dbPath);
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM evidence) AS evidence,
                (SELECT count(*) FROM claim_relations) AS relations`,
      )
      .get();
  } finally {
    db.close();
  }
}

describe('build from the seeds', () => {
  it('GIVEN the seeds WHEN built twice THEN both builds give the same claims, evidence and conflicts', () => {
    const dbPath = join(tempDir(), 'data', 'claimwatch.db');
    const first = buildDatabase({ dbPath, seedsDir: SEEDS });
    const second = buildDatabase({ dbPath, seedsDir: SEEDS });
    expect(first.claims).toBeGreaterThan(20);
    expect(first.evidence).toBeGreaterThan(first.claims);
    expect(second).toEqual(first);
    expect(counts(dbPath)).toMatchObject({ claims: first.claims, evidence: first.evidence });
  });

  it('GIVEN the seeds WHEN built THEN the conflicts inside them are reported with both sides from the seeds', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    const result = buildDatabase({ dbPath, seedsDir: SEEDS });
    expect(result.conflicts.length).toBeGreaterThanOrEqual(1);
    const seedNames = new Set(readSeedDocuments(SEEDS).map((s) => s.name));
    for (const c of result.conflicts) {
      expect(seedNames.has(c.a.source)).toBe(true);
      expect(seedNames.has(c.b.source)).toBe(true);
      expect(c.a.quote).not.toBe('');
      expect(c.reason).not.toBe('');
    }
  });

  it('GIVEN the seeds WHEN built THEN every piece of evidence quotes its seed file exactly', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    buildDatabase({ dbPath, seedsDir: SEEDS });
    const texts = new Map(readSeedDocuments(SEEDS).map((s) => [s.name, normaliseSpacing(s.text)]));
    const db = openDatabase(dbPath);
    const rows = db.prepare('SELECT source, quote FROM evidence').all() as Array<{ source: string; quote: string }>;
    db.close();
    for (const row of rows) expect(texts.get(row.source)).toContain(row.quote);
  });

  it('GIVEN a seed with a repeated article WHEN built THEN no quote is stored twice for the same seed', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    buildDatabase({ dbPath, seedsDir: SEEDS });
    const db = openDatabase(dbPath);
    const dupes = db
      .prepare('SELECT source, quote, count(*) AS n FROM evidence GROUP BY source, quote HAVING n > 1')
      .all();
    db.close();
    expect(dupes).toEqual([]);
  });

  it('GIVEN two seeds with figures that cannot both be true WHEN built THEN build reports their conflict', () => {
    const seeds = tempDir();
    // the story file names the actors and sources; without one the engine knows no story (issue #10)
    copyFileSync(join(SEEDS, 'story.yml'), join(seeds, 'story.yml'));
    copyFileSync(join(SEEDS, 'examples.jsonl'), join(seeds, 'examples.jsonl'));
    writeFileSync(
      join(seeds, 'a.txt'),
      'date 2024-10-15\nUkrainian intelligence said North Korea has sent about 3,000 troops to Russia.\n',
    );
    writeFileSync(
      join(seeds, 'b.txt'),
      "date 2024-10-18\nSouth Korea's spy agency said North Korea has sent 12,000 troops to Russia.\n",
    );
    const result = buildDatabase({ dbPath: join(tempDir(), 'x.db'), seedsDir: seeds });
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ a: { source: 'b.txt' }, b: { source: 'a.txt' } });
  });
});

describe('build is atomic', () => {
  function builtDb(): { dbPath: string; before: unknown } {
    const dbPath = join(tempDir(), 'claimwatch.db');
    buildDatabase({ dbPath, seedsDir: SEEDS });
    return { dbPath, before: counts(dbPath) };
  }

  it('GIVEN a missing seeds folder WHEN building THEN a UserError names it and the old database is intact', () => {
    const { dbPath, before } = builtDb();
    const missing = join(tempDir(), 'no-such-folder');
    expect(() => buildDatabase({ dbPath, seedsDir: missing })).toThrow(/cannot read the seeds folder/);
    expect(() => buildDatabase({ dbPath, seedsDir: missing })).toThrow(UserError);
    expect(counts(dbPath)).toEqual(before);
  });

  it('GIVEN a seeds folder without .txt files WHEN building THEN it fails and the old database is intact', () => {
    const { dbPath, before } = builtDb();
    const empty = tempDir();
    writeFileSync(join(empty, 'notes.md'), 'not a seed');
    expect(() => buildDatabase({ dbPath, seedsDir: empty })).toThrow(/holds no \.txt files/);
    expect(counts(dbPath)).toEqual(before);
  });

  it('GIVEN a seed that cannot be read WHEN building THEN it fails naming the seed and the old database is intact', () => {
    const { dbPath, before } = builtDb();
    const seeds = tempDir();
    writeFileSync(join(seeds, 'a.txt'), 'North Korea sent troops to Russia.');
    mkdirSync(join(seeds, 'b.txt'));
    expect(() => buildDatabase({ dbPath, seedsDir: seeds })).toThrow(/cannot read seed .*b\.txt/);
    expect(counts(dbPath)).toEqual(before);
  });

  it('GIVEN a build that fails midway WHEN rebuilding THEN everything it wrote is rolled back', () => {
    const { dbPath, before } = builtDb();
    const db = openDatabase(dbPath);
    const failing = (() => {
      db.prepare("INSERT INTO claims (text, frame, terms) VALUES ('half-built', '{}', '[]')").run();
      throw new Error('engine crashed');
    }) as never;
    expect(() => rebuildClaims(db, readSeedDocuments(SEEDS), { build: failing })).toThrow('engine crashed');
    db.close();
    expect(counts(dbPath)).toEqual(before);
  });

  it('GIVEN no database file WHEN the first build fails THEN no database file is left behind', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    expect(() => buildDatabase({ dbPath, seedsDir: join(tempDir(), 'missing') })).toThrow(UserError);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('GIVEN other tables in the same file WHEN the claims are rebuilt THEN their rows survive', () => {
    const { dbPath } = builtDb();
    const db = openDatabase(dbPath);
    db.exec("CREATE TABLE side_notes (note TEXT); INSERT INTO side_notes VALUES ('keep me');");
    db.close();
    buildDatabase({ dbPath, seedsDir: SEEDS });
    const again = openDatabase(dbPath);
    expect(again.prepare('SELECT note FROM side_notes').all()).toEqual([{ note: 'keep me' }]);
    again.close();
  });
});

describe('openClaimsApp', () => {
  it('GIVEN no database file WHEN opened THEN it is built from the seeds first, and not rebuilt on the next open', () => {
    const dbPath = join(tempDir(), 'fresh', 'claimwatch.db');
    const app = openClaimsApp({ dbPath, seedsDir: SEEDS, logger: silentLogger() });
    const built = app.db.prepare("SELECT value FROM claims_meta WHERE key = 'built_at'").pluck().get();
    expect(app.claims.counts().claims).toBeGreaterThan(20);
    app.close();
    const again = openClaimsApp({ dbPath, seedsDir: join(tempDir(), 'seeds-gone'), logger: silentLogger() });
    expect(again.db.prepare("SELECT value FROM claims_meta WHERE key = 'built_at'").pluck().get()).toBe(built);
    again.close();
  });

  it('GIVEN no database file and no seeds WHEN opened THEN it fails clearly and leaves no file', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    expect(() => openClaimsApp({ dbPath, seedsDir: join(tempDir(), 'nope'), logger: silentLogger() })).toThrow(
      /cannot read the seeds folder/,
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  it('GIVEN an open app WHEN a transaction throws THEN none of its writes stay', () => {
    const dbPath = join(tempDir(), 'claimwatch.db');
    const app = openClaimsApp({ dbPath, seedsDir: SEEDS, logger: silentLogger() });
    const before = app.claims.counts();
    const [first] = app.claims.list({ limit: 1 });
    expect(() =>
      app.transact(() => {
        app.claims.addEvidence(first?.id ?? 1, { source: 'x', quote: 'y', published: null, speaker: null });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(app.claims.counts()).toEqual(before);
    app.close();
    expect(readFileSync(dbPath).length).toBeGreaterThan(0);
  });
});

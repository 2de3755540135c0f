import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase, openClaimsApp } from '../../src/app/claims-app.ts';
import { judgeAndLearn } from '../../src/core/learn.ts';
import { silentLogger } from '../../src/logger.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const LEARNED =
  'Ukrainian special forces captured two North Korean soldiers near Sudzha and flew them to Kyiv, the SBU said.';
const LINK = 'https://news.example/items/7';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database built from the seeds that has learned one sentence from a feed item. */
function learnedDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-rebuild-'));
  dirs.push(dir);
  const seedsDir = join(dir, 'seeds');
  cpSync(SEEDS, seedsDir, { recursive: true });
  const dbPath = join(dir, 'claimwatch.db');
  const app = openClaimsApp({ dbPath, seedsDir, logger: silentLogger(), engine: 'rules' });
  app.transact(() =>
    judgeAndLearn(app.claims, { text: LEARNED }, { source: LINK, published: '2025-01-12' }, app.judge),
  );
  const learned = app.claims.search('captured Sudzha', 5);
  app.close();
  return { dir, seedsDir, dbPath, learned };
}

function sourcesOf(dbPath: string, query: string): string[] {
  const app = openClaimsApp({ dbPath, seedsDir: SEEDS, logger: silentLogger() });
  try {
    return app.claims.search(query, 5).flatMap((c) => c.evidence.map((e) => e.source));
  } finally {
    app.close();
  }
}

describe('a rebuild keeps what the bot learned (issue 9, class 0)', () => {
  it('GIVEN a claim learned from a feed WHEN the database is rebuilt THEN the claim and its provenance are still there, and the build says so', () => {
    const { seedsDir, dbPath, learned } = learnedDatabase();
    expect(learned.flatMap((c) => c.evidence.map((e) => e.source))).toContain(LINK);
    const result = buildDatabase({ dbPath, seedsDir });
    expect(result.kept?.sentences).toBe(1);
    expect(sourcesOf(dbPath, 'captured Sudzha')).toContain(LINK);
    // a second rebuild keeps it again, once
    const again = buildDatabase({ dbPath, seedsDir });
    expect(again.kept?.sentences).toBe(1);
    expect(sourcesOf(dbPath, 'captured Sudzha').filter((s) => s === LINK)).toHaveLength(1);
  });

  it('GIVEN a new seed that tells the learned claim WHEN rebuilt THEN the learned sentence is evidence beside the seed', () => {
    const { seedsDir, dbPath } = learnedDatabase();
    writeFileSync(join(seedsDir, '005_new.txt'), `date 2025-01-13\n${LEARNED}\n`);
    const result = buildDatabase({ dbPath, seedsDir });
    expect(result.kept).toEqual({ sentences: 1, claims: 0, evidence: 1 });
    const sources = sourcesOf(dbPath, 'captured Sudzha');
    expect(sources).toContain('005_new.txt');
    expect(sources).toContain(LINK);
  });

  it('GIVEN a database with nothing learned WHEN rebuilt THEN nothing is reported kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimwatch-rebuild-'));
    dirs.push(dir);
    const dbPath = join(dir, 'claimwatch.db');
    buildDatabase({ dbPath, seedsDir: SEEDS });
    expect(buildDatabase({ dbPath, seedsDir: SEEDS }).kept).toBeUndefined();
  });
});

/**
 * A database built before the seed vocabulary (its stored story has none) is judged with the vocabulary its seeds
 * folder gives, as a build now records it: otherwise every sentence would share no word with the seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabase, openClaimsApp } from '../../src/app/claims-app.ts';
import { activeStory, useStory } from '../../src/core/story/active-story.ts';
import { silentLogger } from '../../src/logger.ts';
import { openDatabase } from '../../src/store/db.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const before = activeStory();
const dir = mkdtempSync(join(tmpdir(), 'claimwatch-vocabulary-'));
afterAll(() => {
  useStory(before);
  rmSync(dir, { recursive: true, force: true });
});

describe('a database from before the seed vocabulary', () => {
  it('GIVEN a stored story without the seed vocabulary WHEN the database is opened THEN the seeds folder gives it', () => {
    const dbPath = join(dir, 'old.db');
    buildDatabase({ dbPath, seedsDir: SEEDS });
    const db = openDatabase(dbPath);
    const row = db.prepare("SELECT value FROM claims_meta WHERE key = 'story'").get() as { value: string };
    const stored = JSON.parse(row.value);
    expect(stored.seed_vocabulary.words.length).toBeGreaterThan(300);
    delete stored.seed_vocabulary;
    db.prepare("UPDATE claims_meta SET value = ? WHERE key = 'story'").run(JSON.stringify(stored));
    db.close();

    const app = openClaimsApp({ dbPath, seedsDir: SEEDS, logger: silentLogger() });
    try {
      expect(activeStory().seedShare).toBeGreaterThan(0.3);
      expect(activeStory().seedWords.size).toBeGreaterThan(300);
    } finally {
      app.close();
    }
  });

  it('GIVEN such a database and no seeds folder WHEN opened THEN it opens, judged without the vocabulary', () => {
    const dbPath = join(dir, 'old.db');
    const app = openClaimsApp({ dbPath, seedsDir: join(dir, 'no-such-seeds'), logger: silentLogger() });
    try {
      expect(activeStory().seedShare).toBe(0);
    } finally {
      app.close();
    }
  });
});

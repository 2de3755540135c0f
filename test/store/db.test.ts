import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('GIVEN a path in a missing folder WHEN opened THEN the folder is created and the schema is current', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'claimwatch.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('GIVEN a migrated file WHEN opened again THEN migrations are not re-run and data stays', () => {
    const path = join(tempDir(), 'claimwatch.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO claims (text, frame, terms) VALUES ('t', '{}', '[]')").run();
    db.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT count(*) AS n FROM claims').get()).toEqual({ n: 1 });
    again.close();
  });

  it('GIVEN a database from a newer claimwatch WHEN opened THEN it is refused with a clear message', () => {
    const path = join(tempDir(), 'claimwatch.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this claimwatch knows/);
  });

  it('GIVEN a migration that fails WHEN opened THEN nothing of it is applied and the version stays', () => {
    const path = join(tempDir(), 'claimwatch.db');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE x (a); SELEKT 1;' }];
    expect(() => openDatabase(path, bad)).toThrow();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    db.close();
  });

  it('GIVEN migrations out of order WHEN opened THEN it is refused', () => {
    const bad = [{ version: 2, name: 'skips-one', sql: '' }];
    expect(() => openDatabase(':memory:', bad)).toThrow(/expected 1/);
  });
});

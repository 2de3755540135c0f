/**
 * Opens the claimwatch SQLite file: WAL (readers never block the writer), foreign keys on, a busy timeout so a CLI
 * command and the running bot can share the file, and every pending migration applied in order. Write transactions
 * take the write lock up front (BEGIN IMMEDIATE): a deferred one that read first cannot wait for the lock and fails
 * at once with "database is locked" when another process wrote meanwhile.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../core/errors.ts';
import { isBusy, openFailureMessage } from './db-errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export { isBusy } from './db-errors.ts';

export type Database = BetterSqlite3.Database;

/** How long one attempt waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 5000;
/** Attempts at taking the write lock before the database is reported busy. */
const LOCK_ATTEMPTS = 3;

export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  const inMemory = path === ':memory:' || path === '';
  let db: Database;
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
  } catch (err) {
    throw cannotOpen(path, err);
  }
  try {
    try {
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      throw cannotOpen(path, err);
    }
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Not a database, a folder, no permission, a damaged file: the user's to fix, so said plainly with the cause. */
function cannotOpen(path: string, err: unknown): UserError {
  return new UserError('unavailable', openFailureMessage(path, err), { cause: err });
}

/** Applies the migrations newer than PRAGMA user_version, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new UserError(
      'unavailable',
      `the database schema (version ${current}) is newer than this claimwatch knows (${migrations.length}); upgrade claimwatch`,
    );
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/**
 * Runs `fn` in one write transaction, the lock taken up front and waited for (busy timeout, then a few more tries);
 * nested calls join the outer one (better-sqlite3 uses savepoints). A database still busy after that is a UserError
 * naming the cause, not a stack trace.
 */
export function createTransact(db: Database): <T>(fn: () => T) => T {
  return <T>(fn: () => T): T => {
    for (let attempt = 1; ; attempt++) {
      let started = false;
      try {
        return db
          .transaction(() => {
            started = true;
            return fn();
          })
          .immediate();
      } catch (err) {
        // Only a lock that was never taken is retried: `fn` has not run, so running it again is safe.
        if (!isBusy(err) || started) throw busyAsUserError(db, err);
        if (attempt >= LOCK_ATTEMPTS) throw busyAsUserError(db, err);
      }
    }
  };
}

/** A busy database → one line the user can act on; anything else unchanged. */
export function busyAsUserError(db: Database, err: unknown): unknown {
  if (!isBusy(err)) return err;
  const seconds = Math.round((BUSY_TIMEOUT_MS * LOCK_ATTEMPTS) / 1000);
  return new UserError(
    'unavailable',
    `the database ${db.name} is busy: another claimwatch process kept it locked for over ${seconds} s; try again`,
    { cause: err },
  );
}

/**
 * SQLite failures a user can act on, in words that name the cause: a folder or file this user may not write, a
 * damaged file, a database kept busy by another process. Everything else is left as it is (a bug keeps its stack).
 */
import { accessSync, constants, existsSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const FIX_PATH = 'fix the permissions, or set CLAIMWATCH_DB (or --db) to a file in a writable folder';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes. */
export function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(codeOf(err));
}

/** What keeps this user from opening or writing `path`, found by trying; null when nothing does. */
export function accessProblem(path: string): string | null {
  if (path === '' || path === ':memory:') return null;
  if (existsSync(path)) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (err) {
      return `the file is not readable and writable by this user (${codeOf(err) || 'no access'})`;
    }
  }
  const dir = dirname(path);
  const probe = join(dir, `.claimwatch-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    unlinkSync(probe);
  } catch (err) {
    const base = basename(path);
    return `the folder ${dir} does not let this user create files (${codeOf(err) || 'no access'}), and SQLite must create ${base}, ${base}-wal and ${base}-shm there`;
  }
  return null;
}

/** The database failed to open → one line naming the cause. */
export function openFailureMessage(path: string, err: unknown): string {
  const damaged = damagedMessage(path, err);
  if (damaged) return damaged;
  const full = diskFullMessage(path, err);
  if (full) return full;
  const reason = err instanceof Error ? err.message : String(err);
  const problem = accessProblem(path);
  if (problem) return `cannot open the database ${path}: ${problem}; ${FIX_PATH}`;
  return `cannot open the database ${path}: ${reason}`;
}

/** Free bytes under 1 MiB where the database lives: SQLite then fails writes as I/O errors, not always as "full". */
const NEARLY_FULL = 1 << 20;

/** SQLITE_FULL, or an I/O error on a disk with (almost) no room left → "the disk is full", naming where. */
export function diskFullMessage(path: string, err: unknown): string | null {
  const code = codeOf(err);
  const full = /^SQLITE_FULL/.test(code) || (/^SQLITE_IOERR/.test(code) && freeBytes(path) < NEARLY_FULL);
  if (!full) return null;
  const where = path === '' || path === ':memory:' ? 'memory' : `the disk holding ${dirname(path)}`;
  return (
    `${where} is full, so the database ${path} cannot be written (${(err as Error).message}): ` +
    'free some space, or set CLAIMWATCH_DB (or --db) to a file on another disk; nothing already stored was lost'
  );
}

function freeBytes(path: string): number {
  try {
    const s = statfsSync(dirname(path));
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function damagedMessage(path: string, err: unknown): string | null {
  if (!/^SQLITE_CORRUPT/.test(codeOf(err))) return null;
  const reason = err instanceof Error ? err.message : String(err);
  return (
    `the database ${path} is damaged (${reason}): restore it from a backup, or move it aside and run ` +
    '`claimwatch build` to build a new one (watch lists must then be added again)'
  );
}

/** A SQLite error met while working → one line naming the cause, or null when it is not one the user can fix. */
export function databaseErrorMessage(path: string, err: unknown): string | null {
  const damaged = damagedMessage(path, err);
  if (damaged) return damaged;
  const full = diskFullMessage(path, err);
  if (full) return full;
  const code = codeOf(err);
  if (/^SQLITE_READONLY/.test(code) || /^SQLITE_(CANTOPEN|PERM)/.test(code)) {
    return `cannot write the database ${path}: ${accessProblem(path) ?? (err as Error).message}; ${FIX_PATH}`;
  }
  if (isBusy(err)) return `the database ${path} is busy: another claimwatch process is writing to it; try again`;
  return null;
}

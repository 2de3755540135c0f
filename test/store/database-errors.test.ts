/**
 * A database the CLI cannot use says why in one line: a folder it may not write to, a damaged file. No stack trace.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';
import { childEnv, runCli, tempDir } from '../watch/cli-child.ts';

const CLI = new URL('../../bin/claimwatch.js', import.meta.url).pathname;
/** File permissions bind everyone but root: as root, the CLI runs as `nobody` so a read-only file is read-only. */
const AS_UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const tmp = tempDir('claimwatch-dberr-');
afterAll(() => tmp.remove());

function expectOneLine(stderr: string) {
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('database errors the user can act on', () => {
  it('GIVEN a database path in a folder nobody may create files in WHEN a command runs THEN it names the folder and the cause', async () => {
    // sysfs refuses new files even to root, as a read-only or foreign-owned folder would
    const dbPath = '/sys/claimwatch-test.db';
    const r = await runCli(['watch', 'list', '--db', dbPath], childEnv(dbPath));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^claimwatch: cannot open the database \/sys\/claimwatch-test\.db: /);
    expect(r.stderr).toContain('the folder /sys does not let this user create files (EACCES)');
    expect(r.stderr).toContain('CLAIMWATCH_DB');
  }, 30_000);

  it('GIVEN a database file this user may only read WHEN a command runs THEN it says the file is not writable and what to do', () => {
    chmodSync(tmp.dir, 0o777);
    const dbPath = join(tmp.dir, 'read-only.db');
    openDatabase(dbPath).close();
    chmodSync(dbPath, 0o444);
    const r = spawnSync(process.execPath, [...GUARDED_NODE_ARGS, CLI, 'watch', 'list', '--db', dbPath], {
      env: { ...childEnv(dbPath), HOME: tmp.dir },
      encoding: 'utf8',
      timeout: 30_000,
      ...AS_UNPRIVILEGED,
    });
    expect(r.status, r.stderr).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(
      /^claimwatch: cannot (open|write) the database .*read-only\.db: the file is not readable and writable by this user \(EACCES\)/,
    );
    expect(r.stderr).toContain('CLAIMWATCH_DB');
  }, 30_000);

  it('GIVEN a database with damaged pages WHEN a command reads it THEN it says the file is damaged and what to do', async () => {
    const dbPath = join(tmp.dir, 'damaged.db');
    const db = openDatabase(dbPath);
    const watch = createSqliteWatchStore(db);
    for (let i = 0; i < 300; i++) {
      watch.insertFeed({
        url: `https://feeds.example/${i}/${'x'.repeat(200)}.xml`,
        title: `Feed ${i}`,
        fullText: false,
        intervalMs: null,
        etag: null,
        lastModified: null,
        lastPollAt: 0,
        lastResult: 'added',
        nextPollAt: 0,
      });
    }
    db.close();
    // The second half of the file — the feed rows, written last — overwritten with garbage; the schema stays readable.
    const size = statSync(dbPath).size;
    const from = Math.floor(size / 2 / 4096) * 4096;
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(size - from, 0xa5), 0, size - from, from);
    closeSync(fd);

    const r = await runCli(['watch', 'list', '--db', dbPath], childEnv(dbPath));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^claimwatch: the database .*damaged\.db is damaged \(/);
    expect(r.stderr).toContain('claimwatch build');
  }, 30_000);
});

/**
 * The CLI while the service judges: two processes on one SQLite file. One holds a write transaction (a poll in
 * flight) while twenty `watch add`-style writers start at the same moment; each must succeed, or fail with one clear
 * line — never "database is locked" with a stack trace.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';
import { tempDir } from '../watch/cli-child.ts';

const CHILD = new URL('./sqlite-writer-child.ts', import.meta.url).pathname;

function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...GUARDED_NODE_ARGS, CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('writers sharing the database file', () => {
  const tmp = tempDir('claimwatch-busy-');
  afterAll(() => tmp.remove());

  it('GIVEN a process holding a write transaction WHEN twenty watch-add writers start at once THEN every one is saved or says clearly why not', async () => {
    const file = join(tmp.dir, 'shared.db');
    openDatabase(file).close();
    // Far enough ahead that every child has loaded before anyone starts.
    const startAt = String(Date.now() + 4000);
    const holder = runChild(['hold', file, startAt, '1500']);
    const writers = Array.from({ length: 20 }, (_, i) => runChild(['watch-add', file, startAt, String(i + 1)]));
    const results = await Promise.all([holder, ...writers]);

    expect(results[0]?.stdout).toContain('holding');
    for (const r of results.slice(1)) {
      if (r.code === 0) continue;
      // a failure is one line naming the cause, never a stack
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^claimwatch: the database (.* )?is busy/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const added = results.slice(1).filter((r) => r.code === 0);
    const db = openDatabase(file);
    const feeds = db.prepare("SELECT COUNT(*) AS n FROM feeds WHERE url LIKE 'https://feeds.example/%'").get() as {
      n: number;
    };
    db.close();
    expect(feeds.n).toBe(added.length);
    // with the lock taken up front and a busy timeout, a 1.5 s write never makes a writer give up
    expect(added).toHaveLength(20);
  }, 60_000);
});

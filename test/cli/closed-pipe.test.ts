/** Output into a pipe that closes ends the command quietly: no EPIPE stack trace, exit code 0. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const BIN = new URL('../../bin/claimwatch.js', import.meta.url).pathname;
const SEEDS = new URL('../../seeds', import.meta.url).pathname;
const ARGS = [...GUARDED_NODE_ARGS, BIN];

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimwatch-pipe-'));
  env = { ...process.env, CLAIMWATCH_DB: join(dir, 'c.db'), CLAIMWATCH_SEEDS: SEEDS, CLAIMWATCH_LOG_LEVEL: 'silent' };
  const r = spawnSync(process.execPath, [...ARGS, 'build'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed pipe', () => {
  it('GIVEN stdout closed before the command writes THEN it exits 0 with nothing on stderr', async () => {
    const child = spawn(process.execPath, [...ARGS, 'claims', 'list', '--json'], { cwd: dir, env });
    // the reader goes away before the first line is written: every write meets EPIPE
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('GIVEN `claims search … --json | true` (a reader that leaves at once) THEN no stack trace and exit 0', () => {
    const cmd = `'${process.execPath}' ${ARGS.map((a) => `'${a}'`).join(' ')} claims search troops --json | true`;
    const r = spawnSync('bash', ['-c', `${cmd}; echo "status=\${PIPESTATUS[0]}"`], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status=0\n');
  });
});

/**
 * `./.env` is read at start, the process environment winning; a bad value there names the variable and the file,
 * a malformed file stops with one line, and a secret read from it is never printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const BIN = new URL('../../bin/claimwatch.js', import.meta.url).pathname;
const SECRET = 'a-discord-secret-only-in-dotenv-0123456789';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimwatch-env-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `deploy-commands` reads the whole configuration and needs no database or network to fail on it. */
function deploy(dotenv: string | undefined, extra: Record<string, string> = {}) {
  if (dotenv !== undefined) writeFileSync(join(dir, '.env'), dotenv);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(CLAIMWATCH_|DISCORD_|SLACK_)/.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, [...GUARDED_NODE_ARGS, BIN, 'deploy-commands'], {
    cwd: dir,
    env: { ...env, ...extra },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('.env at start', () => {
  it('GIVEN a bad value in .env THEN the error names the variable and the file', () => {
    const r = deploy('CLAIMWATCH_POLL_INTERVAL=5s\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`CLAIMWATCH_POLL_INTERVAL in ${join(dir, '.env')}: CLAIMWATCH_POLL_INTERVAL must be at`);
  });

  it('GIVEN the same bad value in the environment THEN the message is as before, naming no file', () => {
    const r = deploy(undefined, { CLAIMWATCH_POLL_INTERVAL: '5s' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('\n  CLAIMWATCH_POLL_INTERVAL: CLAIMWATCH_POLL_INTERVAL must be at least 1m');
    expect(r.stderr).not.toContain('.env');
  });

  it('GIVEN a variable set in both THEN the environment wins', () => {
    const r = deploy('CLAIMWATCH_POLL_INTERVAL=5s\n', { CLAIMWATCH_POLL_INTERVAL: '10m' });
    expect(r.stderr).not.toContain('CLAIMWATCH_POLL_INTERVAL');
    expect(r.stderr).toContain('DISCORD_TOKEN must be set');
  });

  it('GIVEN a token in .env THEN it is used, and never printed', () => {
    const used = deploy(`# a comment\nexport DISCORD_TOKEN="${SECRET}"\n`);
    expect(used.stderr).toContain('DISCORD_APP_ID must be set');
    const bad = deploy(`DISCORD_TOKEN=${SECRET}\nDISCORD_APP_ID=1\nDISCORD_API_BASE=not a url\n`);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`DISCORD_API_BASE in ${join(dir, '.env')}:`);
    expect(used.stderr + used.stdout + bad.stderr + bad.stdout).not.toContain(SECRET);
  });

  it('GIVEN a malformed .env THEN one clear line and a non-zero exit', () => {
    const r = deploy(`DISCORD_TOKEN=${SECRET}\nthis line is garbage\n`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe(`claimwatch: ${join(dir, '.env')} is malformed: line 2 is not NAME=value\n`);
    const unclosed = deploy('CLAIMWATCH_DB="./x.db\n');
    expect(unclosed.stderr).toMatch(/is malformed: line 1 opens a " quote that is never closed\n$/);
  });
});

/**
 * A supervisor's SIGTERM to `npm start` stops the service cleanly. npm forwards SIGTERM to the shell running the
 * script; unless that shell has exec'd node, the shell dies and node is left running, orphaned.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

let npm: ChildProcess | undefined;
let servicePid: number | undefined;
let dir: string | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  // never leave a service behind, whatever the test found
  if (servicePid && alive(servicePid)) process.kill(servicePid, 'SIGKILL');
  if (npm?.pid && alive(npm.pid)) npm.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it.each(['SIGTERM', 'SIGINT'] as const)(
  'GIVEN `npm start` watching WHEN npm gets %s THEN the node service stops cleanly within seconds',
  async (signal) => {
    dir = mkdtempSync(join(tmpdir(), 'claimwatch-npm-start-'));
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(CLAIMWATCH_|DISCORD_|SLACK_)/.test(k)) env[k] = v;
    Object.assign(env, {
      CLAIMWATCH_DB: join(dir, 'claimwatch.db'),
      CLAIMWATCH_LOG_LEVEL: 'info',
      // offline: the shipped default watch list names real outside hosts
      CLAIMWATCH_DEFAULT_FEEDS: 'off',
      // the service (and npm) run under the tests' loopback-only network guard
      NODE_OPTIONS: GUARDED_NODE_ARGS.join(' '),
      npm_config_update_notifier: 'false',
    });
    npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    npm.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });

    const deadline = Date.now() + 45_000;
    while (!/"msg":"claimwatch is watching feeds"/.test(log)) {
      if (Date.now() > deadline) throw new Error(`the service did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    servicePid = Number(/"pid":(\d+)[^\n]*claimwatch is watching feeds/.exec(log)?.[1]);
    expect(servicePid).toBeGreaterThan(0);
    expect(servicePid).not.toBe(npm.pid);

    npm.kill(signal);
    const gone = Date.now() + 5_000;
    while (alive(servicePid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    expect(alive(servicePid), 'the node service outlived npm').toBe(false);
    expect(log).toMatch(/"msg":"stopped"/);
  },
  60_000,
);

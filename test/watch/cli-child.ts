/**
 * Runs `node bin/claimwatch.js …` as a child process the way an operator would, against a database in a temp folder.
 * The child loads the same loopback-only network guard as the tests, so even a broken SSRF check sends nothing out.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Environment for a child: temp database, loopback feeds allowed, no chat tokens inherited, and no default watch list
 * (its feeds are real outside hosts: a test that wants it points CLAIMWATCH_SEEDS at a list of loopback feeds).
 */
export function childEnv(dbPath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(DISCORD_|SLACK_|CLAIMWATCH_)/.test(k)) env[k] = v;
  }
  return {
    ...env,
    CLAIMWATCH_DB: dbPath,
    CLAIMWATCH_SEEDS: join(ROOT, 'seeds'),
    CLAIMWATCH_ALLOW_HOSTS: '127.0.0.1',
    CLAIMWATCH_LOG_LEVEL: 'warn',
    CLAIMWATCH_DEFAULT_FEEDS: 'off',
    ...extra,
  };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...GUARDED_NODE_ARGS, join(ROOT, 'bin/claimwatch.js'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawnCli(args, env);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function jsonLines<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as T);
}

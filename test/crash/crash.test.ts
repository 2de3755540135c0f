/**
 * Crash suite: the service runs as a child process and kills itself with SIGKILL at a named point
 * (CLAIMWATCH_CRASH_AT, a test-only hook, see src/app/crash-points.ts); it is restarted until a run completes.
 * The (channel, item) alerts delivered across all runs must equal those of a run that never crashed: nothing lost,
 * and a duplicate only for the row whose send completed just before the kill, with the same idempotency key.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { type CliResult, childEnv, collect, jsonLines, runCli, spawnCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';

interface Line {
  channel: string;
  key: string;
  item?: { link: string };
}

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-crash-');
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

/** A database watching `path` from two channels (one with every alert, one with the default level). */
async function prepare(name: string, path: string): Promise<NodeJS.ProcessEnv> {
  const env = childEnv(join(tmp.dir, `${name}.db`));
  server.setFeed(path, { title: name, items: backCatalogue(server.origin) });
  for (const [channel, level] of [
    ['console:all', 'all'],
    ['console:new', 'new'],
  ] as const) {
    const r = await runCli(['watch', 'add', server.url(path), '--channel', channel, '--alerts', level], env);
    expect(r.code, r.stderr).toBe(0);
  }
  server.addItems(path, ...twentyItems(server.origin, 'crash').slice(0, 8));
  return env;
}

/** Makes every feed of the database due now (resume sets the next poll to now). */
async function resumeAll(env: NodeJS.ProcessEnv): Promise<void> {
  const list = await runCli(['watch', 'list', '--json'], env);
  for (const feed of jsonLines<{ id: number }>(list.stdout)) {
    const r = await runCli(['watch', 'resume', String(feed.id)], env);
    expect(r.code, r.stderr).toBe(0);
  }
}

const pairs = (lines: Line[]) => lines.map((l) => `${l.channel} ${l.item?.link}`);
const run = (env: NodeJS.ProcessEnv, crashAt?: string): Promise<CliResult> =>
  runCli(['run', '--once', '--json'], crashAt ? { ...env, CLAIMWATCH_CRASH_AT: crashAt } : env);

describe('crash suite', () => {
  it('GIVEN SIGKILL mid-transaction, after commit, before send and after send WHEN restarted each time THEN every expected alert is delivered, with duplicates only from the send-then-crash window, same key', async () => {
    const refEnv = await prepare('reference', '/reference.xml');
    const reference = await run(refEnv);
    expect(reference.code, reference.stderr).toBe(0);
    const expected = pairs(jsonLines<Line>(reference.stdout)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(8);

    const env = await prepare('crashing', '/crashing.xml');
    const delivered: Line[] = [];

    const mid = await run(env, 'mid-transaction');
    expect(mid.signal).toBe('SIGKILL');
    expect(jsonLines(mid.stdout)).toEqual([]);

    const afterCommit = await run(env, 'after-commit');
    expect(afterCommit.signal).toBe('SIGKILL');
    expect(jsonLines(afterCommit.stdout)).toEqual([]);

    // Rows printed by a run that was then killed: the only ones that may come again (sent, not yet marked sent).
    const printedByKilledRuns = new Set<string>();
    for (const point of ['before-send:3', 'after-send:2']) {
      const killed = await run(env, point);
      expect(killed.signal, point).toBe('SIGKILL');
      const lines = jsonLines<Line>(killed.stdout);
      expect(lines.length, point).toBeGreaterThanOrEqual(2);
      for (const l of lines) printedByKilledRuns.add(l.key);
      delivered.push(...lines);
    }

    const finish = await run(env);
    expect(finish.code, finish.stderr).toBe(0);
    delivered.push(...jsonLines<Line>(finish.stdout));

    // Nothing lost: the same (channel, item) pairs as the run that never crashed.
    expect([...new Set(pairs(delivered))].sort()).toEqual(expected);
    // Duplicates only from the send-then-crash window, each resent once with the same key; the kill right after a
    // send guarantees at least one.
    const counts = new Map<string, number>();
    for (const l of delivered) counts.set(l.key, (counts.get(l.key) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1);
    expect(duplicated.length).toBeGreaterThanOrEqual(1);
    for (const [key, n] of duplicated) {
      expect(n, key).toBe(2);
      expect(printedByKilledRuns.has(key), key).toBe(true);
    }
    const sameKeySamePair = new Map<string, string>();
    for (const l of delivered) {
      const pair = `${l.channel} ${l.item?.link}`;
      expect(sameKeySamePair.get(l.key) ?? pair).toBe(pair);
      sameKeySamePair.set(l.key, pair);
    }

    const status = await runCli(['status', '--json'], env);
    const [view] = jsonLines<{ outbox: { pending: number; sent: number; dead: number } }>(status.stdout);
    expect(view?.outbox).toEqual({ pending: 0, sent: expected.length, dead: 0 });
  }, 180_000);

  it('GIVEN a running service with a feed due WHEN it has delivered and gets SIGTERM THEN it exits 0 with nothing pending', async () => {
    const env = await prepare('signals', '/signals.xml');
    await resumeAll(env); // due now
    const child = spawnCli(['run', '--json'], { ...env, CLAIMWATCH_LOG_LEVEL: 'info' });
    const done = collect(child);
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (jsonLines(out).length >= 8) resolve();
      });
    });
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('"msg":"stopped"');
    const [view] = jsonLines<{ outbox: { pending: number; sent: number } }>(
      (await runCli(['status', '--json'], env)).stdout,
    );
    expect(view?.outbox.pending).toBe(0);
    expect(view?.outbox.sent).toBe(jsonLines(result.stdout).length);
  }, 60_000);

  it('GIVEN a poll hanging on a feed that never answers WHEN SIGTERM comes THEN the service still stops and exits 0', async () => {
    const env = await prepare('hanging', '/hanging.xml');
    server.route('/hanging.xml', { kind: 'hang' });
    await resumeAll(env);
    const before = server.requestsTo('/hanging.xml').length;
    const child = spawnCli(['run'], env);
    const done = collect(child);
    while (server.requestsTo('/hanging.xml').length === before) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    const [view] = jsonLines<{ feeds: Array<{ state: string; failures: number }> }>(
      (await runCli(['status', '--json'], env)).stdout,
    );
    expect(view?.feeds[0]).toMatchObject({ state: 'active', failures: 0 });
  }, 60_000);
});

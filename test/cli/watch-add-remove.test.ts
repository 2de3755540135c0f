/**
 * `watch add` of a URL already watched keeps the settings the user did not pass, and says so;
 * `watch remove` says what it removed and unsubscribed, not the state the feed had.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue } from '../watch/story-items.ts';

interface Listed {
  id: number;
  url: string;
  fullText: boolean;
  subscriptions: Array<{ channel: string; level: string }>;
}

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-watch-cli-');
  env = { ...childEnv(join(tmp.dir, 'claimwatch.db')), CLAIMWATCH_ENGINE: 'rules' };
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

async function list(): Promise<Listed[]> {
  const r = await runCli(['watch', 'list', '--json'], env);
  expect(r.code).toBe(0);
  return jsonLines<Listed>(r.stdout);
}

describe('claimwatch watch add / remove', () => {
  it('GIVEN a watched feed with settings WHEN added again without options THEN its settings stay and the output says it was already watched', async () => {
    server.setFeed('/kept.xml', { title: 'Kept', items: backCatalogue(server.origin) });
    const url = server.url('/kept.xml');
    const first = await runCli(
      ['watch', 'add', url, '--channel', 'console:news', '--alerts', 'contradicts', '--full-text'],
      env,
    );
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Watching feed #\d+ "Kept"/);

    const again = await runCli(['watch', 'add', url, '--channel', 'console:news'], env);
    expect(again.code).toBe(0);
    let feed = (await list()).find((f) => f.url === url);
    expect(feed?.fullText).toBe(true);
    expect(feed?.subscriptions).toMatchObject([{ channel: 'console:news', level: 'contradicts' }]);
    expect(again.stdout).toContain('Already watching feed');
    expect(again.stdout).toContain('nothing changed');

    const changed = await runCli(['watch', 'add', url, '--channel', 'console:news', '--alerts', 'all'], env);
    expect(changed.stdout).toContain('Already watching feed');
    expect(changed.stdout).toContain('console:news alerts: contradicts → all');
    feed = (await list()).find((f) => f.url === url);
    expect(feed?.subscriptions).toMatchObject([{ channel: 'console:news', level: 'all' }]);
  });

  it('GIVEN a watched feed WHEN removed THEN the output says removed and what it unsubscribed, not "(active)"', async () => {
    server.setFeed('/gone.xml', { title: 'Gone', items: backCatalogue(server.origin) });
    const url = server.url('/gone.xml');
    await runCli(['watch', 'add', url, '--channel', 'console:a'], env);
    await runCli(['watch', 'add', url, '--channel', 'console:b'], env);
    const id = (await list()).find((f) => f.url === url)?.id;

    const removed = await runCli(['watch', 'remove', String(id)], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`Removed feed #${id} "Gone" ${url}; unsubscribed: console:a, console:b\n`);
    expect(removed.stdout).not.toContain('active');
    expect((await list()).some((f) => f.url === url)).toBe(false);
  });
});

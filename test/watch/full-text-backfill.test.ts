/**
 * `watch add --full-text --backfill N` from the CLI (child processes, loopback feed and article pages): the backfilled
 * items are judged on their article pages, as items on later polls are, and an item whose page fails falls back to
 * its teaser with the reason logged.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage } from '../fakes/article-page.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from './cli-child.ts';
import { ON_TOPIC } from './harness.ts';

interface AlertLine {
  channel: string;
  item: { title: string; link: string };
  claims: Array<{ sentence: string }>;
}

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

const CAPTURED = ON_TOPIC[0] as string;
const HOWITZERS = ON_TOPIC[1] as string;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-fulltext-');
  // the fetching is under test, not the judgement: the deterministic rules judge
  env = { ...childEnv(join(tmp.dir, 'claimwatch.db')), CLAIMWATCH_ENGINE: 'rules' };
  server.route('/articles/captured', {
    kind: 'body',
    body: articlePage('Soldiers captured in Kursk', [CAPTURED]),
    contentType: 'text/html',
  });
  server.route('/articles/gone', { kind: 'status', status: 404 });
  server.setFeed('/news.xml', {
    title: 'Loopback News',
    items: [
      { guid: 'c', title: 'Captured', link: server.url('/articles/captured'), description: 'Read the full story.' },
      { guid: 'b', title: 'Howitzers', link: server.url('/articles/gone'), description: HOWITZERS },
      { guid: 'a', title: 'Old story', link: server.url('/articles/old'), description: 'An older story.' },
    ],
  });
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe('watch add --full-text --backfill', () => {
  it('GIVEN a full-text feed added with --backfill 2 WHEN delivered THEN one item is judged on its page, the one whose page is gone on its teaser, and why is logged', async () => {
    const added = await runCli(
      [
        'watch',
        'add',
        server.url('/news.xml'),
        '--channel',
        'console:news',
        '--alerts',
        'all',
        '--full-text',
        '--backfill',
        '2',
      ],
      env,
    );
    expect(added.code).toBe(0);
    expect(server.requestsTo('/articles/captured')).toHaveLength(1);
    expect(server.requestsTo('/articles/gone')).toHaveLength(1);
    expect(server.requestsTo('/articles/old')).toHaveLength(0);
    const warning = jsonLines<{ msg: string; link: string; reason: string }>(added.stderr).find(
      (l) => l.link === server.url('/articles/gone'),
    );
    expect(warning).toMatchObject({
      msg: 'full text failed; using the feed text',
      reason: expect.stringContaining('404'),
    });

    const run = await runCli(['run', '--once', '--json'], env);
    expect(run.code).toBe(0);
    const alerts = jsonLines<AlertLine>(run.stdout);
    const sentences = (title: string) =>
      alerts.filter((a) => a.item.title === title).flatMap((a) => a.claims.map((c) => c.sentence));
    expect(sentences('Captured').some((s) => s.startsWith(CAPTURED))).toBe(true);
    expect(sentences('Captured')).not.toContain('Read the full story.');
    expect(sentences('Howitzers')).toContain(HOWITZERS);
    expect(alerts.map((a) => a.item.title)).not.toContain('Old story');
  }, 120_000);
});

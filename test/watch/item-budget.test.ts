/**
 * Issue 9, class 2: one feed of four ~1 MB items must not exhaust the heap `npm start` gives the service, and must
 * not stop other feeds alerting; what the budget cut is said in the alert and in `status`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_BUDGET } from '../../src/core/watch/pipeline.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from './cli-child.ts';

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-budget-');
  env = {
    ...childEnv(join(tmp.dir, 'claimwatch.db'), { CLAIMWATCH_MAX_BODY_BYTES: String(8 * 1024 * 1024) }),
    // the heap npm start gives the service
    NODE_OPTIONS: '--max-old-space-size=160',
    // the budget is under test, not the judgement: the deterministic rules decide what alerts
    CLAIMWATCH_ENGINE: 'rules',
  };
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

/** About `bytes` of distinct on-topic sentences. */
function hugeText(item: number, bytes: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = `North Korean unit ${item}-${i} was seen moving ${i % 97} howitzers near village ${i * 7 + item} in Kursk.`;
    out.push(s);
    size += s.length + 1;
  }
  return out.join(' ');
}

interface AlertLine {
  item: { link: string };
  claims: unknown[];
  cut?: string;
}

describe('an item over budget (issue 9, class 2)', () => {
  it('GIVEN a feed of four 1 MB items beside a normal feed WHEN polled under the service heap limit THEN both alert, the big items within budget and saying what was cut', async () => {
    server.setFeed('/huge.xml', { title: 'Huge', items: [{ guid: 'h0', title: 'old', description: 'x' }] });
    server.setFeed('/small.xml', { title: 'Small', items: [{ guid: 's0', title: 'old', description: 'x' }] });
    for (const path of ['/huge.xml', '/small.xml']) {
      const added = await runCli(['watch', 'add', server.url(path), '--channel', 'console:news'], env);
      expect(added.code, added.stderr).toBe(0);
    }
    // the first poll of a new feed records what it holds and alerts nothing
    expect((await runCli(['run', '--once'], env)).code).toBe(0);
    server.addItems(
      '/huge.xml',
      ...[1, 2, 3, 4].map((n) => ({
        guid: `h${n}`,
        title: `Huge ${n}`,
        link: `${server.origin}/h/${n}`,
        description: hugeText(n, 1_000_000),
      })),
    );
    server.addItems('/small.xml', {
      guid: 's1',
      title: 'Small 1',
      link: `${server.origin}/s/1`,
      description: 'North Korea sent 40 self-propelled howitzers to Russia by rail last week, according to HUR.',
    });

    const run = await runCli(['run', '--once', '--json'], env);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const alerts = jsonLines<AlertLine>(run.stdout);
    const links = alerts.map((a) => a.item.link);
    expect(links).toContain(`${server.origin}/s/1`);
    const huge = alerts.filter((a) => a.item.link.includes('/h/'));
    expect(huge).toHaveLength(4);
    for (const a of huge) {
      expect(a.cut).toMatch(/^item over budget: read the first [\d,]+ of [\d,]+ characters/);
      expect(a.claims.length).toBeLessThanOrEqual(ITEM_BUDGET.alertClaims);
    }

    const status = await runCli(['watch', 'list', '--json'], env);
    const feeds = jsonLines<{ url: string; lastResult: string }>(status.stdout);
    expect(feeds.find((f) => f.url.endsWith('/huge.xml'))?.lastResult).toContain('4 over the item budget');
  }, 120_000);
});

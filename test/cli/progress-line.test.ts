import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClaimsApp, readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { createWatchRuntime } from '../../src/app/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { BackfillProgress } from '../../src/core/watch/watch-service.ts';
import { silentLogger } from '../../src/logger.ts';
import { backfillProgress, createProgressLine, seedBuildProgress } from '../../src/progress-line.ts';
import { openDatabase } from '../../src/store/db.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { tempDir } from '../watch/cli-child.ts';
import { twentyItems } from '../watch/story-items.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

/** A terminal (or not) that records what was written, with a clock the test moves. */
function screen(isTTY: boolean, columns = 80) {
  let now = 0;
  const writes: string[] = [];
  const stream = { isTTY, columns, write: (t: string) => writes.push(t) };
  const tick = (ms: number) => {
    now += ms;
  };
  return { stream, writes, tick, now: () => now };
}

describe('the progress line', () => {
  it('GIVEN stderr is not a terminal THEN nothing is written, however much progress is reported', () => {
    const s = screen(false);
    const line = createProgressLine(s.stream);
    for (let i = 0; i < 100; i++) line.update(`step ${i}`);
    line.done('finished');
    expect(s.writes).toEqual([]);
  });

  it('GIVEN a terminal THEN the line is rewritten in place, at most once per interval, cut to the width, and cleared when done', () => {
    const s = screen(true, 30);
    const line = createProgressLine(s.stream, { intervalMs: 100, now: s.now });
    line.update('step 1');
    s.tick(10);
    line.update('step 2'); // too soon: dropped
    s.tick(100);
    line.update('step 3 with a very long text that would wrap the terminal');
    line.done();
    expect(s.writes).toEqual([
      '\r\x1b[2Kstep 1',
      `\r\x1b[2K${'step 3 with a very long text that would wrap the terminal'.slice(0, 28)}…`,
      '\r\x1b[2K',
    ]);
    line.done('kept on screen');
    expect(s.writes.at(-2)).toBe('\r\x1b[2Kkept on screen');
    expect(s.writes.at(-1)).toBe('\n');
  });

  it('GIVEN the first build from seeds at a terminal THEN it shows seed N of M and the claims so far, then clears', () => {
    const reports: Array<{ done: number; total: number; claims: number }> = [];
    const s = screen(true, 200);
    const draw = seedBuildProgress(createProgressLine(s.stream, { intervalMs: 0, now: s.now }));
    const seeds = readSeedDocuments(SEEDS);
    const result = rebuildClaims(openDatabase(':memory:'), seeds, {
      onProgress: (p) => {
        reports.push(p);
        draw(p);
      },
    });
    expect(reports.map((r) => r.done)).toEqual(seeds.map((_, i) => i).concat(seeds.length));
    expect(reports.every((r) => r.total === seeds.length)).toBe(true);
    const claims = reports.map((r) => r.claims);
    expect(claims).toEqual([...claims].sort((a, b) => a - b));
    expect(claims.at(-1)).toBe(result?.claims);
    expect(s.writes[0]).toBe(`\r\x1b[2KBuilding the known-claims database: seed 1 of ${seeds.length}, 0 claims so far`);
    expect(s.writes.at(-2)).toBe(
      `\r\x1b[2KBuilding the known-claims database: seed ${seeds.length} of ${seeds.length}, ${claims.at(-2)} claims so far`,
    );
    expect(s.writes.at(-1)).toBe('\r\x1b[2K');
  });
});

describe('backfill progress', () => {
  let server: FeedServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    server = await startFeedServer();
    tmp = tempDir('claimwatch-backfill-');
  });
  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  it('GIVEN watch add --backfill 5 THEN progress is told item by item with the alerts so far, and drawn at a terminal', async () => {
    server.setFeed('/wire.xml', { title: 'Wire', items: twentyItems(server.origin).slice(0, 8) });
    const reports: BackfillProgress[] = [];
    const s = screen(true, 200);
    const draw = backfillProgress(createProgressLine(s.stream, { intervalMs: 0, now: s.now }));
    const app = openClaimsApp({
      dbPath: join(tmp.dir, 'c.db'),
      seedsDir: SEEDS,
      logger: silentLogger(),
      engine: 'rules',
    });
    const runtime = createWatchRuntime(app, {
      config: loadConfig({ CLAIMWATCH_ALLOW_HOSTS: '127.0.0.1' }),
      logger: silentLogger(),
      onBackfillProgress: (p) => {
        reports.push(p);
        draw(p);
      },
    });
    try {
      await runtime.services.watch.add({ url: server.url('/wire.xml'), channel: 'console:desk', backfill: 5 });
      expect(reports.map((r) => `${r.done}/${r.total}`)).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);
      const alerts = reports.map((r) => r.alerts);
      expect(alerts).toEqual([...alerts].sort((a, b) => a - b));
      expect(alerts.at(-1)).toBe(runtime.outbox.counts().pending);
      expect(s.writes[0]).toBe('\r\x1b[2KBackfill: judging item 1 of 5, 0 alerted so far');
      expect(s.writes.at(-1)).toBe('\r\x1b[2K');
    } finally {
      await runtime.stop();
      app.close();
    }
  }, 60_000);
});

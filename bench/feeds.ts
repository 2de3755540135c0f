/**
 * Feed watcher benchmark: 1,000 feeds on the loopback fake feed server, through the real reader (undici, SSRF guard,
 * rss-parser), engine, SQLite and dispatcher.
 * - full: every feed has 20 new items → fetch + parse + judge + learn + outbox, feeds/s
 * - 304: every feed answers Not Modified to the conditional GET, feeds/s
 * - latency: one new item in one feed, from the start of its poll to the sink receiving the alert, p50/p99
 * - peak RSS of this process, which runs only the watcher (the fake server runs in a child process)
 *
 * `npm run bench` calls runFeedsBench() from bench/index.ts; `node --import tsx bench/feeds.ts` runs it alone.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openClaimsApp } from '../src/app/claims-app.ts';
import { createWatchRuntime } from '../src/app/runtime.ts';
import type { ChatSink } from '../src/core/alerts.ts';
import { createFeedReader } from '../src/feeds/feed-reader.ts';
import { silentLogger } from '../src/logger.ts';
import type { FakeItem } from '../test/fakes/feed-server.ts';
import { startRemoteFeedServer } from './feed-server-process.ts';

/** Where the latency items' captures happen: a new fact each time, so each item alerts (new or a figure conflict). */
const PLACES = ['Kupiansk', 'Sudzha', 'Lgov', 'Rylsk', 'Korenevo', 'Glushkovo', 'Pokrovsk', 'Kurakhove'];

/** The slice of bench/index.ts's BenchContext this section uses (`--feeds N`, `--latency-samples N`). */
export interface FeedsBenchContext {
  log(line: string): void;
  option(name: string, fallback: number): number;
}

const standalone: FeedsBenchContext = { log: (l) => process.stderr.write(`${l}\n`), option: (_n, f) => f };

export type FeedsBenchResult = Record<string, number>;

/** Wire-style sentences from the eval set, so judging does real work (known, contradicting, new, off-topic). */
function sentences(): string[] {
  const file = new URL('../test/fixtures/eval/dev.jsonl', import.meta.url);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { sentence: string }).sentence);
}

function memory(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => `${Math.round(n / 1048576)}`;
  return `rss ${mb(m.rss)} MB (heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)})`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runFeedsBench(ctx: FeedsBenchContext = standalone): Promise<FeedsBenchResult> {
  const feedCount = ctx.option('feeds', 1000);
  const perFeed = ctx.option('items-per-feed', 20);
  const samples = ctx.option('latency-samples', 200);
  const pool = sentences();
  const dir = await mkdtemp(join(tmpdir(), 'claimwatch-bench-'));
  const server = await startRemoteFeedServer();
  const app = openClaimsApp({
    dbPath: join(dir, 'bench.db'),
    seedsDir: new URL('../seeds/', import.meta.url).pathname,
    logger: silentLogger(),
  });
  let deliveredAt = new Map<string, number>();
  const sink: ChatSink = {
    platform: 'console',
    async deliver(message) {
      deliveredAt.set(message.key, performance.now());
      return { ok: true };
    },
  };
  const runtime = createWatchRuntime(app, {
    config: {
      pollIntervalMs: 600_000,
      maxFailures: 8,
      maxAlertsPerPoll: 20,
      allowHosts: ['127.0.0.1'],
      maxBodyBytes: 5 << 20,
    },
    logger: silentLogger(),
    sinks: [sink],
    reader: createFeedReader({ allowHosts: ['127.0.0.1'] }),
    concurrency: ctx.option('poll-concurrency', 16),
  });
  try {
    let s = 0;
    const item = (feed: number, n: number): FakeItem => {
      const text = `${pool[s++ % pool.length]} ${pool[s++ % pool.length]}`;
      return {
        guid: `f${feed}-i${n}`,
        title: `Feed ${feed} item ${n}`,
        link: `${server.origin}/a/${feed}/${n}`,
        published: new Date(Date.UTC(2024, 9, 20) + n * 60_000).toISOString(),
        description: text,
      };
    };
    const ids: number[] = [];
    const now = Date.now();
    // Sent to the server 100 feeds at a time: 20,000 items in one message were the harness's own garbage (~25 MB
    // of heap before polling), not the watcher's.
    for (let c = 0; c < feedCount; c += 100) {
      await server.setFeeds(
        Array.from({ length: Math.min(100, feedCount - c) }, (_, i) => ({
          path: `/f/${c + i}.xml`,
          feed: { title: `Feed ${c + i}`, items: Array.from({ length: perFeed }, (_, n) => item(c + i, n)) },
        })),
      );
    }
    for (let f = 0; f < feedCount; f++) {
      // Inserted directly (no items seen yet, due now) so the first poll does the full work on all 20 items.
      const feed = runtime.watch.insertFeed({
        url: server.url(`/f/${f}.xml`),
        title: null,
        fullText: false,
        intervalMs: null,
        etag: null,
        lastModified: null,
        nextPollAt: now + 86_400_000, // made due chunk by chunk below
        lastPollAt: now,
        lastResult: 'bench',
      });
      runtime.watch.upsertSubscription({ feedId: feed.id, channel: 'console:bench', scope: null, level: 'new' });
      ids.push(feed.id);
    }

    ctx.log(`feeds: ${feedCount} feeds of ${perFeed} items on ${server.origin}; before polling ${memory()}`);
    // Full pass in chunks of 100 feeds, to show how the rate moves as the claims database learns (evidence grows).
    const full: Awaited<ReturnType<typeof runtime.poller.pollDue>> = [];
    const chunkRates: number[] = [];
    let fullSeconds = 0;
    for (let c = 0; c < ids.length; c += 100) {
      const chunk = ids.slice(c, c + 100);
      for (const id of chunk) runtime.watch.updateFeed(id, { nextPollAt: 0 });
      const t0 = performance.now();
      full.push(...(await runtime.poller.pollDue()));
      const seconds = (performance.now() - t0) / 1000;
      fullSeconds += seconds;
      chunkRates.push(chunk.length / seconds);
      ctx.log(
        `feeds: full pass, feeds ${c + 1}-${c + chunk.length}: ${(chunk.length / seconds).toFixed(1)} feeds/s, ${memory()}`,
      );
    }
    const fullFailures = full.filter((p) => !p.ok);
    if (full.length !== feedCount) throw new Error(`full pass: ${full.length} of ${feedCount} feeds polled`);
    for (const f of fullFailures.slice(0, 3)) ctx.log(`feeds: full pass failure: ${f.url}: ${f.result}`);
    ctx.log(`feeds: full pass ${fullSeconds.toFixed(2)} s`);
    // Feeds that failed get their items (and validators) now, so the next pass is all 304s.
    const failedIds = new Set(fullFailures.map((f) => f.feedId));
    const retried = await runtime.poller.pollNow(runtime.watch.listFeeds().filter((f) => failedIds.has(f.id)));
    if (retried.some((p) => !p.ok))
      throw new Error(`full pass: ${retried.filter((p) => !p.ok).length} feeds failed twice`);

    for (const id of ids) runtime.watch.updateFeed(id, { nextPollAt: 0 });
    const t = performance.now();
    const cached = await runtime.poller.pollDue();
    const cachedSeconds = (performance.now() - t) / 1000;
    const not304 = cached.filter((p) => p.result !== 'not modified');
    if (not304.length > 0) throw new Error(`304 pass: ${not304.length} feeds, e.g. ${JSON.stringify(not304[0])}`);

    // Latency: deliver the backlog first, then one new item at a time through a running dispatcher.
    runtime.start();
    await new Promise((r) => setTimeout(r, 100));
    while (runtime.outbox.counts().pending > 0) await new Promise((r) => setTimeout(r, 50));
    deliveredAt = new Map();
    const latencies: number[] = [];
    const story = pool.filter((x) => /North Korea/.test(x));
    for (let i = 0; i < samples; i++) {
      const f = i % feedCount;
      const path = `/f/${f}.xml`;
      await server.addItems(path, {
        guid: `lat-${i}`,
        title: `Latency ${i}`,
        link: `${server.origin}/lat/${i}`,
        published: new Date().toISOString(),
        description: `${story[i % story.length]} Ukraine's General Staff said ${i + 7} North Korean soldiers were captured near ${PLACES[i % PLACES.length]}.`,
      });
      const feed = runtime.watch.getFeed(ids[f] as number);
      if (!feed) throw new Error('feed vanished');
      const start = performance.now();
      const [poll] = await runtime.poller.pollNow([feed]);
      if (!poll?.alerts) continue; // judged known or off-topic: nothing to deliver, so no latency sample
      const deadline = performance.now() + 5_000;
      while (deliveredAt.size === 0 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
      const [at] = [...deliveredAt.values()];
      if (at === undefined) throw new Error(`latency sample ${i}: the alert was not delivered within 5 s`);
      latencies.push(at - start);
      deliveredAt = new Map();
    }
    // a latency figure from no sample would read as a pass: fail instead, the items must alert
    if (latencies.length < samples / 2)
      throw new Error(`latency: only ${latencies.length} of ${samples} items alerted; the figure would mean nothing`);
    latencies.sort((a, b) => a - b);
    return {
      feeds_count: feedCount,
      feeds_full_failures: fullFailures.length,
      feeds_latency_samples: latencies.length,
      feeds_full_per_s: round(feedCount / fullSeconds),
      feeds_full_first_100_per_s: round(chunkRates[0] ?? Number.NaN),
      feeds_full_last_100_per_s: round(chunkRates.at(-1) ?? Number.NaN),
      feeds_304_per_s: round(feedCount / cachedSeconds),
      feeds_latency_p50_ms: round(percentile(latencies, 50), 2),
      feeds_latency_p99_ms: round(percentile(latencies, 99), 2),
      feeds_peak_rss_mb: round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await runtime.stop();
    app.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runFeedsBench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/**
 * `claimwatch demo`: the whole pipeline with no internet. Bundled real articles are served from a loopback site this
 * run starts; a throwaway database is built from the seeds in a temp folder; the real watch service, poller, pipeline
 * and dispatcher (src/app/runtime.ts) watch the feed with full text and deliver to the console channel, which prints
 * each alert as it always does. The server, the database and the temp folder are gone when it returns.
 *
 * 127.0.0.1 is opened for this run only, by adding it to the allowed hosts the reader is built with; the address policy
 * itself is unchanged, and the user's database and configuration file are never written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClaimsApp } from '../app/claims-app.ts';
import { createWatchRuntime } from '../app/runtime.ts';
import { loadConfig, secretValues } from '../config.ts';
import { UserError } from '../core/errors.ts';
import { createLogger } from '../logger.ts';
import { createConsoleSink } from '../platforms/console/console-sink.ts';
import { loadDemoArticles } from './demo-articles.ts';
import { startDemoServer } from './demo-server.ts';

export const DEMO_CHANNEL = 'console:demo';
export const DEFAULT_DEMO_LIMIT = 5;

export interface DemoOptions {
  seedsDir: string;
  /** Articles to serve, oldest first (default 5). */
  limit?: number;
  /** Alerts as JSON lines (progress then goes to stderr). */
  json?: boolean;
  env?: Record<string, string | undefined>;
  /** Where the temp folder is made (default: the system's). */
  tempRoot?: string;
  /** Alert output (default stdout). */
  write?: (text: string) => void;
  /** Progress lines (default stdout, or stderr with json). */
  progress?: (line: string) => void;
}

export interface DemoResult {
  articles: number;
  alerts: number;
  seconds: number;
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const env = opts.env ?? process.env;
  const write = opts.write ?? ((text: string) => void process.stdout.write(text));
  const progress =
    opts.progress ?? ((line: string) => void (opts.json ? process.stderr : process.stdout).write(`${line}\n`));
  const all = loadDemoArticles();
  const limit = opts.limit ?? DEFAULT_DEMO_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > all.length)
    throw new UserError(
      'bad_input',
      `--limit must be between 1 and ${all.length} (the bundled articles), not ${limit}`,
    );
  const articles = all.slice(0, limit);
  const config = loadConfig(env);
  // Quiet unless a log level was asked for: the demo's own lines say what happens.
  const logger = createLogger(env.CLAIMWATCH_LOG_LEVEL ? config.logLevel : 'warn', { secrets: secretValues(env) });

  const dir = mkdtempSync(join(opts.tempRoot ?? tmpdir(), 'claimwatch-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // Ctrl-C mid-run still leaves nothing behind.
  const onSignal = (signal: NodeJS.Signals) => {
    removeDir();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cleanups: Array<() => Promise<void> | void> = [removeDir];
  try {
    progress(`Building a throwaway known-claims database from ${opts.seedsDir} in ${dir}…`);
    const app = openClaimsApp({ dbPath: join(dir, 'demo.db'), seedsDir: opts.seedsDir, logger, engine: config.engine });
    cleanups.unshift(() => app.close());
    const counts = app.claims.counts();
    progress(`  ${counts.claims} known claims, ${counts.evidence} pieces of evidence, ${counts.conflicts} conflicts`);

    const server = await startDemoServer(articles);
    cleanups.unshift(() => server.close());
    const first = articles[0] as (typeof articles)[number];
    const last = articles[articles.length - 1] as (typeof articles)[number];
    const span = first.published === last.published ? first.published : `${first.published} to ${last.published}`;
    progress(`Serving ${plural(articles.length, 'real article')} (${span}) at ${server.feedUrl}, this machine only`);

    const runtime = createWatchRuntime(app, {
      config: {
        ...config,
        allowHosts: [...config.allowHosts, '127.0.0.1'],
        maxAlertsPerPoll: Math.max(config.maxAlertsPerPoll, articles.length),
      },
      logger,
      sinks: [createConsoleSink({ json: opts.json, write })],
    });
    cleanups.unshift(() => runtime.stop());
    await runtime.services.watch.add({ url: server.feedUrl, channel: DEMO_CHANNEL, level: 'new', fullText: true });

    server.publish();
    progress(`Polling the feed: reading each article's page and judging every sentence against the known claims…`);
    const { polls, delivery } = await runtime.runOnce();
    const poll = polls[0];
    if (!poll?.ok)
      throw new UserError('fetch_failed', `the demo feed could not be polled: ${poll?.result ?? 'no poll'}`);
    const seconds = (Date.now() - started) / 1000;
    progress(
      `Judged ${plural(poll.newItems, 'new article')}; ${plural(delivery.sent, 'alert')} posted to ${DEMO_CHANNEL}` +
        `${delivery.dead + delivery.retried > 0 ? ` (${delivery.retried} retried, ${delivery.dead} failed)` : ''}` +
        ` in ${seconds.toFixed(1)} s. The articles' original pages are listed in src/demo/articles.json.`,
    );
    return { articles: articles.length, alerts: delivery.sent, seconds };
  } finally {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (err) {
        logger.warn({ err }, 'demo cleanup step failed');
      }
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

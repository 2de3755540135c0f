/**
 * `claimwatch watch add|list|remove|pause|resume|poll`, `claimwatch run [--once]` and `claimwatch status`.
 * Admin commands change the watch lists and exit; `watch poll` delivers the alerts it can (console channels, and the
 * platforms whose token is set) and says which wait in the outbox and why. Output for people by default, one JSON
 * object a line with --json.
 */
import type { Command } from 'commander';
import { channelReadiness } from '../app/channel-readiness.ts';
import { openClaimsApp } from '../app/claims-app.ts';
import { deliverySinks } from '../app/platforms.ts';
import { createWatchRuntime, type WatchRuntime } from '../app/runtime.ts';
import { type Config, loadConfig } from '../config.ts';
import { ALERT_LEVELS, type AlertLevel } from '../core/alerts.ts';
import type { FeedView, PollSummary, Services, StatusView, WatchAddResult } from '../core/services.ts';
import { createLogger, type Logger } from '../logger.ts';
import { runOnce, runService } from '../main.ts';
import { createConsoleSink } from '../platforms/console/console-sink.ts';
import { backfillProgress, seedBuildProgress } from '../progress-line.ts';
import { formatTable, parsePositiveInt, resolveDbPath, resolveSeedsDir, writeJsonLine } from './common.ts';
import { channelRows, queueJson, queueReport } from './outbox-report.ts';

interface DbOptions {
  db?: string;
  seeds?: string;
  json?: boolean;
}

const DB_HELP = 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)';
const SEEDS_HELP = 'seed folder used if the database must be built first';

/** Opens the database and the watcher (no sinks, no loops), runs `fn` with it, closes everything. */
async function withRuntime<T>(
  opts: DbOptions,
  fn: (runtime: WatchRuntime, config: Config, logger: Logger) => Promise<T> | T,
): Promise<T> {
  const config = loadConfig();
  // Admin commands stay quiet on stderr unless a log level was asked for.
  const logger = createLogger(process.env.CLAIMWATCH_LOG_LEVEL ? config.logLevel : 'warn', {
    format: config.logFormat,
  });
  const app = openClaimsApp({
    dbPath: resolveDbPath(opts.db),
    seedsDir: resolveSeedsDir(opts.seeds),
    logger,
    onBuildProgress: seedBuildProgress(),
    ...(config.llm ? { llm: config.llm } : {}),
  });
  const runtime = createWatchRuntime(app, {
    config,
    logger,
    whyUndeliverable: channelReadiness(config),
    onBackfillProgress: backfillProgress(),
  });
  try {
    return await fn(runtime, config, logger);
  } finally {
    await runtime.stop();
    app.close();
  }
}

const withServices = <T>(opts: DbOptions, fn: (services: Services) => Promise<T> | T): Promise<T> =>
  withRuntime(opts, (runtime) => fn(runtime.services));

function feedRows(feeds: FeedView[]): string {
  if (feeds.length === 0)
    return 'No feeds are watched. Add one with: claimwatch watch add URL --channel console:NAME\n';
  const rows = feeds.map((f) => [
    String(f.id),
    f.state,
    f.title ?? '',
    f.url,
    f.subscriptions.map((s) => `${s.channel} (${s.level}${s.paused ? `, paused: ${s.pausedReason}` : ''})`).join(', '),
    f.lastPollAt ? `${f.lastPollAt}: ${f.lastResult ?? ''}` : 'never',
    f.nextPollAt ?? '-',
    String(f.failures),
  ]);
  const cols = [
    { header: 'ID' },
    { header: 'STATE' },
    { header: 'TITLE', max: 30 },
    { header: 'URL', max: 50 },
    { header: 'CHANNELS', max: 60 },
    { header: 'LAST POLL', max: 70 },
    { header: 'NEXT POLL' },
    { header: 'FAILURES' },
  ];
  return `${formatTable(cols, rows)}\n`;
}

function printFeed(feed: FeedView, verb: string, json: boolean | undefined): void {
  if (json) writeJsonLine(feed);
  else
    process.stdout.write(
      `${verb} feed #${feed.id} ${feed.title ? `"${feed.title}" ` : ''}${feed.url} (${feed.state})\n`,
    );
}

function printAdded(feed: WatchAddResult, json: boolean | undefined): void {
  const again = feed.alreadyWatched;
  if (json || !again) {
    printFeed(feed, 'Watching', json);
    return;
  }
  const what = again.changes.length > 0 ? `changed: ${again.changes.join('; ')}` : 'nothing changed';
  process.stdout.write(
    `Already watching feed #${feed.id} ${feed.title ? `"${feed.title}" ` : ''}${feed.url} (${feed.state}); ${what}\n`,
  );
}

/** A removed feed is gone: say what was unsubscribed, not the state it had. */
function printRemoved(feed: FeedView, json: boolean | undefined): void {
  if (json) {
    writeJsonLine(feed);
    return;
  }
  const subs = feed.subscriptions.map((s) => s.channel).join(', ');
  process.stdout.write(
    `Removed feed #${feed.id} ${feed.title ? `"${feed.title}" ` : ''}${feed.url}; unsubscribed: ${subs || 'no channel'}\n`,
  );
}

function printPolls(polls: PollSummary[], json: boolean | undefined): void {
  if (json) {
    for (const p of polls) writeJsonLine(p);
    return;
  }
  if (polls.length === 0) process.stdout.write('No active feed to poll.\n');
  for (const p of polls) {
    process.stdout.write(
      `#${p.feedId} ${p.url}: ${p.ok ? `${p.result}, ${p.newItems} new, ${p.alerts} alerted` : `failed: ${p.result}`}\n`,
    );
  }
}

function printStatus(view: StatusView): void {
  process.stdout.write(feedRows(view.feeds));
  const o = view.outbox;
  process.stdout.write(`\nOutbox: ${o.pending} pending, ${o.sent} sent, ${o.dead} dead\n`);
  for (const p of view.pausedChannels) process.stdout.write(`Paused channel ${p.channel}: ${p.reason}\n`);
  process.stdout.write(channelRows(view.channels));
  for (const d of view.deadLetters ?? []) {
    process.stdout.write(`Dead letter ${d.key} after ${d.attempts} attempt(s): ${d.error ?? 'unknown error'}\n`);
  }
}

const id = (value: string) => parsePositiveInt(value, 'feed ID');

export function registerWatchCommands(program: Command): void {
  const watch = program.command('watch').description('manage the watched feeds');
  const common = (cmd: Command) =>
    cmd.option('--db <file>', DB_HELP).option('--seeds <dir>', SEEDS_HELP).option('--json', 'print JSON');

  common(
    watch
      .command('add')
      .description('fetch and validate a feed, then watch it; its current items are recorded without alerting')
      .argument('<url>', 'RSS or Atom feed URL')
      .option(
        '--channel <target>',
        'where alerts go: discord:ID, slack:ID or console:NAME (default: CLAIMWATCH_CONSOLE_CHANNEL)',
      )
      .option('--alerts <level>', `which alerts: ${ALERT_LEVELS.join(', ')} (default: new)`)
      .option(
        '--full-text',
        "fetch each judged item's page (backfilled ones too) and judge the article; the feed's text if it fails",
      )
      .option('--backfill <n>', 'judge (and alert) the newest N current items', '0'),
  ).action(
    async (
      url: string,
      opts: DbOptions & { channel?: string; alerts?: string; fullText?: boolean; backfill: string },
    ) => {
      const backfill = opts.backfill === '0' ? 0 : parsePositiveInt(opts.backfill, '--backfill');
      const channel = opts.channel ?? loadConfig().consoleChannel;
      const feed = await withServices(opts, (s) =>
        s.watch.add({ url, channel, level: opts.alerts as AlertLevel | undefined, fullText: opts.fullText, backfill }),
      );
      printAdded(feed, opts.json);
    },
  );

  common(watch.command('list').description('list watched feeds and their channels')).action(async (opts: DbOptions) => {
    const feeds = await withServices(opts, (s) => s.watch.list());
    if (opts.json) for (const f of feeds) writeJsonLine(f);
    else process.stdout.write(feedRows(feeds));
  });

  const byId = (name: 'remove' | 'pause' | 'resume', description: string, verb: string) =>
    common(watch.command(name).description(description).argument('<id>', 'feed ID (see watch list)')).action(
      async (value: string, opts: DbOptions) => {
        const feed = await withServices(opts, (s) => s.watch[name](id(value)));
        if (name === 'remove') printRemoved(feed, opts.json);
        else printFeed(feed, verb, opts.json);
      },
    );
  byId('remove', 'stop watching a feed (all its channels)', 'Removed');
  byId('pause', 'stop polling a feed until resumed', 'Paused');
  byId('resume', 'resume a paused or disabled feed (resets its failures; polls it soon)', 'Resumed');

  common(
    watch
      .command('poll')
      .description(
        'poll one feed (or every active feed) now and deliver what is due (console channels, and platforms whose token is set); says what waits and why',
      )
      .argument('[id]', 'feed ID (default: every active feed)'),
  ).action(async (value: string | undefined, opts: DbOptions) => {
    await withRuntime(opts, async (runtime, config, logger) => {
      printPolls(await runtime.services.watch.poll(value === undefined ? undefined : id(value)), opts.json);
      // The same dispatcher and outbox as the service: a row the running service is sending is left to it.
      runtime.addSink(createConsoleSink({ json: opts.json }));
      for (const sink of await deliverySinks(config, logger)) runtime.addSink(sink);
      const delivery = await runtime.drain();
      const channels = runtime.services.status().channels;
      if (opts.json) writeJsonLine(queueJson(delivery, channels));
      else process.stdout.write(queueReport(delivery, channels));
    });
  });

  program
    .command('run')
    .description(
      'run the service: poll feeds, judge new items, deliver alerts (chat platforms when configured, else console)',
    )
    .option('--once', 'poll every active feed once, deliver, and exit')
    .option('--json', 'console alerts as JSON lines: {channel, key, verdict, item, claims}')
    .option('--db <file>', DB_HELP)
    .option('--seeds <dir>', SEEDS_HELP)
    .action(async (opts: DbOptions & { once?: boolean }) => {
      const run = opts.once ? runOnce : runService;
      const code = await run({
        dbPath: resolveDbPath(opts.db),
        seedsDir: resolveSeedsDir(opts.seeds),
        once: opts.once,
        json: opts.json,
      });
      // Everything is stored and closed; a fetch abandoned at shutdown must not keep the process alive.
      process.exit(code);
    });

  common(
    program.command('status').description("each feed's last poll, result, next poll and failures; the outbox"),
  ).action(async (opts: DbOptions) => {
    const view = await withServices(opts, (s) => s.status());
    if (opts.json) writeJsonLine(view);
    else printStatus(view);
  });
}

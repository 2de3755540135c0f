/**
 * `claimwatch watch add|list|remove|pause|resume|poll`, `claimwatch run [--once]` and `claimwatch status`.
 * Admin commands change the watch lists and exit; `watch poll` queues alerts that the running service (or
 * `run --once`) delivers. Output for people by default, one JSON object a line with --json.
 */
import type { Command } from 'commander';
import { openClaimsApp } from '../app/claims-app.ts';
import { createWatchRuntime } from '../app/runtime.ts';
import { loadConfig } from '../config.ts';
import { ALERT_LEVELS, type AlertLevel } from '../core/alerts.ts';
import type { FeedView, PollSummary, Services, StatusView, WatchAddResult } from '../core/services.ts';
import { createLogger } from '../logger.ts';
import { runOnce, runService } from '../main.ts';
import { backfillProgress, seedBuildProgress } from '../progress-line.ts';
import { formatTable, parsePositiveInt, resolveDbPath, resolveSeedsDir, writeJsonLine } from './common.ts';

interface DbOptions {
  db?: string;
  seeds?: string;
  json?: boolean;
}

const DB_HELP = 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)';
const SEEDS_HELP = 'seed folder used if the database must be built first';

/** Opens the database and the watcher (no sinks, no loops), runs `fn` with the services, closes everything. */
async function withServices<T>(opts: DbOptions, fn: (services: Services) => Promise<T> | T): Promise<T> {
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
  });
  const runtime = createWatchRuntime(app, { config, logger, onBackfillProgress: backfillProgress() });
  try {
    return await fn(runtime.services);
  } finally {
    await runtime.stop();
    app.close();
  }
}

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
      .option('--full-text', "fetch each item's page and judge the article's full text")
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
      .description('poll one feed (or every active feed) now; alerts are queued for the service to deliver')
      .argument('[id]', 'feed ID (default: every active feed)'),
  ).action(async (value: string | undefined, opts: DbOptions) => {
    const polls = await withServices(opts, (s) => s.watch.poll(value === undefined ? undefined : id(value)));
    printPolls(polls, opts.json);
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

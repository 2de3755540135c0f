/**
 * Composition root of the service (`claimwatch run`, `npm start`): opens the claims database (built from the seeds
 * when missing), subscribes the default watch list on a database that never had a feed, starts the watcher
 * (scheduler + dispatcher), every configured chat platform and the console sink.
 * SIGINT/SIGTERM stop polling, let the poll and delivery in flight finish (a SQLite transaction is synchronous, so
 * one in flight always completes), close the database and exit 0.
 */
import { channelReadiness } from './app/channel-readiness.ts';
import { type ClaimsApp, openClaimsApp } from './app/claims-app.ts';
import { crashHookFromEnv } from './app/crash-points.ts';
import { applyDefaultFeeds } from './app/default-feeds.ts';
import { type RunningPlatform, startPlatforms, stopPlatforms } from './app/platforms.ts';
import { createWatchRuntime, type WatchRuntime } from './app/runtime.ts';
import { loadCommands } from './commands/load-commands.ts';
import type { Config } from './config.ts';
import { loadConfig, secretValues } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createConsoleSink } from './platforms/console/console-sink.ts';
import { seedBuildProgress } from './progress-line.ts';

export interface RunOptions {
  dbPath: string;
  seedsDir: string;
  /** Poll every feed once, deliver, exit. */
  once?: boolean;
  /** Console alerts as JSON lines. */
  json?: boolean;
  env?: Record<string, string | undefined>;
}

interface Service {
  config: Config;
  logger: Logger;
  app: ClaimsApp;
  runtime: WatchRuntime;
  platforms: RunningPlatform[];
}

async function startService(opts: RunOptions): Promise<Service> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, { secrets: secretValues(env), format: config.logFormat });
  const app = openClaimsApp({
    dbPath: opts.dbPath,
    seedsDir: opts.seedsDir,
    logger,
    engine: config.engine,
    onBuildProgress: seedBuildProgress(),
    ...(config.llm ? { llm: config.llm } : {}),
  });
  const runtime = createWatchRuntime(app, {
    config,
    logger,
    crash: crashHookFromEnv(env),
    whyUndeliverable: channelReadiness(config),
    // console:NAME channels always print; with no chat platform configured they are where alerts go.
    sinks: [createConsoleSink({ json: opts.json })],
  });
  let platforms: RunningPlatform[] = [];
  try {
    if (config.defaultFeeds) {
      applyDefaultFeeds({ watch: runtime.watch, transact: app.transact, logger }, opts.seedsDir, config.consoleChannel);
    }
    if (config.discord || config.slack) {
      platforms = await startPlatforms({ config, services: runtime.services, commands: await loadCommands(), logger });
      for (const p of platforms) runtime.addSink(p.sink);
    }
  } catch (err) {
    await runtime.stop();
    app.close();
    throw err;
  }
  return { config, logger, app, runtime, platforms };
}

async function stopService(s: Service): Promise<void> {
  await s.runtime.stop();
  await stopPlatforms(s.platforms, s.logger);
  s.app.close();
}

/** `claimwatch run --once`: resolves with the exit code once every feed was polled and delivery settled. */
export async function runOnce(opts: RunOptions): Promise<number> {
  const s = await startService(opts);
  try {
    const { polls, delivery } = await s.runtime.runOnce();
    s.logger.info(
      { feeds: polls.length, failed: polls.filter((p) => !p.ok).length, ...delivery },
      'polled every feed once',
    );
    return 0;
  } finally {
    await stopService(s);
  }
}

/** `claimwatch run`: resolves with exit code 0 after SIGINT or SIGTERM. */
export async function runService(opts: RunOptions): Promise<number> {
  // Listen first: a signal during start-up still ends in a clean stop once start-up is done.
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const s = await startService(opts);
  s.runtime.start();
  s.logger.info(
    { db: opts.dbPath, platforms: ['console', ...s.platforms.map((p) => p.name)] },
    'claimwatch is watching feeds',
  );
  if (s.runtime.services.watch.list().length === 0) {
    s.logger.info(
      {},
      'no feeds are watched yet: add one with `claimwatch watch add URL --channel TARGET` or /watch add',
    );
  }
  s.logger.info({ signal: await signal }, 'stopping: finishing the work in flight');
  await stopService(s);
  s.logger.info({}, 'stopped');
  return 0;
}

/** Opens the known-claims database for one CLI command (building it from the seeds on first use) and closes it after. */
import { existsSync } from 'node:fs';
import { type ClaimsApp, openClaimsApp } from '../app/claims-app.ts';
import type { LlmConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { seedBuildProgress } from '../progress-line.ts';
import { resolveDbPath, resolveSeedsDir } from './common.ts';

export interface DbOptions {
  db?: string;
  seeds?: string;
}

export interface SessionOptions {
  /** The LLM judge's settings (Config.llm), for the commands that judge. */
  llm?: LlmConfig;
}

/** Runs `fn` with the opened database; closes it when `fn` (or the promise it returns) is done. */
export async function withClaimsApp<T>(
  opts: DbOptions,
  fn: (app: ClaimsApp) => T | Promise<T>,
  session: SessionOptions = {},
): Promise<T> {
  const dbPath = resolveDbPath(opts.db);
  const seedsDir = resolveSeedsDir(opts.seeds);
  if (!existsSync(dbPath)) process.stderr.write(`claimwatch: first use: building ${dbPath} from ${seedsDir}\n`);
  const app = openClaimsApp({
    dbPath,
    seedsDir,
    logger: createLogger(process.env.CLAIMWATCH_LOG_LEVEL || 'warn'),
    onBuildProgress: seedBuildProgress(),
    ...(session.llm ? { llm: session.llm } : {}),
  });
  try {
    return await fn(app);
  } finally {
    app.close();
  }
}

/**
 * Environment → validated configuration, parsed once at start-up. A bad setting stops the program with a message
 * naming the variable. Secrets stay in this object; nothing here is ever logged whole.
 */
import { z } from 'zod';
import { envFileOf } from './env-file.ts';

/** "90", "90s", "10m", "1h" → milliseconds. A bare number is seconds. */
function duration(name: string) {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(ms|s|m|h)?$/i, `${name} must be a duration such as 600, 90s, 10m or 1h`)
    .transform((v) => {
      const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(v) as RegExpExecArray;
      const n = Number(m[1]);
      const unit = (m[2] ?? 's').toLowerCase();
      const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
      return Math.round(n * factor);
    });
}

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** `auto`: readable lines when stderr is a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const schema = z.object({
  CLAIMWATCH_DB: z.string().trim().min(1).default('./data/claimwatch.db'),
  CLAIMWATCH_SEEDS: z.string().trim().min(1).default('./seeds'),
  CLAIMWATCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLAIMWATCH_LOG_FORMAT: z.enum(LOG_FORMATS).default('auto'),
  CLAIMWATCH_POLL_INTERVAL: duration('CLAIMWATCH_POLL_INTERVAL')
    .default(600_000)
    .refine((ms) => ms >= 60_000, 'CLAIMWATCH_POLL_INTERVAL must be at least 1m'),
  CLAIMWATCH_ALLOW_HOSTS: list,
  CLAIMWATCH_MAX_FAILURES: intFromEnv(1, 1000).default(8),
  CLAIMWATCH_MAX_BODY_BYTES: intFromEnv(1024, 1024 * 1024 * 1024).default(5 * 1024 * 1024),
  CLAIMWATCH_MAX_ALERTS_PER_POLL: intFromEnv(1, 10_000).default(20),
  CLAIMWATCH_HTTP_PORT: intFromEnv(0, 65535).default(3000),
  CLAIMWATCH_CONSOLE_CHANNEL: z.string().trim().min(1).default('console:alerts'),
  CLAIMWATCH_ENGINE: z.enum(['learned', 'rules']).default('learned'),
  CLAIMWATCH_DEFAULT_FEEDS: z.enum(['on', 'off']).default('on'),
  CLAIMWATCH_LLM_URL: z
    .url({ protocol: /^https?$/, error: 'CLAIMWATCH_LLM_URL must be an http(s) URL such as http://127.0.0.1:11434/v1' })
    .optional(),
  CLAIMWATCH_LLM_MODEL: z.string().trim().min(1).optional(),
  CLAIMWATCH_LLM_API_KEY: optionalSecret,
  CLAIMWATCH_LLM_MODE: z.enum(['off', 'uncertain', 'all']).default('off'),
  CLAIMWATCH_LLM_TIMEOUT: duration('CLAIMWATCH_LLM_TIMEOUT')
    .default(20_000)
    .refine((ms) => ms >= 1_000 && ms <= 600_000, 'CLAIMWATCH_LLM_TIMEOUT must be between 1s and 10m'),
  CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR: intFromEnv(1, 1_000_000).default(600),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APP_ID: optionalSecret,
  DISCORD_GUILD_ID: optionalSecret,
  DISCORD_API_BASE: z.url().default('https://discord.com/api'),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_API_URL: z.url().optional(),
  SLACK_ADMIN_USER_IDS: list,
});

export type Env = z.input<typeof schema>;

export interface Config {
  dbPath: string;
  seedsDir: string;
  logLevel: z.output<typeof schema>['CLAIMWATCH_LOG_LEVEL'];
  logFormat: LogFormat;
  pollIntervalMs: number;
  allowHosts: string[];
  maxFailures: number;
  maxBodyBytes: number;
  maxAlertsPerPoll: number;
  httpPort: number;
  consoleChannel: string;
  /** learned (default) or rules. */
  engine: 'learned' | 'rules';
  /** Subscribe the seeds folder's default watch list (feeds.json) when the database has never had a feed. */
  defaultFeeds: boolean;
  /** The optional LLM judge's server, when CLAIMWATCH_LLM_URL and CLAIMWATCH_LLM_MODEL are set (used when mode is not off). */
  llm: LlmConfig | undefined;
  discord: { token: string; appId: string | undefined; guildId: string | undefined; apiBase: string } | undefined;
  slack:
    | {
        botToken: string;
        appToken: string | undefined;
        signingSecret: string | undefined;
        apiUrl: string | undefined;
        adminUserIds: string[];
      }
    | undefined;
}

export interface LlmConfig {
  url: string;
  model: string;
  /** A secret: never logged. */
  apiKey: string | undefined;
  /** off (default): not asked; uncertain: the engine's uncertain band only; all: every on-topic sentence. */
  mode: 'off' | 'uncertain' | 'all';
  timeoutMs: number;
  maxCallsPerHour: number;
}

/** The variables that hold secrets: their values are scrubbed from every log line and error message. */
export const SECRET_VARIABLES = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'CLAIMWATCH_LLM_API_KEY',
] as const;

/** The secret values set in `env`, for the logger's and the CLI's scrubber. */
export function secretValues(env: Record<string, string | undefined> = process.env): string[] {
  return SECRET_VARIABLES.map((k) => env[k]?.trim()).filter((v): v is string => Boolean(v));
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment. Throws ConfigError naming each bad variable (never its value: it may be a secret). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    // A value read from .env names that file too: the user looks there, not in the shell.
    const where = (key: string) => {
      const file = env === process.env ? envFileOf(key) : undefined;
      return file ? `${key} in ${file}` : key;
    };
    const lines = parsed.error.issues.map((i) => `${where(i.path.join('.')) || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'invalid configuration:\n  SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is',
    );
  }
  if (e.CLAIMWATCH_LLM_MODE !== 'off' && (!e.CLAIMWATCH_LLM_URL || !e.CLAIMWATCH_LLM_MODEL)) {
    const missing = [
      e.CLAIMWATCH_LLM_URL ? null : 'CLAIMWATCH_LLM_URL',
      e.CLAIMWATCH_LLM_MODEL ? null : 'CLAIMWATCH_LLM_MODEL',
    ].filter(Boolean);
    throw new ConfigError(
      `invalid configuration:\n  CLAIMWATCH_LLM_MODE is ${e.CLAIMWATCH_LLM_MODE} but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
    );
  }
  if (e.CLAIMWATCH_LLM_MODE !== 'off' && e.CLAIMWATCH_ENGINE === 'rules') {
    throw new ConfigError(
      'invalid configuration:\n  CLAIMWATCH_LLM_MODE works over the learned engine (its candidates and uncertain band); CLAIMWATCH_ENGINE is rules',
    );
  }
  return {
    dbPath: e.CLAIMWATCH_DB,
    seedsDir: e.CLAIMWATCH_SEEDS,
    logLevel: e.CLAIMWATCH_LOG_LEVEL,
    logFormat: e.CLAIMWATCH_LOG_FORMAT,
    pollIntervalMs: e.CLAIMWATCH_POLL_INTERVAL,
    allowHosts: e.CLAIMWATCH_ALLOW_HOSTS,
    maxFailures: e.CLAIMWATCH_MAX_FAILURES,
    maxBodyBytes: e.CLAIMWATCH_MAX_BODY_BYTES,
    maxAlertsPerPoll: e.CLAIMWATCH_MAX_ALERTS_PER_POLL,
    httpPort: e.CLAIMWATCH_HTTP_PORT,
    consoleChannel: e.CLAIMWATCH_CONSOLE_CHANNEL,
    engine: e.CLAIMWATCH_ENGINE,
    defaultFeeds: e.CLAIMWATCH_DEFAULT_FEEDS === 'on',
    llm:
      e.CLAIMWATCH_LLM_URL && e.CLAIMWATCH_LLM_MODEL
        ? {
            url: e.CLAIMWATCH_LLM_URL,
            model: e.CLAIMWATCH_LLM_MODEL,
            apiKey: e.CLAIMWATCH_LLM_API_KEY,
            mode: e.CLAIMWATCH_LLM_MODE,
            timeoutMs: e.CLAIMWATCH_LLM_TIMEOUT,
            maxCallsPerHour: e.CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR,
          }
        : undefined,
    discord: e.DISCORD_TOKEN
      ? { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, guildId: e.DISCORD_GUILD_ID, apiBase: e.DISCORD_API_BASE }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL,
          adminUserIds: e.SLACK_ADMIN_USER_IDS,
        }
      : undefined,
  };
}

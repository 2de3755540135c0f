/**
 * One structured logger (pino), created at the composition root and passed in. Secrets are redacted twice: by path
 * (a config object logged by mistake), and on every finished line by the secret scrubber (configured secrets and
 * token patterns anywhere in the text, however deep an error object carried them). Error serialisation also drops
 * HTTP request configs, which carry Authorization headers and request bodies.
 *
 * Lines are JSON for machines (a supervisor, a log shipper) and pino-pretty's for people at a terminal. The pretty
 * stream reads the line after the scrubber has run, so it never sees a secret either.
 */
import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';
import pretty from 'pino-pretty';
import { LOG_FORMATS, type LogFormat, secretValues } from './config.ts';
import { createSecretScrubber } from './secret-scrubber.ts';

export type { Logger } from 'pino';

const REDACT = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  /** Secrets (tokens, signing secret) that must never appear in a line; by default those set in the environment. */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; stderr unless told (tests collect them). */
  destination?: DestinationStream & { isTTY?: boolean };
  /** Default: CLAIMWATCH_LOG_FORMAT, else auto (pretty when the destination is a terminal). */
  format?: LogFormat;
}

/** Whether lines for people are written: `auto` asks whether the destination (stderr by default) is a terminal. */
export function wantsPrettyLogs(format: LogFormat, destination?: { isTTY?: boolean }): boolean {
  if (format !== 'auto') return format === 'pretty';
  return Boolean((destination ?? process.stderr).isTTY);
}

function formatFromEnv(): LogFormat {
  const v = process.env.CLAIMWATCH_LOG_FORMAT?.trim();
  return (LOG_FORMATS as readonly string[]).includes(v ?? '') ? (v as LogFormat) : 'auto';
}

/** Logs go to stderr so stdout stays clean for `--json` output. */
export function createLogger(level: string = 'info', opts: LoggerOptions = {}): Logger {
  const scrub = createSecretScrubber(opts.secrets ?? secretValues(process.env));
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError },
    hooks: { streamWrite: scrub },
  };
  if (!wantsPrettyLogs(opts.format ?? formatFromEnv(), opts.destination)) {
    return pino(options, opts.destination ?? pino.destination(2));
  }
  const toTerminal = opts.destination === undefined && process.stderr.isTTY;
  const stream = pretty({
    destination: opts.destination ?? 2,
    // synchronous, like pino.destination(2): nothing is lost when the process exits right after a line
    sync: true,
    colorize: toTerminal && !process.env.NO_COLOR,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return pino(options, stream);
}

/** A logger that drops everything, for tests and quiet CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Fields of HTTP client errors that hold the request (headers, body) or the raw socket: never useful in a log. */
const REQUEST_FIELDS = ['config', 'request', 'response', 'headers', 'requestBody'];

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  return withoutRequests(stdSerializers.err(err), 0);
}

function withoutRequests(value: unknown, depth: number): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return withoutRequests(stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => withoutRequests(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (REQUEST_FIELDS.includes(k)) continue;
    out[k] = withoutRequests(v, depth + 1);
  }
  return out;
}

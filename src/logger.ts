/**
 * One structured logger (pino), created at the composition root and passed in. Secrets are redacted twice: by path
 * (a config object logged by mistake), and on every finished line by the secret scrubber (configured secrets and
 * token patterns anywhere in the text, however deep an error object carried them). Error serialisation also drops
 * HTTP request configs, which carry Authorization headers and request bodies.
 */
import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';
import { secretValues } from './config.ts';
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
  destination?: DestinationStream;
}

/** Logs go to stderr so stdout stays clean for `--json` output. */
export function createLogger(level: string = 'info', opts: LoggerOptions = {}): Logger {
  const scrub = createSecretScrubber(opts.secrets ?? secretValues(process.env));
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError },
      hooks: { streamWrite: scrub },
    },
    opts.destination ?? pino.destination(2),
  );
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

/**
 * One structured logger (pino), created at the composition root and passed in. Secrets are redacted by path so a
 * config or error object logged by mistake does not leak a token.
 */
import { type Logger, pino } from 'pino';

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

/** Logs go to stderr so stdout stays clean for `--json` output. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}

/** A logger that drops everything, for tests and quiet CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

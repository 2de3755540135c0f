/**
 * How the CLI shows an error: one clear line for anything the user can act on (UserError, ConfigError, a busy,
 * read-only or damaged database), the stack only for bugs, and never a secret.
 */
import { CommanderError } from 'commander';
import { ConfigError, secretValues } from '../config.ts';
import { isUserError } from '../core/errors.ts';
import { createSecretScrubber } from '../secret-scrubber.ts';
import { databaseErrorMessage } from '../store/db-errors.ts';
import { resolveDbPath } from './common.ts';

/** Prints an error the way a user should see it and returns the exit code. Bugs keep their stack. */
export function reportCliError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or help/version, which exit 0)
    return err.exitCode;
  }
  const secrets = createSecretScrubber(secretValues(process.env));
  // At a terminal, a progress line the failed work left (src/progress-line.ts) is cleared before the error line.
  const scrub = (text: string) => `${process.stderr.isTTY ? '\r\x1b[2K' : ''}${secrets(text)}`;
  if (isUserError(err) || err instanceof ConfigError) {
    process.stderr.write(scrub(`claimwatch: ${err.message}\n`));
    return 2;
  }
  // SQLite errors met mid-command (a damaged page, a read-only file, a write that outwaited the busy timeout)
  const database = databaseErrorMessage(databasePath(), err);
  if (database) {
    process.stderr.write(scrub(`claimwatch: ${database}\n`));
    return 2;
  }
  process.stderr.write(
    scrub(`claimwatch: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
  );
  return 1;
}

/** The database this command used: `--db FILE` if given, else what resolveDbPath picks. */
function databasePath(): string {
  const i = process.argv.indexOf('--db');
  const flag = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--db='))?.slice(5);
  return resolveDbPath(flag);
}

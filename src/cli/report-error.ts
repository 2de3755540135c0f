/**
 * How the CLI shows an error: one clear line for anything the user can act on (UserError, ConfigError, a busy
 * database), the stack only for bugs, and never a secret.
 */
import { CommanderError } from 'commander';
import { ConfigError, secretValues } from '../config.ts';
import { isUserError } from '../core/errors.ts';
import { createSecretScrubber } from '../secret-scrubber.ts';
import { isBusy } from '../store/db.ts';

/** Prints an error the way a user should see it and returns the exit code. Bugs keep their stack. */
export function reportCliError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or help/version, which exit 0)
    return err.exitCode;
  }
  const scrub = createSecretScrubber(secretValues(process.env));
  if (isUserError(err) || err instanceof ConfigError) {
    process.stderr.write(scrub(`claimwatch: ${err.message}\n`));
    return 2;
  }
  if (isBusy(err)) {
    // a single write outside a transaction that outwaited the busy timeout
    process.stderr.write('claimwatch: the database is busy: another claimwatch process is writing to it; try again\n');
    return 2;
  }
  process.stderr.write(
    scrub(`claimwatch: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
  );
  return 1;
}

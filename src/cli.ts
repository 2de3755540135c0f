/**
 * The `claimwatch` command. Each group of subcommands lives in src/cli/ and registers itself here.
 * Errors meant for the user (UserError, ConfigError, commander's own) print one clear line and exit non-zero.
 */
import { Command, CommanderError } from 'commander';
import { registerClaimsCommands } from './cli/claims-commands.ts';
import { registerEvalCommand } from './cli/eval-command.ts';
import { registerPlatformCommands } from './cli/platform-commands.ts';
import { registerWatchCommands } from './cli/watch-commands.ts';
import { ConfigError, secretValues } from './config.ts';
import { isUserError } from './core/errors.ts';
import { createSecretScrubber } from './secret-scrubber.ts';
import { VERSION } from './version.ts';

export function buildProgram(): Command {
  const program = new Command('claimwatch')
    .description('Tells your channel when news reporting says something new or contradicts what is known.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerClaimsCommands(program);
  registerEvalCommand(program);
  registerWatchCommands(program);
  registerPlatformCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportCliError(err);
  }
}

/** Prints an error the way a user should see it and returns the exit code. Bugs keep their stack. */
export function reportCliError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or help/version, which exit 0)
    return err.exitCode;
  }
  if (isUserError(err) || err instanceof ConfigError) {
    process.stderr.write(`claimwatch: ${err.message}\n`);
    return 2;
  }
  const scrub = createSecretScrubber(secretValues(process.env));
  process.stderr.write(
    scrub(`claimwatch: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
  );
  return 1;
}

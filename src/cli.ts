/**
 * The `claimwatch` command. Each group of subcommands lives in src/cli/ and registers itself here.
 * Errors meant for the user (UserError, ConfigError, commander's own) print one clear line and exit non-zero
 * (src/cli/report-error.ts).
 */
import { Command } from 'commander';
import { registerClaimsCommands } from './cli/claims-commands.ts';
import { endQuietlyWhenPipeCloses } from './cli/closed-pipe.ts';
import { registerDemoCommand } from './cli/demo-command.ts';
import { registerEvalCommand } from './cli/eval-command.ts';
import { registerPlatformCommands } from './cli/platform-commands.ts';
import { reportCliError } from './cli/report-error.ts';
import { registerStoryCommand } from './cli/story-command.ts';
import { registerWatchCommands } from './cli/watch-commands.ts';
import { loadDotEnv } from './env-file.ts';
import { VERSION } from './version.ts';

export function buildProgram(): Command {
  const program = new Command('claimwatch')
    .description('Tells your channel when news reporting says something new or contradicts what is known.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerClaimsCommands(program);
  registerEvalCommand(program);
  registerStoryCommand(program);
  registerWatchCommands(program);
  registerPlatformCommands(program);
  registerDemoCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  endQuietlyWhenPipeCloses();
  try {
    // before any command reads its configuration; the process environment still wins
    loadDotEnv();
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportCliError(err);
  }
}

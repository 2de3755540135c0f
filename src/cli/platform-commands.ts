/**
 * `claimwatch deploy-commands`: registers the Discord slash commands (to DISCORD_GUILD_ID when set, else globally).
 */
import type { Command } from 'commander';
import { DiscordAPIError } from 'discord.js';
import { loadCommands } from '../commands/load-commands.ts';
import { loadConfig } from '../config.ts';
import { UserError } from '../core/errors.ts';
import { commandsJSON } from '../platforms/discord/command-json.ts';
import { deployCommands } from '../platforms/discord/deploy.ts';

export function registerPlatformCommands(program: Command): void {
  program
    .command('deploy-commands')
    .description('Register the Discord slash commands (to DISCORD_GUILD_ID when set, else globally)')
    .option('--dry-run', 'print the command JSON instead of sending it')
    .action(async (opts: { dryRun?: boolean }) => {
      const commands = await loadCommands();
      if (opts.dryRun) {
        process.stdout.write(`${JSON.stringify(commandsJSON(commands), null, 2)}\n`);
        return;
      }
      const config = loadConfig().discord;
      const result = await deployCommands({ config, commands }).catch((err: unknown) => {
        if (err instanceof DiscordAPIError) {
          const hint =
            err.status === 401
              ? ' (check DISCORD_TOKEN)'
              : err.status === 403 || err.status === 404
                ? ' (check DISCORD_APP_ID and DISCORD_GUILD_ID)'
                : '';
          throw new UserError('unavailable', `Discord refused the commands: ${err.status} ${err.message}${hint}`);
        }
        throw err;
      });
      const where =
        result.target === 'guild' ? `guild ${result.guildId}` : 'all servers (global; may take up to an hour)';
      process.stdout.write(`Registered ${result.count} commands for ${where}.\n`);
    });
}

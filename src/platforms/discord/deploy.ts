/**
 * Registers the slash commands with Discord: to one guild (DISCORD_GUILD_ID, instant, for testing) or globally.
 * A PUT replaces the whole set, so removed commands disappear too.
 */
import { REST, Routes } from 'discord.js';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../config.ts';
import type { CommandModule } from '../../core/commands.ts';
import { commandsJSON } from './command-json.ts';

export interface DeployResult {
  target: 'guild' | 'global';
  guildId?: string;
  count: number;
}

export async function deployCommands(deps: {
  config: Config['discord'];
  commands: readonly CommandModule[];
}): Promise<DeployResult> {
  const discord = deps.config;
  if (!discord) throw new ConfigError('invalid configuration:\n  DISCORD_TOKEN must be set to deploy commands');
  if (!discord.appId) throw new ConfigError('invalid configuration:\n  DISCORD_APP_ID must be set to deploy commands');
  const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
  const body = commandsJSON(deps.commands);
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.appId, discord.guildId)
    : Routes.applicationCommands(discord.appId);
  const saved = (await rest.put(route, { body })) as unknown[];
  return discord.guildId
    ? { target: 'guild', guildId: discord.guildId, count: saved.length }
    : { target: 'global', count: saved.length };
}

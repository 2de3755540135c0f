/**
 * What the bot lacks to post alerts in a channel, computed from the guild cache (roles and overwrites from the
 * gateway) the same way Discord does.
 */
import { type Client, PermissionFlagsBits } from 'discord.js';
import type { ChannelTarget } from '../../core/alerts.ts';
import { platformOf } from '../../core/alerts.ts';
import { UserError } from '../../core/errors.ts';

export const ALERT_PERMISSIONS: ReadonlyArray<readonly [bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

export async function missingAlertPermissions(
  client: Client,
  guildId: string,
  target: ChannelTarget,
): Promise<string[]> {
  if (platformOf(target) !== 'discord') throw new UserError('bad_input', 'That is not a Discord channel.');
  const channelId = target.slice('discord:'.length);
  const guild = client.guilds.cache.get(guildId);
  if (!guild) throw new UserError('unavailable', 'I am not connected to this server yet; try again in a minute.');
  const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
  // a channel the bot cannot see is not in its cache
  if (!channel || channel.guildId !== guild.id) return ALERT_PERMISSIONS.map(([, label]) => label);
  if (!channel.isTextBased()) throw new UserError('bad_input', `<#${channelId}> is not a text channel.`);
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const perms = channel.permissionsFor(me);
  return ALERT_PERMISSIONS.filter(([flag]) => !perms?.has(flag)).map(([, label]) => label);
}

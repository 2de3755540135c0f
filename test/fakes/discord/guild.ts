/**
 * A test server for the fake Discord: an alerts channel the bot can post in, one where it may read but not send,
 * and one it cannot see.
 */
import { PermissionFlagsBits } from 'discord.js';
import { type FakeGuild, MEMBER_PERMISSIONS } from './payloads.ts';

export const GUILD_ID = '200000000000000001';
export const ALERTS_CHANNEL = '200000000000000010';
export const READONLY_CHANNEL = '200000000000000011';
export const HIDDEN_CHANNEL = '200000000000000012';
export const BOT_ROLE = '200000000000000099';

export function testGuild(): FakeGuild {
  return {
    id: GUILD_ID,
    name: 'OSINT desk',
    ownerId: '300000000000000009',
    everyone: MEMBER_PERMISSIONS,
    botRole: {
      id: BOT_ROLE,
      permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks,
    },
    channels: [
      { id: ALERTS_CHANNEL, name: 'alerts' },
      {
        id: READONLY_CHANNEL,
        name: 'announcements',
        overwrites: [{ id: GUILD_ID, type: 0, deny: PermissionFlagsBits.SendMessages }],
      },
      {
        id: HIDDEN_CHANNEL,
        name: 'staff',
        overwrites: [{ id: GUILD_ID, type: 0, deny: PermissionFlagsBits.ViewChannel }],
      },
    ],
  };
}

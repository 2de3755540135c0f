/**
 * Gateway and REST payloads the fake Discord sends: just the fields discord.js reads, shaped like Discord's.
 */
import { PermissionFlagsBits } from 'discord.js';

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 5 announcement. */
  type?: number;
  /** Permission overwrites: `allow`/`deny` as bit sets on a role (type 0) or member (type 1). */
  overwrites?: Array<{ id: string; type: 0 | 1; allow?: bigint; deny?: bigint }>;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: FakeChannel[];
  /** Permissions of @everyone (role id = guild id). */
  everyone: bigint;
  /** Permissions of the bot's own role. */
  botRole: { id: string; permissions: bigint };
}

export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export const MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

export function userPayload(id: string, username: string, bot = false) {
  return { id, username, discriminator: '0', global_name: null, avatar: null, bot };
}

export function channelPayload(guildId: string, c: FakeChannel, position = 0) {
  return {
    id: c.id,
    type: c.type ?? 0,
    guild_id: guildId,
    name: c.name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: (c.overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: String(o.allow ?? 0n),
      deny: String(o.deny ?? 0n),
    })),
  };
}

export function memberPayload(user: ReturnType<typeof userPayload>, roles: string[], permissions?: bigint) {
  return {
    user,
    nick: null,
    avatar: null,
    roles,
    joined_at: '2024-10-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions === undefined ? {} : { permissions: String(permissions) }),
  };
}

export function guildPayload(g: FakeGuild, botUser: ReturnType<typeof userPayload>) {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: g.id,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: String(g.everyone),
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: g.botRole.id,
        name: 'claimwatch',
        color: 0,
        hoist: false,
        position: 1,
        permissions: String(g.botRole.permissions),
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: botUser.id },
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    stickers: [],
    joined_at: '2024-10-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [memberPayload(botUser, [g.botRole.id])],
    channels: g.channels.map((c, i) => channelPayload(g.id, c, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

let messageSeq = 1000n;

/** A message as Discord returns it after a send or an edit. */
export function messagePayload(
  channelId: string,
  author: ReturnType<typeof userPayload>,
  body: Record<string, unknown>,
) {
  messageSeq += 1n;
  return {
    id: String(messageSeq),
    channel_id: channelId,
    type: 0,
    author,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    attachments: [],
    components: Array.isArray(body.components) ? body.components : [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    nonce: body.nonce,
  };
}

/**
 * Who may run admin commands, and whether the bot can post in a channel. Slack has no per-command permissions, so
 * admin commands are allowed to SLACK_ADMIN_USER_IDS and to workspace admins and owners (users.info, cached briefly
 * so a burst of commands costs one call). Posting needs the bot to be a member of the channel (chat:write only).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import { slackChannelId } from './slack-sink.ts';

export interface WorkspaceApi {
  users: { info(args: { user: string }): Promise<webApi.UsersInfoResponse> };
  conversations: { info(args: { channel: string }): Promise<webApi.ConversationsInfoResponse> };
}

export interface WorkspaceAccess {
  isAdmin(userId: string): Promise<boolean>;
  /**
   * What the bot lacks to post in `target`, in words a user can act on; empty when it can post. The shared guard
   * shows them as "I'm missing …", so each names the missing thing first.
   */
  missingChannelPermissions(target: string): Promise<string[]>;
}

export function createWorkspaceAccess(deps: {
  client: WorkspaceApi;
  adminUserIds: readonly string[];
  /** The bot's handle, for "invite @claimwatch to #channel". */
  botName: string;
  logger: Logger;
  cacheMs?: number;
  now?: () => number;
}): WorkspaceAccess {
  const { client, logger } = deps;
  const cacheMs = deps.cacheMs ?? 60_000;
  const now = deps.now ?? Date.now;
  const admins = new Set(deps.adminUserIds);
  const cache = new Map<string, { admin: boolean; until: number }>();

  return {
    async isAdmin(userId) {
      if (admins.has(userId)) return true;
      const hit = cache.get(userId);
      if (hit && hit.until > now()) return hit.admin;
      try {
        const res = await client.users.info({ user: userId });
        const u = res.user;
        const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
        cache.set(userId, { admin, until: now() + cacheMs });
        return admin;
      } catch (err) {
        // Unknown means no: refusing an admin is recoverable, letting a member in is not.
        logger.warn({ userId, err }, 'slack users.info failed; treating the user as not an admin');
        return false;
      }
    },

    async missingChannelPermissions(target) {
      const id = slackChannelId(target);
      if (!id) return [`a Slack channel (${target} is not one)`];
      const invite = (name: string) =>
        `channel membership (invite @${deps.botName} to ${name}: type \`/invite @${deps.botName}\` in it)`;
      try {
        const res = await client.conversations.info({ channel: id });
        const ch = res.channel;
        const name = ch?.name ? `#${ch.name}` : `channel ${id}`;
        if (ch?.is_archived) return [`an open channel (${name} is archived)`];
        if (!ch?.is_member && !ch?.is_im) return [invite(name)];
        return [];
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === 'channel_not_found') {
          return [
            `channel membership (I cannot see it: invite @${deps.botName} with \`/invite @${deps.botName}\` there)`,
          ];
        }
        if (code === 'missing_scope')
          return ['the channels:read and groups:read scopes (reinstall the app from the manifest)'];
        logger.warn({ channel: target, err }, 'slack conversations.info failed');
        return [`an answer from Slack about channel ${id} (${code ?? 'no answer'}; try again)`];
      }
    },
  };
}

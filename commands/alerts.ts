/**
 * /alerts level — what a channel receives from the feeds it is subscribed to, and keyword filters. Managers only.
 */

import { channelMention, okReply, plural, safeText, slash } from '../src/commands/format.ts';
import { channelArg, requirePostable } from '../src/commands/guards.ts';
import { ALERT_LEVELS, type AlertLevel } from '../src/core/alerts.ts';
import type { CommandModule } from '../src/core/commands.ts';
import { UserError } from '../src/core/errors.ts';

/** "drone, Kursk ,  " → ['drone', 'kursk']; "-" or "none" clears the list. */
function keywords(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (v === '-' || v.toLowerCase() === 'none') return [];
  return v
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
}

const alerts: CommandModule = {
  name: 'alerts',
  description: 'Choose which alerts a channel receives',
  permission: 'admin',
  subcommands: [
    {
      name: 'level',
      description: 'Set the alert level and keyword filters for a channel',
      options: [
        {
          name: 'level',
          description: 'contradicts, new (+ contradicts) or all',
          type: 'string',
          required: true,
          choices: ALERT_LEVELS,
        },
        { name: 'channel', description: 'Channel to configure (default: this channel)', type: 'channel' },
        {
          name: 'include',
          description: 'Only items mentioning one of these words (comma-separated, - clears)',
          type: 'string',
        },
        {
          name: 'exclude',
          description: 'Skip items mentioning any of these words (comma-separated, - clears)',
          type: 'string',
        },
      ],
      async handler(ctx, args) {
        const level = String(args.level) as AlertLevel;
        if (!ALERT_LEVELS.includes(level))
          throw new UserError('bad_input', `Level must be one of ${ALERT_LEVELS.join(', ')}.`);
        const channel = channelArg(ctx, args);
        await requirePostable(ctx, channel);
        const subs = ctx.services.alerts.configure({
          channel,
          scope: ctx.scope,
          level,
          include: keywords(args.include),
          exclude: keywords(args.exclude),
        });
        if (subs.length === 0) {
          throw new UserError(
            'not_found',
            `No feed posts to ${channelMention(channel)} yet: add one with ${slash(ctx.platform, 'watch add')} first.`,
          );
        }
        const first = subs[0];
        const filters = first
          ? [
              first.include.length > 0 ? `only items mentioning ${first.include.map(safeText).join(', ')}` : '',
              first.exclude.length > 0 ? `skipping ${first.exclude.map(safeText).join(', ')}` : '',
            ].filter(Boolean)
          : [];
        return okReply(
          'Alerts updated',
          `${channelMention(channel)} now receives **${level}** alerts from ${plural(subs.length, 'feed')}` +
            `${filters.length > 0 ? ` (${filters.join('; ')})` : ''}.`,
        );
      },
    },
  ],
};

export default alerts;

/** Checks commands share before they change anything. */
import type { ChannelTarget } from '../core/alerts.ts';
import type { CommandArgs, CommandContext } from '../core/commands.ts';
import { UserError } from '../core/errors.ts';
import { channelMention } from './format.ts';

/** Refuses a channel the bot could not post alerts in, naming the permissions it lacks there. */
export async function requirePostable(ctx: CommandContext, channel: ChannelTarget): Promise<void> {
  const missing = await ctx.missingChannelPermissions(channel);
  if (missing.length > 0) {
    throw new UserError(
      'forbidden',
      `I can't post alerts in ${channelMention(channel)}: I'm missing ${missing.join(', ')} there. ` +
        'Grant those to me in that channel, then try again.',
    );
  }
}

/** The positive integer option `name` (a feed or claim id). */
export function idArg(args: CommandArgs, name = 'id'): number {
  const id = args[name];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw new UserError('bad_input', `\`${name}\` must be a positive whole number.`);
  }
  return id;
}

/** The channel option, else the channel the command was used in. */
export function channelArg(ctx: CommandContext, args: CommandArgs): ChannelTarget {
  return typeof args.channel === 'string' && args.channel !== '' ? args.channel : ctx.channel;
}

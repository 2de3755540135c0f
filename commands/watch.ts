/**
 * /watch — manage the feeds this server watches: add, remove, list, pause, resume, poll now. Server managers only.
 */

import {
  channelMention,
  feedName,
  formatFeed,
  link,
  okReply,
  plural,
  safeText,
  slash,
} from '../src/commands/format.ts';
import { channelArg, idArg, requirePostable } from '../src/commands/guards.ts';
import { ALERT_LEVELS, type AlertLevel } from '../src/core/alerts.ts';
import type { CommandModule } from '../src/core/commands.ts';
import { UserError } from '../src/core/errors.ts';
import type { FeedView, PollSummary } from '../src/core/services.ts';

const idOption = (verb: string) => ({
  name: 'id',
  description: `Feed id to ${verb} (see /watch list)`,
  type: 'integer' as const,
  required: true,
});

function feedLine(feed: FeedView): string {
  return `**#${feed.id}** ${link(feedName(feed), feed.url)}`;
}

function pollLine(p: PollSummary): string {
  const head = `**#${p.feedId}** ${link(p.url, p.url)}`;
  if (!p.ok) return `${head} — failed: ${safeText(p.result)}`;
  return `${head} — ${safeText(p.result)}, ${plural(p.newItems, 'new item')}, ${plural(p.alerts, 'alert')}`;
}

const watch: CommandModule = {
  name: 'watch',
  description: 'Watch RSS/Atom feeds and post alerts to a channel',
  permission: 'admin',
  subcommands: [
    {
      name: 'add',
      description: 'Watch a feed and post its alerts to a channel',
      slow: true,
      options: [
        { name: 'url', description: 'Feed URL (RSS or Atom)', type: 'string', required: true },
        { name: 'channel', description: 'Where alerts go (default: this channel)', type: 'channel' },
        { name: 'alerts', description: 'Which alerts to post (default: new)', type: 'string', choices: ALERT_LEVELS },
        { name: 'full_text', description: 'Fetch each article page for its full text', type: 'boolean' },
      ],
      async handler(ctx, args) {
        const url = String(args.url ?? '').trim();
        if (!url) throw new UserError('bad_input', 'Give the feed URL.');
        const channel = channelArg(ctx, args);
        await requirePostable(ctx, channel);
        const feed = await ctx.services.watch.add({
          url,
          channel,
          scope: ctx.scope,
          level: typeof args.alerts === 'string' ? (args.alerts as AlertLevel) : undefined,
          fullText: typeof args.full_text === 'boolean' ? args.full_text : undefined,
        });
        const sub = feed.subscriptions.find((s) => s.channel === channel);
        const again = feed.alreadyWatched;
        if (again) {
          // a re-add keeps what was set; say so, rather than announce a new watch
          const what = again.changes.length > 0 ? `Changed: ${again.changes.join('; ')}.` : 'Nothing changed.';
          return okReply(
            'Already watching this feed',
            `${feedLine(feed)}\n${what} Alerts (${sub?.level ?? 'new'}) go to ${channelMention(channel)}.`,
          );
        }
        return okReply(
          'Watching feed',
          `${feedLine(feed)}\nAlerts (${sub?.level ?? args.alerts ?? 'new'}) go to ${channelMention(channel)}. ` +
            `New items are checked every poll; ${slash(ctx.platform, 'watch poll')} checks now.`,
        );
      },
    },
    {
      name: 'remove',
      description: 'Stop watching a feed',
      options: [idOption('stop watching')],
      async handler(ctx, args) {
        const feed = ctx.services.watch.remove(idArg(args), ctx.scope);
        return okReply('Feed removed', `${feedLine(feed)} is no longer watched.`);
      },
    },
    {
      name: 'list',
      description: 'List the feeds watched in this server',
      options: [],
      async handler(ctx) {
        const feeds = ctx.services.watch.list(ctx.scope);
        if (feeds.length === 0) {
          return okReply('No feeds', `Nothing is watched yet. Add one with ${slash(ctx.platform, 'watch add')}.`);
        }
        return okReply(`Watched feeds (${feeds.length})`, feeds.map(formatFeed).join('\n\n'));
      },
    },
    {
      name: 'pause',
      description: 'Pause a feed (no polling, no alerts)',
      options: [idOption('pause')],
      async handler(ctx, args) {
        const feed = ctx.services.watch.pause(idArg(args), ctx.scope);
        return okReply(
          'Feed paused',
          `${feedLine(feed)} is paused. Resume it with ${slash(ctx.platform, 'watch resume')}.`,
        );
      },
    },
    {
      name: 'resume',
      description: 'Resume a paused or disabled feed',
      options: [idOption('resume')],
      async handler(ctx, args) {
        const feed = ctx.services.watch.resume(idArg(args), ctx.scope);
        return okReply('Feed resumed', `${feedLine(feed)} is watched again.`);
      },
    },
    {
      name: 'poll',
      description: 'Check a feed now (default: every feed in this server)',
      slow: true,
      options: [{ name: 'id', description: 'Feed id (see /watch list)', type: 'integer' }],
      async handler(ctx, args) {
        const id = args.id === undefined ? undefined : idArg(args);
        const results = await ctx.services.watch.poll(id, ctx.scope);
        if (results.length === 0) {
          return okReply('Nothing to poll', `No active feeds here. Add one with ${slash(ctx.platform, 'watch add')}.`);
        }
        const alerts = results.reduce((n, r) => n + r.alerts, 0);
        return okReply(
          `Polled ${plural(results.length, 'feed')}: ${plural(alerts, 'alert')}`,
          results.map(pollLine).join('\n'),
        );
      },
    },
  ],
};

export default watch;

/**
 * /status — how the watcher is doing in this server: feeds by state, failing feeds, the outbox, paused channels, and
 * channels whose alerts wait (with the last delivery error and when).
 */
import { channelMention, feedName, link, plural, safeText, slash } from '../src/commands/format.ts';
import type { CommandModule } from '../src/core/commands.ts';

const status: CommandModule = {
  name: 'status',
  description: 'Show feeds, delivery and problems for this server',
  permission: 'member',
  options: [],
  async handler(ctx) {
    const view = ctx.services.status(ctx.scope);
    const count = (state: string) => view.feeds.filter((f) => f.state === state).length;
    const lines = [
      `**Feeds:** ${count('active')} active, ${count('paused')} paused, ${count('disabled')} disabled`,
      `**Outbox:** ${view.outbox.pending} pending, ${view.outbox.sent} sent, ${view.outbox.dead} failed for good`,
    ];
    const fields: Array<{ name: string; value: string }> = [];
    const failing = view.feeds.filter((f) => f.failures > 0 || f.state === 'disabled');
    if (failing.length > 0) {
      fields.push({
        name: `Failing feeds (${failing.length})`,
        value: failing
          .map(
            (f) =>
              `**#${f.id}** ${link(feedName(f), f.url)} — ${plural(f.failures, 'failure')}${f.lastResult ? `: ${safeText(f.lastResult)}` : ''}`,
          )
          .join('\n'),
      });
    }
    if (view.pausedChannels.length > 0) {
      fields.push({
        name: `Paused channels (${view.pausedChannels.length})`,
        value:
          `${view.pausedChannels.map((p) => `${channelMention(p.channel)}: ${safeText(p.reason)}`).join('\n')}\n` +
          `Give me back access there, then ${slash(ctx.platform, 'watch resume')} the feed.`,
      });
    }
    const waiting = view.channels.filter((c) => c.pending > 0 && (c.waiting || c.lastError));
    if (waiting.length > 0) {
      fields.push({
        name: `Alerts waiting (${waiting.length})`,
        value: waiting
          .map(
            (c) =>
              `${channelMention(c.channel)}: ${c.pending} pending — ${safeText(c.waiting ?? `last error ${c.lastError} (${c.lastErrorAt})`)}`,
          )
          .join('\n'),
      });
    }
    const problems = failing.length > 0 || view.pausedChannels.length > 0 || view.outbox.dead > 0 || waiting.length > 0;
    return {
      ephemeral: true,
      title: 'claimwatch status',
      text: lines.join('\n'),
      fields,
      tone: problems ? 'error' : 'ok',
    };
  },
};

export default status;

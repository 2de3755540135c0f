/** Notices the watcher sends to channels (not alerts): one per subscribed channel when a feed is disabled. */
import type { OutboundMessage } from '../alerts.ts';
import type { FeedRecord, OutboxRow, SubscriptionRecord } from './ports.ts';

export function disabledNotices(
  feed: FeedRecord,
  subs: readonly SubscriptionRecord[],
  failures: number,
  lastError: string,
  now: number,
): OutboxRow[] {
  const channels = [...new Set(subs.map((s) => s.channel))];
  const name = feed.title ? `${feed.title} (${feed.url})` : feed.url;
  const text =
    `Stopped watching feed #${feed.id} ${name} after ${failures} failed polls in a row. Last error: ${lastError}. ` +
    `When the feed works again, resume it with \`watch resume ${feed.id}\` (\`/watch resume\` in chat).`;
  return channels.map((channel) => {
    // `now` in the key: one notice per disabling, and a later disabling after a resume gets its own.
    const message: OutboundMessage = {
      kind: 'notice',
      key: `notice:disabled:${feed.id}:${now}:${channel}`,
      channel,
      text,
    };
    return { key: message.key, channel, feedId: feed.id, message };
  });
}

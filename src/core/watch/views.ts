/** Records → the views Services returns. A scoped caller sees only its own subscriptions. */
import type { ChannelTarget } from '../alerts.ts';
import type { FeedView, SubscriptionView } from '../services.ts';
import type { FeedRecord, SubscriptionRecord } from './ports.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function subscriptionView(
  sub: SubscriptionRecord,
  pausedChannels: Map<ChannelTarget, string>,
): SubscriptionView {
  const channelReason = pausedChannels.get(sub.channel);
  return {
    id: sub.id,
    feedId: sub.feedId,
    channel: sub.channel,
    level: sub.level,
    include: sub.include,
    exclude: sub.exclude,
    paused: sub.paused || channelReason !== undefined,
    pausedReason: channelReason ?? sub.pausedReason,
  };
}

export function feedView(
  feed: FeedRecord,
  subs: readonly SubscriptionRecord[],
  pausedChannels: Map<ChannelTarget, string>,
): FeedView {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    state: feed.state,
    fullText: feed.fullText,
    lastPollAt: iso(feed.lastPollAt),
    lastResult: feed.lastResult,
    nextPollAt: feed.state === 'active' ? iso(feed.nextPollAt) : null,
    failures: feed.failures,
    subscriptions: subs.map((s) => subscriptionView(s, pausedChannels)),
  };
}

/** Does a caller in `scope` see this subscription? No scope (the CLI) sees everything. */
export function inScope(sub: SubscriptionRecord, scope: string | undefined): boolean {
  return scope === undefined || sub.scope === scope;
}

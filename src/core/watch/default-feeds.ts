/**
 * The default watch list: feeds that cover the story, shipped as data beside the seeds, subscribed to one channel the
 * first time the service starts on a database that has never watched a feed. Never again after that: a feed the user
 * removed stays removed, and a user who set up their own feeds first never gets these.
 *
 * The feeds are stored unfetched (due now, first fetch pending): start-up does not wait on a dozen outside hosts,
 * a feed that is down goes through the poller's backoff and disable notice like any other, and the first poll records
 * each feed's back catalogue without alerting, as `watch add` does.
 */
import type { ChannelTarget } from '../alerts.ts';
import type { Transact } from '../store-ports.ts';
import type { Clock, FeedRecord, WatchStore } from './ports.ts';

export interface DefaultFeed {
  url: string;
  name: string;
  fullText?: boolean;
}

export type DefaultFeedsSkip = 'already subscribed once' | 'feeds were added before';

export type DefaultFeedsOutcome = { subscribed: FeedRecord[]; channel: ChannelTarget } | { skipped: DefaultFeedsSkip };

/** Why the default list will not be subscribed, or undefined when it will (read the list only then). */
export function defaultFeedsBlocked(watch: WatchStore): DefaultFeedsSkip | undefined {
  if (watch.defaultFeedsRecord() !== undefined) return 'already subscribed once';
  if (watch.everHadFeed() || watch.allSubscriptions().length > 0) return 'feeds were added before';
  return undefined;
}

/** Subscribes `feeds` to `channel` (level `new`) in one transaction, unless defaultFeedsBlocked says no. */
export function subscribeDefaultFeeds(
  deps: { watch: WatchStore; transact: Transact; clock: Clock },
  feeds: readonly DefaultFeed[],
  channel: ChannelTarget,
  source: string,
): DefaultFeedsOutcome {
  const { watch, transact, clock } = deps;
  return transact((): DefaultFeedsOutcome => {
    const blocked = defaultFeedsBlocked(watch);
    if (blocked) return { skipped: blocked };
    const now = clock.now();
    const subscribed: FeedRecord[] = [];
    for (const f of feeds) {
      const feed =
        watch.findFeedByUrl(f.url) ??
        watch.insertFeed({
          url: f.url,
          title: f.name,
          fullText: f.fullText ?? false,
          intervalMs: null,
          etag: null,
          lastModified: null,
          lastPollAt: null,
          lastResult: `from the default watch list (${source}); not fetched yet`,
          nextPollAt: now,
          firstFetchPending: true,
        });
      watch.upsertSubscription({ feedId: feed.id, channel, scope: null, level: 'new' });
      subscribed.push(feed);
    }
    watch.recordDefaultFeeds(
      JSON.stringify({ at: new Date(now).toISOString(), source, channel, feeds: subscribed.length }),
    );
    return { subscribed, channel };
  });
}

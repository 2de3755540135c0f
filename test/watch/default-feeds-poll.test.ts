/**
 * The default watch list's feeds are stored without a fetch. Their first successful fetch is their back catalogue,
 * even when the first polls failed (a host down at start-up must not turn its whole front page into alerts later).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FetchFailure } from '../../src/core/feed-ports.ts';
import { subscribeDefaultFeeds } from '../../src/core/watch/default-feeds.ts';
import { createTransact } from '../../src/store/db.ts';
import { createHarness, feedOk, item, MINUTE, ON_TOPIC } from './harness.ts';

const URL = 'https://wire.example/feed.xml';

let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

const deps = () => ({ watch: h.watch, clock: h.clock, transact: createTransact(h.db) });
const pending = () => h.outbox.due(Number.MAX_SAFE_INTEGER, 1000);

describe('a feed from the default watch list', () => {
  it('GIVEN its first polls fail WHEN one finally succeeds THEN its items are recorded, none alerted, and later items alert', async () => {
    h = createHarness();
    const out = subscribeDefaultFeeds(deps(), [{ url: URL, name: 'Wire' }], 'console:alerts', 'feeds.json');
    expect(out).toMatchObject({
      channel: 'console:alerts',
      subscribed: [{ url: URL, title: 'Wire', lastPollAt: null }],
    });
    h.services.alerts.configure({ channel: 'console:alerts', level: 'all' });

    h.script.answer(
      URL,
      new FetchFailure('fetch_failed', 'wire.example answered 503', { httpStatus: 503 }),
      feedOk([item(2, ON_TOPIC[1] as string), item(1, ON_TOPIC[0] as string)]),
    );
    const [failed] = await h.poller.pollNow();
    expect(failed).toMatchObject({ ok: false });
    h.clock.advance(30 * MINUTE);
    const [first] = await h.poller.pollNow();
    expect(first).toMatchObject({ ok: true, newItems: 2, alerts: 0 });
    expect(h.watch.getFeed(first?.feedId as number)?.lastResult).toBe(
      'first fetch: 2 item(s) recorded as seen, none alerted',
    );
    expect(pending()).toEqual([]);

    h.script.answer(URL, feedOk([item(3, ON_TOPIC[2] as string), item(2, 'x'), item(1, 'y')]));
    h.clock.advance(11 * MINUTE);
    const [next] = await h.poller.pollNow();
    expect(next).toMatchObject({ ok: true, newItems: 1, alerts: 1 });
    expect(pending().map((e) => e.channel)).toEqual(['console:alerts']);
  });

  it('GIVEN the list was subscribed once WHEN asked again, even with every feed removed THEN nothing is added', () => {
    h = createHarness();
    const once = subscribeDefaultFeeds(deps(), [{ url: URL, name: 'Wire' }], 'console:alerts', 'feeds.json');
    expect('subscribed' in once).toBe(true);
    expect(subscribeDefaultFeeds(deps(), [{ url: URL, name: 'Wire' }], 'console:alerts', 'feeds.json')).toEqual({
      skipped: 'already subscribed once',
    });
    h.services.watch.remove((once as { subscribed: Array<{ id: number }> }).subscribed[0]?.id as number);
    expect(subscribeDefaultFeeds(deps(), [{ url: URL, name: 'Wire' }], 'console:alerts', 'feeds.json')).toEqual({
      skipped: 'already subscribed once',
    });
    expect(h.watch.listFeeds()).toEqual([]);
  });
});

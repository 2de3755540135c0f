import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/alerts.ts';
import { FetchFailure } from '../../src/core/feed-ports.ts';
import { createHarness, feedOk, item, MINUTE, notModified, ON_TOPIC } from './harness.ts';

const URL_A = 'https://news.example/a.xml';
const URL_B = 'https://news.example/b.xml';

let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

function messages(): OutboundMessage[] {
  return h.outbox.due(Number.MAX_SAFE_INTEGER, 1000).map((e) => e.message);
}

async function addFeed(url: string, items = [item(1, ON_TOPIC[0] as string), item(2, ON_TOPIC[1] as string)]) {
  h.script.answer(url, feedOk(items, { etag: '"v1"' }));
  // Level `all`: every on-topic item alerts, whatever the engine's verdict.
  return h.services.watch.add({ url, channel: 'console:news', level: 'all' });
}

describe('feed poller: items', () => {
  it('GIVEN a feed with items WHEN it is added and polled again unchanged THEN nothing is alerted and every item is seen', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A);
    expect(feed.lastResult).toMatch(/2 item\(s\) recorded/);
    h.clock.advance(11 * MINUTE);
    const polls = await h.poller.pollDue();
    expect(polls).toEqual([expect.objectContaining({ feedId: feed.id, ok: true, newItems: 0, alerts: 0 })]);
    expect(messages()).toEqual([]);
  });

  it('GIVEN a watched feed WHEN new on-topic items appear THEN each gets one alert per channel, and a repeat poll adds none', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A);
    h.script.answer(URL_A, feedOk([item(4, ON_TOPIC[3] as string), item(3, ON_TOPIC[2] as string), item(1, 'old')]));
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ ok: true, newItems: 2, alerts: 2 });
    const sent = messages();
    expect(sent.map((m) => m.kind === 'alert' && m.alert.item.link)).toEqual([
      'https://news.example/items/3',
      'https://news.example/items/4',
    ]);
    for (const m of sent) {
      expect(m.kind).toBe('alert');
      if (m.kind !== 'alert') continue;
      expect(m.channel).toBe('console:news');
      expect(m.key).toContain(`alert:${feed.id}:`);
      expect(['known', 'new', 'contradicts']).toContain(m.alert.verdict);
      expect(m.alert.claims.length).toBeGreaterThan(0);
    }
    expect(h.enqueuedSignals()).toBe(1);

    h.clock.advance(11 * MINUTE);
    const [again] = await h.poller.pollDue();
    expect(again).toMatchObject({ ok: true, newItems: 0, alerts: 0 });
    expect(messages()).toHaveLength(2);
  });

  it('GIVEN an item that repeats an earlier one WHEN it arrives THEN it is known (learned from the first) and a "new" channel gets no alert', async () => {
    h = createHarness();
    h.script.answer(URL_A, feedOk([item(1, 'Nothing here about the war.')]));
    await h.services.watch.add({ url: URL_A, channel: 'console:news', level: 'new' });
    const sentence = ON_TOPIC[0] as string;
    h.script.answer(URL_A, feedOk([item(3, sentence, { link: 'https://other.example/3' }), item(2, sentence)]));
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ newItems: 2, alerts: 1 });
    expect(
      h.claims
        .search('captured', 5)[0]
        ?.evidence.map((e) => e.source)
        .sort(),
    ).toEqual(['https://news.example/items/2', 'https://other.example/3']);
  });

  it('GIVEN a feed that rewrites every GUID WHEN polled THEN alerts stop at the per-poll cap and the rest are recorded', async () => {
    h = createHarness({ maxAlertsPerPoll: 2 });
    await addFeed(URL_A, [item(1, 'x')]);
    const fresh = ON_TOPIC.map((s, i) => item(10 + i, s));
    h.script.answer(URL_A, feedOk(fresh));
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ newItems: 4, alerts: 2 });
    expect(messages()).toHaveLength(2);
    expect(h.watch.getFeed(poll?.feedId as number)?.lastResult).toMatch(/2 alerts over the cap of 2/);
    expect(h.watch.unseen(poll?.feedId as number, ['g:item-10', 'g:item-13']).size).toBe(0);
  });

  it('GIVEN a feed that rewrites every GUID on every poll WHEN polled again THEN items already seen by link or text do not alert again (issue 9, class 8)', async () => {
    h = createHarness();
    await addFeed(URL_A, [item(1, 'x')]);
    const stories = ON_TOPIC.map((s, i) => item(10 + i, s));
    h.script.answer(URL_A, feedOk(stories));
    h.clock.advance(11 * MINUTE);
    const [first] = await h.poller.pollDue();
    expect(first).toMatchObject({ newItems: 4 });
    const alerted = messages().length;
    // the same stories under new GUIDs; one of them also under a new link, its text unchanged
    const rewritten = stories.map((it, i) => ({
      ...it,
      guid: `rewritten-${i}`,
      ...(i === 0 ? { link: 'https://mirror.example/story-0' } : {}),
    }));
    h.script.answer(URL_A, feedOk(rewritten));
    h.clock.advance(11 * MINUTE);
    const [second] = await h.poller.pollDue();
    expect(second).toMatchObject({ ok: true, newItems: 0, alerts: 0 });
    expect(messages()).toHaveLength(alerted);
    // a story really new still alerts
    h.script.answer(
      URL_A,
      feedOk([...rewritten, item(99, 'North Korea sent 300 mine-clearing engineers to the Kursk region, HUR said.')]),
    );
    h.clock.advance(11 * MINUTE);
    const [third] = await h.poller.pollDue();
    expect(third).toMatchObject({ newItems: 1 });
  });

  it('GIVEN a feed dumping hundreds of new items at once WHEN polled THEN only the newest are judged and the rest are recorded', async () => {
    h = createHarness({ maxAlertsPerPoll: 2 });
    const feed = await addFeed(URL_A, [item(1, 'x')]);
    const dump = Array.from({ length: 150 }, (_, i) =>
      item(1000 + i, ON_TOPIC[i % ON_TOPIC.length] as string),
    ).reverse();
    h.script.answer(URL_A, feedOk(dump));
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ ok: true, newItems: 150, alerts: 2 });
    expect(h.watch.getFeed(feed.id)?.lastResult).toMatch(/50 older ones recorded unjudged/);
    expect(
      h.watch.unseen(
        feed.id,
        dump.map((i) => `g:${i.guid}`),
      ).size,
    ).toBe(0);
  });

  it('GIVEN a claim the database has seen many times WHEN an item repeats it THEN the alert lists at most 3 sources per match', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A, [item(1, 'x')]);
    const repeats = Array.from({ length: 6 }, (_, i) =>
      item(10 + i, ON_TOPIC[0] as string, { link: `https://wire${i}.example/story` }),
    ).reverse();
    h.script.answer(URL_A, feedOk(repeats));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    const last = messages().at(-1);
    expect(last?.kind === 'alert' && last.alert.item.link).toBe('https://wire5.example/story');
    const matches = last?.kind === 'alert' ? last.alert.claims.flatMap((c) => c.matches) : [];
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) expect(m.evidence.length).toBeLessThanOrEqual(3);
    expect(h.claims.search('captured', 1)[0]?.evidence.length).toBe(6);
    expect(feed.id).toBeGreaterThan(0);
  });

  it('GIVEN subscriptions with levels and keywords WHEN items arrive THEN each channel receives only what it asked for', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A, [item(1, 'x')]);
    h.script.answer(URL_A, feedOk([item(1, 'x')]));
    await h.services.watch.add({ url: URL_A, channel: 'console:contradictions', level: 'contradicts' });
    await h.services.watch.add({ url: URL_A, channel: 'console:howitzers' });
    h.services.alerts.configure({ channel: 'console:howitzers', level: 'new', include: ['howitzer'] });
    await h.services.watch.add({ url: URL_A, channel: 'console:no-kursk' });
    h.services.alerts.configure({ channel: 'console:no-kursk', level: 'all', exclude: ['kursk'] });
    h.script.answer(URL_A, feedOk([item(3, ON_TOPIC[1] as string), item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    const got = messages().flatMap((m) => (m.kind === 'alert' ? [{ channel: m.channel, alert: m.alert }] : []));
    const to = (channel: string) => got.filter((g) => g.channel === channel).map((g) => g.alert.item.title);
    // console:news takes everything on topic; the engine's verdicts there decide what the others should get.
    const all = got.filter((g) => g.channel === 'console:news').map((g) => g.alert);
    expect(all.map((a) => a.item.title)).toEqual(['Item 2', 'Item 3']);
    const text = (title: string | null) => (title === 'Item 2' ? ON_TOPIC[0] : ON_TOPIC[1]) as string;
    expect(to('console:contradictions')).toEqual(
      all.filter((a) => a.verdict === 'contradicts').map((a) => a.item.title),
    );
    expect(to('console:howitzers')).toEqual(
      all.filter((a) => a.verdict !== 'known' && /howitzer/i.test(text(a.item.title))).map((a) => a.item.title),
    );
    expect(to('console:no-kursk')).toEqual(['Item 3']);
    expect(feed.id).toBeGreaterThan(0);
  });

  it('GIVEN a full-text feed WHEN an article page reads THEN its text is judged, and WHEN it fails THEN the feed text is', async () => {
    h = createHarness();
    h.script.answer(URL_A, feedOk([item(1, 'x')]));
    await h.services.watch.add({ url: URL_A, channel: 'console:news', fullText: true, level: 'all' });
    h.script.article('https://news.example/items/2', `Subscribe now. ${ON_TOPIC[3]}`);
    h.script.article('https://news.example/items/3', new FetchFailure('fetch_failed', 'HTTP 500'));
    h.script.answer(URL_A, feedOk([item(3, ON_TOPIC[2] as string), item(2, 'Teaser only.')]));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    const sentences = messages().flatMap((m) => (m.kind === 'alert' ? m.alert.claims.map((c) => c.sentence) : []));
    expect(sentences).toContain(ON_TOPIC[3]);
    expect(sentences).toContain(ON_TOPIC[2]);
    expect(sentences).not.toContain('Teaser only.');
  });

  it('GIVEN a channel paused because it refused the bot WHEN items arrive THEN it gets no alert rows', async () => {
    h = createHarness();
    await addFeed(URL_A, [item(1, 'x')]);
    h.watch.pauseChannel('console:news', 'missing access', h.clock.now());
    h.script.answer(URL_A, feedOk([item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ newItems: 1, alerts: 0 });
    expect(messages()).toEqual([]);
  });
});

describe('feed poller: schedule', () => {
  it('GIVEN a 304 WHEN the feed is polled THEN validators were sent, nothing changes and the next poll is one interval on', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A);
    h.script.answer(URL_A, notModified());
    h.clock.advance(10 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ ok: true, result: 'not modified' });
    expect(h.script.requests.at(-1)?.validators).toEqual({ etag: '"v1"', lastModified: null });
    expect(h.watch.getFeed(feed.id)?.nextPollAt).toBe(h.clock.now() + 10 * MINUTE);
  });

  it('GIVEN a feed not yet due WHEN the scheduler runs THEN it is not fetched', async () => {
    h = createHarness();
    await addFeed(URL_A);
    const before = h.script.requests.length;
    h.clock.advance(9 * MINUTE);
    expect(await h.poller.pollDue()).toEqual([]);
    expect(h.script.requests.length).toBe(before);
  });

  it('GIVEN Cache-Control max-age longer than the interval WHEN polled THEN the next poll waits for it', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A);
    h.script.answer(URL_A, notModified(60 * MINUTE));
    h.clock.advance(10 * MINUTE);
    await h.poller.pollDue();
    expect(h.watch.getFeed(feed.id)?.nextPollAt).toBe(h.clock.now() + 60 * MINUTE);
  });

  it('GIVEN failures WHEN polled THEN backoff is 5 min × 2ⁿ, Retry-After is honoured, and a success resets it', async () => {
    h = createHarness();
    const feed = await addFeed(URL_A);
    const err500 = new FetchFailure('fetch_failed', 'HTTP 500 from news.example', { httpStatus: 500 });
    const err429 = new FetchFailure('fetch_failed', 'HTTP 429', { httpStatus: 429, retryAfterMs: 120 * MINUTE });
    h.script.answer(URL_A, err500, err500, err429, notModified());
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.clock.set(h.watch.getFeed(feed.id)?.nextPollAt as number);
      await h.poller.pollDue();
      const f = h.watch.getFeed(feed.id);
      delays.push((f?.nextPollAt as number) - h.clock.now());
      expect(f?.failures).toBe(i + 1);
    }
    expect(delays).toEqual([5 * MINUTE, 10 * MINUTE, 120 * MINUTE]);
    expect(h.watch.getFeed(feed.id)?.lastResult).toBe('HTTP 429');
    h.clock.set(h.watch.getFeed(feed.id)?.nextPollAt as number);
    await h.poller.pollDue();
    expect(h.watch.getFeed(feed.id)).toMatchObject({ failures: 0, state: 'active', lastResult: 'not modified' });
  });

  it('GIVEN a feed failing N times WHEN the N-th failure comes THEN it is disabled and each subscribed channel gets ONE notice', async () => {
    h = createHarness({ maxFailures: 3 });
    const feed = await addFeed(URL_A);
    h.script.answer(URL_A, feedOk([]));
    await h.services.watch.add({ url: URL_A, channel: 'discord:123456' });
    h.script.answer(URL_A, new FetchFailure('not_a_feed', 'https://news.example/a.xml is not an RSS or Atom feed'));
    for (let i = 0; i < 3; i++) {
      h.clock.set(h.watch.getFeed(feed.id)?.nextPollAt as number);
      await h.poller.pollDue();
    }
    const f = h.watch.getFeed(feed.id);
    expect(f).toMatchObject({ state: 'disabled', failures: 3, nextPollAt: null });
    const notices = messages();
    expect(notices.map((m) => m.channel).sort()).toEqual(['console:news', 'discord:123456']);
    for (const n of notices) {
      expect(n.kind).toBe('notice');
      expect(n.kind === 'notice' && n.text).toMatch(new RegExp(`not an RSS or Atom feed.*watch resume ${feed.id}`));
    }
    h.clock.advance(24 * 60 * MINUTE);
    expect(await h.poller.pollDue()).toEqual([]);
    expect(messages()).toHaveLength(2);

    const resumed = h.services.watch.resume(feed.id);
    expect(resumed).toMatchObject({ state: 'active', failures: 0 });
  });

  it('GIVEN one malformed feed, one whose handling throws a bug, and a good feed WHEN due together THEN the good feed still alerts', async () => {
    h = createHarness();
    await addFeed(URL_A, [item(1, 'x')]);
    const good = await addFeed(URL_B, [item(1, 'x')]);
    await addFeed('https://news.example/c.xml', [item(1, 'x')]);
    h.script.answer(URL_A, new FetchFailure('not_a_feed', 'malformed XML'));
    h.script.answer('https://news.example/c.xml', () => new TypeError('boom'));
    h.script.answer(URL_B, feedOk([item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    const polls = await h.poller.pollDue();
    expect(polls.map((p) => [p.url, p.ok]).sort()).toEqual([
      [URL_A, false],
      [URL_B, true],
      ['https://news.example/c.xml', false],
    ]);
    expect(polls.find((p) => p.url === 'https://news.example/c.xml')?.result).toBe('unexpected error: boom');
    expect(messages().map((m) => m.kind === 'alert' && m.alert.feed.id)).toEqual([good.id]);
  });

  it('GIVEN a feed whose server never answers WHEN due with another THEN the other is polled and committed meanwhile', async () => {
    h = createHarness();
    await addFeed(URL_A, [item(1, 'x')]);
    const good = await addFeed(URL_B, [item(1, 'x')]);
    let answer: (r: ReturnType<typeof notModified>) => void = () => {};
    h.script.answer(
      URL_A,
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    h.script.answer(URL_B, feedOk([item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    const polling = h.poller.pollDue();
    while (messages().length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(messages().map((m) => m.kind === 'alert' && m.alert.feed.id)).toEqual([good.id]);
    answer(notModified());
    expect((await polling).map((p) => p.result).sort()).toEqual(['fetched', 'not modified']);
  });
});

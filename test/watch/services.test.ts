import { afterEach, describe, expect, it } from 'vitest';
import { FetchFailure } from '../../src/core/feed-ports.ts';
import { createHarness, feedOk, item, MINUTE, ON_TOPIC } from './harness.ts';

const URL = 'https://news.example/feed.xml';
let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

const alertsTo = (channel: string) =>
  h.outbox.due(Number.MAX_SAFE_INTEGER, 1000).filter((e) => e.channel === channel && e.message.kind === 'alert');

describe('watch add', () => {
  it('GIVEN a blocked or broken URL WHEN added THEN the reader’s reason is thrown and nothing is saved', async () => {
    h = createHarness();
    h.script.answer(URL, new FetchFailure('blocked_url', 'blocked: 169.254.169.254 is a link-local address'));
    await expect(h.services.watch.add({ url: URL, channel: 'console:x' })).rejects.toMatchObject({
      code: 'blocked_url',
      message: expect.stringContaining('link-local'),
    });
    expect(h.services.watch.list()).toEqual([]);
  });

  it('GIVEN --backfill 2 WHEN a feed of four items is added THEN the newest two are judged and alerted, the rest only recorded', async () => {
    h = createHarness();
    const items = ON_TOPIC.map((s, i) => item(i + 1, s)).reverse();
    h.script.answer(URL, feedOk(items));
    const feed = await h.services.watch.add({ url: URL, channel: 'console:x', backfill: 2, level: 'all' });
    expect(alertsTo('console:x').map((e) => e.message.kind === 'alert' && e.message.alert.item.title)).toEqual([
      'Item 3',
      'Item 4',
    ]);
    h.clock.advance(11 * MINUTE);
    const [poll] = await h.poller.pollDue();
    expect(poll).toMatchObject({ feedId: feed.id, newItems: 0 });
  });

  it('GIVEN --full-text --backfill 2 WHEN one page reads and one fails THEN the first is judged on its page, the second on its teaser, and the failure is logged with its reason', async () => {
    const warnings: Array<{ fields: Record<string, unknown>; msg?: string }> = [];
    const log = {
      info() {},
      debug() {},
      error() {},
      warn: (fields: object, msg?: string) => void warnings.push({ fields: fields as Record<string, unknown>, msg }),
    };
    h = createHarness({ log });
    h.script.answer(URL, feedOk([item(2, 'Teaser two.'), item(1, ON_TOPIC[1] as string)]));
    h.script.article('https://news.example/items/2', `Subscribe now. ${ON_TOPIC[0]}`);
    h.script.article(
      'https://news.example/items/1',
      new FetchFailure('fetch_failed', 'news.example answered HTTP 404 Not Found.'),
    );
    await h.services.watch.add({ url: URL, channel: 'console:x', backfill: 2, fullText: true, level: 'all' });
    expect([...h.script.articleRequests].sort()).toEqual([
      'https://news.example/items/1',
      'https://news.example/items/2',
    ]);
    const sentences = (title: string) =>
      alertsTo('console:x').flatMap((e) =>
        e.message.kind === 'alert' && e.message.alert.item.title === title
          ? e.message.alert.claims.map((c) => c.sentence)
          : [],
      );
    expect(sentences('Item 2')).toContain(ON_TOPIC[0]);
    expect(sentences('Item 2')).not.toContain('Teaser two.');
    expect(sentences('Item 1')).toContain(ON_TOPIC[1]);
    expect(warnings).toEqual([
      {
        fields: expect.objectContaining({
          link: 'https://news.example/items/1',
          reason: expect.stringContaining('404'),
        }),
        msg: 'full text failed; using the feed text',
      },
    ]);
  });

  it('GIVEN --backfill without --full-text, or a re-add of a watched feed WHEN added THEN no article page is fetched', async () => {
    h = createHarness();
    h.script.answer(URL, feedOk([item(2, ON_TOPIC[0] as string), item(1, ON_TOPIC[1] as string)]));
    await h.services.watch.add({ url: URL, channel: 'console:x', backfill: 2, level: 'all' });
    await h.services.watch.add({ url: URL, channel: 'console:y', backfill: 2, fullText: true, level: 'all' });
    expect(h.script.articleRequests).toEqual([]);
    expect(alertsTo('console:x')).toHaveLength(2);
    expect(alertsTo('console:y')).toHaveLength(0);
  });

  it('GIVEN a feed another workspace watches WHEN added THEN it is not reported as already watched; a re-add keeps the level', async () => {
    h = createHarness();
    h.script.answer(URL, feedOk([item(1, ON_TOPIC[0] as string)]));
    await h.services.watch.add({ url: URL, channel: 'discord:111', scope: 'discord:G1', level: 'contradicts' });
    const other = await h.services.watch.add({ url: URL, channel: 'discord:222', scope: 'discord:G2' });
    expect(other.alreadyWatched).toBeUndefined();
    const again = await h.services.watch.add({ url: URL, channel: 'discord:111', scope: 'discord:G1' });
    expect(again.alreadyWatched).toEqual({ changes: [] });
    expect(again.subscriptions).toMatchObject([{ channel: 'discord:111', level: 'contradicts' }]);
  });

  it('GIVEN a negative backfill or an unknown level WHEN added THEN it is refused before any fetch', async () => {
    h = createHarness();
    await expect(h.services.watch.add({ url: URL, channel: 'console:x', backfill: -1 })).rejects.toMatchObject({
      code: 'bad_input',
    });
    await expect(
      h.services.watch.add({ url: URL, channel: 'console:x', level: 'loud' as never }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(h.script.requests).toEqual([]);
  });
});

describe('a feed shared by two workspaces', () => {
  async function shared() {
    h = createHarness();
    h.script.answer(URL, feedOk([item(1, 'x')]));
    const feed = await h.services.watch.add({ url: URL, channel: 'discord:C1', scope: 'discord:G1', level: 'all' });
    await h.services.watch.add({ url: URL, channel: 'discord:C2', scope: 'discord:G2', level: 'all' });
    return feed.id;
  }

  it('GIVEN two workspaces WHEN each lists THEN each sees the one feed with only its own channel; the CLI sees both', async () => {
    const id = await shared();
    expect(h.services.watch.list('discord:G1').map((f) => f.subscriptions.map((s) => s.channel))).toEqual([
      ['discord:C1'],
    ]);
    expect(h.services.watch.list()[0]?.subscriptions.map((s) => s.channel)).toEqual(['discord:C1', 'discord:C2']);
    expect(h.services.watch.list('discord:G3')).toEqual([]);
    expect(() => h.services.watch.remove(id, 'discord:G3')).toThrow(/no watched feed/);
  });

  it('GIVEN a shared feed WHEN one workspace pauses it THEN only its subscription pauses and the other still gets alerts', async () => {
    const id = await shared();
    const view = h.services.watch.pause(id, 'discord:G1');
    expect(view.state).toBe('active');
    expect(view.subscriptions[0]).toMatchObject({
      channel: 'discord:C1',
      paused: true,
      pausedReason: 'paused by an admin',
    });
    h.script.answer(URL, feedOk([item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    expect(alertsTo('discord:C1')).toHaveLength(0);
    expect(alertsTo('discord:C2')).toHaveLength(1);
    expect(h.services.watch.resume(id, 'discord:G1').subscriptions[0]?.paused).toBe(false);
  });

  it('GIVEN a shared feed WHEN one workspace removes it THEN its subscription goes, the feed stays; WHEN the last does THEN the feed goes', async () => {
    const id = await shared();
    h.services.watch.remove(id, 'discord:G1');
    expect(h.services.watch.list().map((f) => f.subscriptions.map((s) => s.channel))).toEqual([['discord:C2']]);
    h.services.watch.remove(id, 'discord:G2');
    expect(h.services.watch.list()).toEqual([]);
  });

  it('GIVEN a feed with one workspace WHEN it pauses it THEN the feed stops polling; WHEN polled by hand THEN it says to resume', async () => {
    h = createHarness();
    h.script.answer(URL, feedOk([item(1, 'x')]));
    const feed = await h.services.watch.add({ url: URL, channel: 'slack:C1', scope: 'slack:T1' });
    expect(h.services.watch.pause(feed.id, 'slack:T1').state).toBe('paused');
    h.clock.advance(60 * MINUTE);
    expect(await h.poller.pollDue()).toEqual([]);
    await expect(h.services.watch.poll(feed.id, 'slack:T1')).rejects.toThrow(/paused; resume it first/);
    expect(h.services.watch.resume(feed.id, 'slack:T1').state).toBe('active');
    expect(await h.services.watch.poll(feed.id, 'slack:T1')).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('GIVEN a channel and a scope of another platform WHEN added THEN it is refused', async () => {
    h = createHarness();
    await expect(h.services.watch.add({ url: URL, channel: 'slack:C1', scope: 'discord:G1' })).rejects.toMatchObject({
      code: 'bad_input',
    });
  });
});

describe('alerts, claims, check and status', () => {
  it('GIVEN a subscribed channel WHEN configured THEN level and keywords change; WHEN not subscribed THEN not_found', async () => {
    h = createHarness();
    h.script.answer(URL, feedOk([]));
    await h.services.watch.add({ url: URL, channel: 'console:x' });
    expect(
      h.services.alerts.configure({ channel: 'console:x', level: 'all', include: [' kursk ', ''], exclude: ['sport'] }),
    ).toEqual([expect.objectContaining({ level: 'all', include: ['kursk'], exclude: ['sport'] })]);
    expect(() => h.services.alerts.configure({ channel: 'console:y', level: 'all' })).toThrow(/not subscribed/);
  });

  it('GIVEN the seeds WHEN checking text THEN the engine judges without writing; WHEN showing an unknown claim THEN not_found', async () => {
    h = createHarness();
    const before = h.claims.counts();
    const report = await h.services.check.text(ON_TOPIC[0] as string);
    expect(['new', 'contradicts', 'known']).toContain(report.verdict);
    expect(h.claims.counts()).toEqual(before);
    expect(() => h.services.claims.show(999_999)).toThrow(/no known claim/);
    const [first] = h.services.claims.search('battalion');
    expect(h.services.claims.show(first?.id as number).claim.id).toBe(first?.id);
  });

  it('GIVEN feeds in two workspaces WHEN status is asked in one THEN it counts only that workspace’s outbox rows', async () => {
    h = createHarness();
    h.script.answer(URL, feedOk([item(1, 'x')]));
    await h.services.watch.add({ url: URL, channel: 'discord:C1', scope: 'discord:G1', level: 'all' });
    await h.services.watch.add({ url: URL, channel: 'discord:C2', scope: 'discord:G2', level: 'all' });
    h.script.answer(URL, feedOk([item(2, ON_TOPIC[0] as string)]));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    expect(h.services.status('discord:G1').outbox).toEqual({ pending: 1, sent: 0, dead: 0 });
    expect(h.services.status().outbox).toEqual({ pending: 2, sent: 0, dead: 0 });
  });
});

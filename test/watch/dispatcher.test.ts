import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/alerts.ts';
import { createDispatcher } from '../../src/core/dispatch/dispatcher.ts';
import { silentLogger } from '../../src/logger.ts';
import { createHarness, recordingSink } from './harness.ts';

let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

function notice(n: number, channel = 'console:news'): OutboundMessage {
  return { kind: 'notice', key: `test:${n}:${channel}`, channel, text: `notice ${n}` };
}

function enqueue(...messages: OutboundMessage[]) {
  h.outbox.enqueue(
    messages.map((m) => ({ key: m.key, channel: m.channel, feedId: null, message: m })),
    h.clock.now(),
  );
}

describe('dispatcher', () => {
  it('GIVEN pending rows WHEN dispatched THEN each reaches its platform sink once, in order, with its key, and is marked sent', async () => {
    h = createHarness();
    enqueue(notice(1), notice(2), notice(3, 'discord:42'));
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 3, retried: 0, dead: 0, held: 0 });
    expect(h.console.delivered.map((m) => m.key)).toEqual(['test:1:console:news', 'test:2:console:news']);
    expect(h.discord.delivered.map((m) => m.key)).toEqual(['test:3:discord:42']);
    expect(h.outbox.counts()).toEqual({ pending: 0, sent: 3, dead: 0 });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, dead: 0, held: 0 });
  });

  it('GIVEN the same key enqueued twice WHEN dispatched THEN it is delivered once', async () => {
    h = createHarness();
    enqueue(notice(1));
    enqueue(notice(1));
    await h.dispatcher.drain();
    expect(h.console.delivered).toHaveLength(1);
  });

  it('GIVEN a sink failing with retryable errors WHEN dispatched over time THEN it backs off and retries with the SAME key', async () => {
    h = createHarness({ dispatcher: { baseDelayMs: 1000 } });
    enqueue(notice(1));
    h.console.failNext(
      { ok: false, retryable: true, error: 'HTTP 502' },
      { ok: false, retryable: true, error: 'rate limited', retryAfterMs: 30_000 },
    );
    expect((await h.dispatcher.dispatchDue()).retried).toBe(1);
    expect(h.dispatcher.nextDueAt()).toBe(h.clock.now() + 1000);
    h.clock.advance(999);
    expect((await h.dispatcher.dispatchDue()).retried).toBe(0);
    h.clock.advance(1);
    expect((await h.dispatcher.dispatchDue()).retried).toBe(1);
    expect(h.dispatcher.nextDueAt()).toBe(h.clock.now() + 30_000);
    h.clock.advance(30_000);
    expect((await h.dispatcher.dispatchDue()).sent).toBe(1);
    expect(h.console.attempts.map((m) => m.key)).toEqual(Array(3).fill('test:1:console:news'));
    expect(h.outbox.counts()).toEqual({ pending: 0, sent: 1, dead: 0 });
  });

  it('GIVEN a sink that keeps failing WHEN N attempts fail THEN the row is a dead letter, visible in status', async () => {
    h = createHarness({ dispatcher: { maxAttempts: 3, baseDelayMs: 1000 } });
    enqueue(notice(1));
    h.console.failNext(...Array(3).fill({ ok: false, retryable: true, error: 'HTTP 503' }));
    for (let i = 0; i < 3; i++) {
      await h.dispatcher.dispatchDue();
      h.clock.advance(60_000);
    }
    enqueue(notice(2));
    h.console.failNext({ ok: false, retryable: false, error: 'invalid payload' });
    await h.dispatcher.dispatchDue();
    expect(h.outbox.counts()).toEqual({ pending: 0, sent: 0, dead: 2 });
    expect(h.outbox.dead(10)).toEqual([
      { key: 'test:2:console:news', channel: 'console:news', attempts: 1, error: 'invalid payload' },
      { key: 'test:1:console:news', channel: 'console:news', attempts: 3, error: 'HTTP 503' },
    ]);
    const status = h.services.status();
    expect(status.outbox).toEqual({ pending: 0, sent: 0, dead: 2 });
    expect(status.deadLetters?.map((d) => d.error)).toEqual(['invalid payload', 'HTTP 503']);
  });

  it('GIVEN a channel that refuses the bot WHEN delivering THEN its subscriptions pause with the reason, rows wait, and resume delivers them', async () => {
    h = createHarness();
    h.script.answer('https://news.example/a.xml', {
      status: 'ok',
      finalUrl: 'https://news.example/a.xml',
      feed: { title: 'A', items: [] },
      etag: null,
      lastModified: null,
      cacheMaxAgeMs: null,
    });
    const feed = await h.services.watch.add({ url: 'https://news.example/a.xml', channel: 'discord:42' });
    enqueue(notice(1, 'discord:42'), notice(2, 'discord:42'), notice(3));
    h.discord.failNext({ ok: false, retryable: false, channelUnavailable: true, error: 'Missing Access (50001)' });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, retried: 0, dead: 0, held: 2 });
    const status = h.services.status();
    expect(status.pausedChannels).toEqual([{ channel: 'discord:42', reason: 'Missing Access (50001)' }]);
    expect(status.feeds[0]?.subscriptions[0]).toMatchObject({ paused: true, pausedReason: 'Missing Access (50001)' });
    expect(status.outbox).toEqual({ pending: 2, sent: 1, dead: 0 });
    h.clock.advance(3_600_000);
    expect(await h.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 0, held: 0 });

    h.services.watch.resume(feed.id);
    expect(h.services.status().pausedChannels).toEqual([]);
    expect((await h.dispatcher.drain()).sent).toBe(2);
    expect(h.discord.delivered.map((m) => m.key)).toEqual(['test:1:discord:42', 'test:2:discord:42']);
  });

  it('GIVEN a channel on a platform with no sink WHEN dispatched for hours THEN its rows wait untried (no attempt, never dead) and a dispatcher with that sink delivers them once', async () => {
    h = createHarness({ dispatcher: { maxAttempts: 2, baseDelayMs: 1000 } });
    enqueue(notice(1, 'slack:C1'), notice(2, 'slack:C1'), notice(3));
    expect(await h.dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0, held: 2 });
    h.clock.advance(3_600_000);
    expect(await h.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 0, held: 2 });
    // nothing it could send is due: the service's loop sleeps instead of spinning on the held rows
    expect(h.dispatcher.nextDueAt()).toBeNull();
    expect(h.outbox.counts()).toEqual({ pending: 2, sent: 1, dead: 0 });
    expect(h.outbox.channels()).toEqual([
      { channel: 'console:news', pending: 0, lastError: null, lastErrorAt: null },
      { channel: 'slack:C1', pending: 2, lastError: null, lastErrorAt: null },
    ]);

    const slack = recordingSink('slack');
    const withSlack = createDispatcher({
      outbox: h.outbox,
      watch: h.watch,
      sinks: () => [slack.sink],
      clock: h.clock,
      log: silentLogger(),
    });
    expect((await withSlack.drain()).sent).toBe(2);
    expect(slack.delivered.map((m) => m.key)).toEqual(['test:1:slack:C1', 'test:2:slack:C1']);
    expect(h.outbox.counts()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });

  it('GIVEN a failing send WHEN the channel is looked at THEN the outbox keeps its last error and when it happened', async () => {
    h = createHarness({ dispatcher: { baseDelayMs: 1000 } });
    enqueue(notice(1, 'discord:42'));
    h.discord.failNext({ ok: false, retryable: true, error: 'HTTP 503 Service Unavailable' });
    const failedAt = h.clock.now();
    await h.dispatcher.dispatchDue();
    expect(h.outbox.channels()).toEqual([
      { channel: 'discord:42', pending: 1, lastError: 'HTTP 503 Service Unavailable', lastErrorAt: failedAt },
    ]);
    expect(h.services.status().channels).toEqual([
      {
        channel: 'discord:42',
        pending: 1,
        lastError: 'HTTP 503 Service Unavailable',
        lastErrorAt: new Date(failedAt).toISOString(),
        waiting: null,
        paused: false,
      },
    ]);
    h.clock.advance(1000);
    await h.dispatcher.dispatchDue();
    expect(h.outbox.channels()).toEqual([{ channel: 'discord:42', pending: 0, lastError: null, lastErrorAt: null }]);
  });

  it('GIVEN a sink that throws WHEN dispatched THEN the row is retried, not lost', async () => {
    h = createHarness();
    enqueue(notice(1));
    h.console.sink.deliver = async () => {
      throw new Error('socket hang up');
    };
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, retried: 1 });
    expect(h.outbox.counts()).toEqual({ pending: 1, sent: 0, dead: 0 });
  });

  it('GIVEN a channel whose first row fails WHEN dispatched THEN its later rows wait behind it (order kept) while another channel is delivered', async () => {
    h = createHarness({ dispatcher: { baseDelayMs: 1000 } });
    enqueue(notice(1), notice(2), notice(3), notice(4, 'discord:42'));
    h.console.failNext({ ok: false, retryable: true, error: 'request timed out' });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, retried: 1, dead: 0, held: 0 });
    expect(h.console.attempts.map((m) => m.key)).toEqual(['test:1:console:news']);
    expect(h.discord.delivered.map((m) => m.key)).toEqual(['test:4:discord:42']);
    expect(h.dispatcher.nextDueAt()).toBe(h.clock.now() + 1000);
    h.clock.advance(1000);
    expect((await h.dispatcher.dispatchDue()).sent).toBe(3);
    expect(h.console.delivered.map((m) => m.key)).toEqual([
      'test:1:console:news',
      'test:2:console:news',
      'test:3:console:news',
    ]);
  });
});

/**
 * An alert is posted once even when Slack's answers are lost on the way back: the WebClient that posts does not retry
 * on its own (the dispatcher does), every post carries its idempotency key in message metadata, and a retry first
 * looks the key up in the channel's history.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/alerts.ts';
import { createDispatcher } from '../../src/core/dispatch/dispatcher.ts';
import { silentLogger } from '../../src/logger.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createSqliteOutboxStore } from '../../src/store/outbox-store.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';
import { alertWith, contradiction } from './alert-fixtures.ts';
import { echoModules } from './fixture-modules.ts';
import { type Harness, startHarness } from './harness.ts';

describe('Slack posts are idempotent across lost responses', () => {
  let h: Harness;
  beforeAll(async () => {
    // production's retry setting for Web API calls, to show the posting client ignores it
    h = await startHarness({ mode: 'http', commands: echoModules(), retries: 2 });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.api.clearFailures());

  function dispatcherFor(message: OutboundMessage) {
    const db = openDatabase(':memory:');
    const outbox = createSqliteOutboxStore(db);
    let now = 1_000_000;
    const clock = { now: () => now };
    outbox.enqueue([{ key: message.key, channel: message.channel, feedId: null, message }], now);
    const dispatcher = createDispatcher({
      outbox,
      watch: createSqliteWatchStore(db),
      sinks: () => [h.slack.sink],
      clock,
      log: silentLogger(),
      config: { maxAttempts: 3, baseDelayMs: 1000 },
    });
    return { outbox, dispatcher, later: () => (now += 60_000) };
  }

  const postsWithKey = (key: string) => h.api.messages.filter((m) => m.metadata?.event_payload?.key === key);

  it('GIVEN every chat.postMessage answer is lost WHEN the dispatcher tries and retries THEN the alert is in the channel once, with its key, and the row is sent', async () => {
    const message: OutboundMessage = {
      kind: 'alert',
      key: 'alert:7:C0ALERTS',
      channel: 'slack:C0ALERTS',
      alert: alertWith([contradiction]),
    };
    for (let i = 0; i < 9; i++) h.api.failNext('chat.postMessage', { drop: 'response' });
    const { outbox, dispatcher, later } = dispatcherFor(message);
    for (let i = 0; i < 3; i++) {
      await dispatcher.dispatchDue();
      later();
    }
    expect(postsWithKey(message.key)).toHaveLength(1);
    expect(postsWithKey(message.key)[0]?.metadata?.event_type).toBe('claimwatch_alert');
    expect(
      h.api.calls.filter((c) => c.method === 'chat.postMessage' && String(c.body.metadata).includes(message.key)),
    ).toHaveLength(1);
    expect(outbox.counts()).toEqual({ pending: 0, sent: 1, dead: 0 });
  });

  it('GIVEN a post that failed before reaching Slack WHEN retried THEN the history shows no copy and it is posted once', async () => {
    const message: OutboundMessage = {
      kind: 'notice',
      key: 'notice:9:C0ALERTS',
      channel: 'slack:C0ALERTS',
      text: 'Feed #9 stopped',
    };
    // the first try and, were the client retrying on its own, its retries
    for (let i = 0; i < 3; i++) h.api.failNext('chat.postMessage', { drop: 'request' });
    const { outbox, dispatcher, later } = dispatcherFor(message);
    await dispatcher.dispatchDue();
    expect(postsWithKey(message.key)).toHaveLength(0);
    h.api.clearFailures();
    later();
    await dispatcher.dispatchDue();
    expect(outbox.counts()).toEqual({ pending: 0, sent: 1, dead: 0 });
    expect(postsWithKey(message.key)).toHaveLength(1);
    expect(h.api.calls.some((c) => c.method === 'conversations.history')).toBe(true);
  });
});

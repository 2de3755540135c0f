/**
 * One slow channel must not stall the others: the service's dispatch loop, the real Slack sink and WebClient, and a
 * loopback Slack whose posts to one channel hang until the client's timeout.
 */
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createWatchRuntime, type WatchRuntime } from '../../src/app/runtime.ts';
import type { OutboundMessage } from '../../src/core/alerts.ts';
import { judgeSentenceByRules } from '../../src/core/claims/index.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSlackSink } from '../../src/platforms/slack/slack-sink.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { createTransact, openDatabase } from '../../src/store/db.ts';
import { type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';

const TOKEN = 'xoxb-slow-channel-test';
const POST_TIMEOUT_MS = 3000;

describe('dispatch per channel', () => {
  let api: SlackWebApiFake;
  let runtime: WatchRuntime;
  afterEach(async () => {
    await runtime?.stop();
    await api?.close();
  });

  function notice(n: number, channel: string): OutboundMessage {
    return { kind: 'notice', key: `slow-test:${channel}:${n}`, channel, text: `notice ${n} for ${channel}` };
  }

  it('GIVEN a channel whose posts hang WHEN alerts for it and for a healthy channel are due THEN the healthy channel gets each on time and the slow one costs one timeout, not one per row', async () => {
    api = await startSlackWebApi({ botToken: TOKEN });
    api.channels.set('C0SLOW', { name: 'slow', is_member: true });
    api.channels.set('C0FAST', { name: 'fast', is_member: true });
    for (let i = 0; i < 3; i++) api.failNext('chat.postMessage', { channel: 'C0SLOW', hang: true });

    const db = openDatabase(':memory:');
    const app = {
      db,
      claims: createSqliteClaimStore(db),
      judge: judgeSentenceByRules,
      transact: createTransact(db),
      close: () => db.close(),
    };
    const client = new webApi.WebClient(TOKEN, {
      slackApiUrl: api.apiUrl,
      timeout: POST_TIMEOUT_MS,
      retryConfig: { retries: 0 },
    });
    runtime = createWatchRuntime(app, {
      config: { pollIntervalMs: 600_000, maxFailures: 8, maxAlertsPerPoll: 20, allowHosts: [], maxBodyBytes: 1 << 20 },
      logger: silentLogger(),
      sinks: [createSlackSink({ client, logger: silentLogger() })],
    });
    const start = Date.now();
    const enqueue = (m: OutboundMessage, at: number) =>
      runtime.outbox.enqueue([{ key: m.key, channel: m.channel, feedId: null, message: m }], at);
    for (let i = 1; i <= 3; i++) enqueue(notice(i, 'slack:C0SLOW'), start);
    enqueue(notice(1, 'slack:C0FAST'), start);
    // due while the slow channel's first post is still hanging
    enqueue(notice(2, 'slack:C0FAST'), start + 1000);
    runtime.start();

    const fast = () => api.messages.filter((m) => m.channel === 'C0FAST');
    await api.waitFor(() => fast().length === 2, POST_TIMEOUT_MS - 500);
    expect(Date.now() - start).toBeLessThan(POST_TIMEOUT_MS);
    expect(fast().map((m) => m.text)).toEqual(['notice 1 for slack:C0FAST', 'notice 2 for slack:C0FAST']);

    // Once the first slow post timed out, the channel's other rows wait behind it (backoff) instead of each hanging.
    await new Promise((resolve) => setTimeout(resolve, POST_TIMEOUT_MS + 1500));
    const slowTries = api.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SLOW');
    expect(slowTries).toHaveLength(1);
    expect(runtime.outbox.counts(['slack:C0SLOW'])).toEqual({ pending: 3, sent: 0, dead: 0 });
    expect(runtime.outbox.counts(['slack:C0FAST'])).toEqual({ pending: 0, sent: 2, dead: 0 });
  }, 20_000);
});

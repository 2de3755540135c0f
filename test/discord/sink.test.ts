import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, OutboundMessage } from '../../src/core/alerts.ts';
import { silentLogger } from '../../src/logger.ts';
import { createDiscordSink, nonceFor } from '../../src/platforms/discord/sink.ts';
import { CONTRADICTING_REPORT } from '../commands/recording-services.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, testGuild } from '../fakes/discord/guild.ts';

const alert: Alert = {
  verdict: 'contradicts',
  feed: { id: 1, title: 'Kyiv Desk', url: 'https://desk.example/rss' },
  item: { title: 'Kremlin: no troops', link: 'https://desk.example/a/1', published: '2024-10-24' },
  claims: CONTRADICTING_REPORT.claims,
};

let fake: FakeDiscord;
let rest: REST;

function sink(maxWaitMs = 10_000) {
  // the same REST options startDiscord gives the client
  rest = new REST({ api: fake.apiBase, rejectOnRateLimit: (l) => l.retryAfter > maxWaitMs }).setToken(fake.token);
  return createDiscordSink({ rest, logger: silentLogger() });
}

const message = (key: string, channel = `discord:${ALERTS_CHANNEL}`): OutboundMessage => ({
  kind: 'alert',
  key,
  channel,
  alert,
});

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [testGuild()] });
});
afterAll(async () => {
  await fake?.close();
});

describe('Discord sink', () => {
  it('GIVEN an alert WHEN delivered THEN one message with embeds, the outbox key as nonce and enforce_nonce is posted', async () => {
    const result = await sink().deliver(message('alert:1:2'));
    expect(result).toEqual({ ok: true });
    const sent = fake.requests.filter((r) => r.route === `/channels/${ALERTS_CHANNEL}/messages`).at(-1);
    expect(sent?.body).toMatchObject({ nonce: 'alert:1:2', enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(sent?.body.embeds[0]).toMatchObject({ title: 'Kremlin: no troops', url: 'https://desk.example/a/1' });
    expect(sent?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('GIVEN a key longer than Discord’s 25-character nonce WHEN delivered THEN a stable 25-character digest is used', async () => {
    const key = 'alert:feed-12:item-9f8e7d6c5b4a:channel-200000000000000010';
    await sink().deliver(message(key));
    const sent = fake.requests.filter((r) => r.route === `/channels/${ALERTS_CHANNEL}/messages`).at(-1);
    expect(sent?.body.nonce).toBe(nonceFor(key));
    expect(nonceFor(key)).toHaveLength(25);
    expect(nonceFor(key)).toBe(nonceFor(key));
  });

  it('GIVEN a 429 with retry_after, then a 500, then success WHEN delivering THEN it is posted once and reported ok', async () => {
    const route = `/channels/${ALERTS_CHANNEL}/messages`;
    const before = fake.requests.filter((r) => r.route === route).length;
    fake.queue(`POST ${route}`, [{ status: 429, retryAfter: 0.05 }, { status: 500 }]);
    const result = await sink().deliver(message('alert:429'));
    expect(result).toEqual({ ok: true });
    const attempts = fake.requests.filter((r) => r.route === route).slice(before);
    expect(attempts.map((r) => r.status)).toEqual([429, 500, 200]);
    expect(attempts.every((r) => r.body.nonce === 'alert:429')).toBe(true);
  });

  it('GIVEN a rate limit longer than the bot waits WHEN delivering THEN it fails retryable with the wait', async () => {
    fake.queue(`POST /channels/${ALERTS_CHANNEL}/messages`, [{ status: 429, retryAfter: 30 }]);
    const result = await sink(1_000).deliver(message('alert:long-429'));
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok === false && result.retryAfterMs).toBeGreaterThanOrEqual(30_000);
  });

  it('GIVEN 5xx that persists past the client’s retries WHEN delivering THEN it fails retryable', async () => {
    fake.queue(`POST /channels/${ALERTS_CHANNEL}/messages`, [
      { status: 502 },
      { status: 502 },
      { status: 502 },
      { status: 502 },
    ]);
    const result = await sink().deliver(message('alert:5xx'));
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok === false && result.channelUnavailable).toBeFalsy();
  });

  it('GIVEN a channel that answers 403 Missing Access WHEN delivering THEN channelUnavailable, not retryable', async () => {
    fake.failChannel(ALERTS_CHANNEL, 403);
    try {
      const result = await sink().deliver(message('alert:403'));
      expect(result).toMatchObject({ ok: false, retryable: false, channelUnavailable: true });
      expect(result.ok === false && result.error).toContain('50001');
    } finally {
      fake.failChannel(ALERTS_CHANNEL, null);
    }
  });

  it('GIVEN a deleted channel (404 Unknown Channel) WHEN delivering THEN channelUnavailable', async () => {
    const result = await sink().deliver(message('alert:404', 'discord:299999999999999999'));
    expect(result).toMatchObject({ ok: false, retryable: false, channelUnavailable: true });
    expect(result.ok === false && result.error).toContain('10003');
  });

  it('GIVEN a bad payload answer (400) WHEN delivering THEN permanent failure', async () => {
    fake.queue(`POST /channels/${ALERTS_CHANNEL}/messages`, [
      { status: 400, body: { message: 'Invalid Form Body', code: 50035 } },
    ]);
    const result = await sink().deliver(message('alert:400'));
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.channelUnavailable).toBeFalsy();
  });

  it('GIVEN a notice WHEN delivered THEN it is a plain message', async () => {
    const result = await sink().deliver({
      kind: 'notice',
      key: 'notice:1',
      channel: `discord:${ALERTS_CHANNEL}`,
      text: 'Feed #1 disabled after 8 failures.',
    });
    expect(result).toEqual({ ok: true });
    const sent = fake.requests.filter((r) => r.route === `/channels/${ALERTS_CHANNEL}/messages`).at(-1);
    expect(sent?.body).toMatchObject({ content: 'Feed #1 disabled after 8 failures.', nonce: 'notice:1' });
    expect(sent?.body.embeds).toBeUndefined();
  });

  it('GIVEN a target on another platform WHEN delivered THEN refused without a request', async () => {
    const result = await sink().deliver(message('alert:slack', 'slack:C1'));
    expect(result).toMatchObject({ ok: false, retryable: false });
  });
});

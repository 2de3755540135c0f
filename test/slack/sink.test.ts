import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createSlackSink } from '../../src/platforms/slack/slack-sink.ts';
import { alertWith, contradiction } from './alert-fixtures.ts';
import { echoModules } from './fixture-modules.ts';
import { type Harness, startHarness } from './harness.ts';

describe('Slack ChatSink (real WebClient against the loopback Web API)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', commands: echoModules() });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
    h.api.channels.set('C0QUIET', { name: 'quiet', is_member: false });
    h.api.channels.set('C0OLD', { name: 'old', is_member: true, is_archived: true });
  });
  afterAll(async () => {
    await h.close();
  });

  const alert = (channel: string, key = 'k1') => ({
    kind: 'alert' as const,
    key,
    channel,
    alert: alertWith([contradiction]),
  });

  it('GIVEN a channel the bot is in THEN posts Block Kit with a text fallback', async () => {
    const result = await h.slack.sink.deliver(alert('slack:C0ALERTS'));
    expect(result).toEqual({ ok: true });
    const msg = h.api.messages.at(-1);
    expect(msg?.channel).toBe('C0ALERTS');
    expect(msg?.text).toContain('Contradicts a known claim');
    expect(msg?.blocks[0]).toMatchObject({ type: 'header' });
    expect(h.slack.sink.platform).toBe('slack');
  });

  it('GIVEN a notice THEN posts it as a message', async () => {
    const result = await h.slack.sink.deliver({
      kind: 'notice',
      key: 'n1',
      channel: 'slack:C0ALERTS',
      text: 'Feed **#3** was disabled',
    });
    expect(result).toEqual({ ok: true });
    expect(h.api.messages.at(-1)?.text).toBe('Feed *#3* was disabled');
  });

  it.each([
    ['slack:C0QUIET', 'not_in_channel'],
    ['slack:C0GONE', 'channel_not_found'],
    ['slack:C0OLD', 'is_archived'],
  ])('GIVEN %s THEN channelUnavailable (%s), not retried', async (channel, error) => {
    const result = await h.slack.sink.deliver(alert(channel));
    expect(result).toEqual({ ok: false, retryable: false, channelUnavailable: true, error });
  });

  it('GIVEN a 429 with Retry-After: 7 THEN retryable after 7 s, without waiting inside the sink', async () => {
    h.api.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const result = await h.slack.sink.deliver(alert('slack:C0ALERTS'));
    expect(result).toEqual({ ok: false, retryable: true, retryAfterMs: 7000, error: 'ratelimited' });
    expect(await h.slack.sink.deliver(alert('slack:C0ALERTS'))).toEqual({ ok: true });
  });

  it('GIVEN a 503 THEN retryable', async () => {
    h.api.failNext('chat.postMessage', { status: 503 });
    const result = await h.slack.sink.deliver(alert('slack:C0ALERTS'));
    expect(result).toMatchObject({ ok: false, retryable: true, error: 'HTTP 503' });
  });

  it('GIVEN Slack rejects the payload (invalid_blocks) THEN not retryable and the channel stays active', async () => {
    h.api.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const result = await h.slack.sink.deliver(alert('slack:C0ALERTS'));
    expect(result).toEqual({ ok: false, retryable: false, error: 'invalid_blocks' });
  });

  it('GIVEN a target of another platform THEN refuses it without calling Slack', async () => {
    const before = h.api.calls.length;
    const result = await h.slack.sink.deliver(alert('discord:123'));
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(h.api.calls.length).toBe(before);
  });
});

describe('Slack ChatSink when Slack cannot be reached', () => {
  it('GIVEN nothing listens at SLACK_API_URL THEN retryable (network), never channelUnavailable', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const sink = createSlackSink({
      client: new webApi.WebClient('xoxb-x', {
        slackApiUrl: `http://127.0.0.1:${port}/api/`,
        retryConfig: { retries: 0 },
        timeout: 2000,
        rejectRateLimitedCalls: true,
      }),
      logger: silentLogger(),
    });
    const result = await sink.deliver({ kind: 'notice', key: 'n', channel: 'slack:C1', text: 'hello' });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok === false && result.channelUnavailable).toBeFalsy();
  });
});

/**
 * A chat platform that cannot start says why in one line naming the cause and the variable to check: a token the
 * platform refuses is not a network problem, and a network problem is not a refused token.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/logger.ts';
import { startDiscord } from '../../src/platforms/discord/index.ts';
import { startSlack } from '../../src/platforms/slack/index.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';
import { noServices } from '../slack/harness.ts';

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(start: Promise<unknown>): Promise<Error> {
  const err = await start.then(
    () => new Error('started, but should not have'),
    (e: unknown) => e as Error,
  );
  return err;
}

function expectOneClearLine(err: Error, pattern: RegExp) {
  expect(isUserError(err), `${err.name}: ${err.message}`).toBe(true);
  expect(err.message).toMatch(pattern);
  expect(err.message).not.toContain('\n');
}

describe('Slack start-up errors', () => {
  let api: SlackWebApiFake;
  beforeAll(async () => {
    api = await startSlackWebApi({ botToken: 'xoxb-the-right-token' });
  });
  afterAll(async () => {
    await api.close();
  });

  const start = (botToken: string, apiUrl: string) =>
    startSlack({
      config: { botToken, appToken: undefined, signingSecret: 'secret', apiUrl, adminUserIds: [] },
      httpPort: 0,
      services: noServices(),
      commands: [],
      logger: silentLogger(),
      webClient: { timeoutMs: 1000, retries: 0 },
    });

  it('GIVEN a token Slack refuses THEN it says Slack refused SLACK_BOT_TOKEN, with Slack’s reason', async () => {
    const err = await failure(start('xoxb-a-wrong-token', api.apiUrl));
    expectOneClearLine(err, /^Slack refused SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)/);
  });

  it('GIVEN Slack cannot be reached THEN it says so, naming the address — not that the token was refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const err = await failure(start('xoxb-the-right-token', url));
    expectOneClearLine(err, new RegExp(`^Cannot reach Slack at ${url.replace(/[.]/g, '\\.')}.*ECONNREFUSED`));
    expect(err.message).not.toContain('refused SLACK_BOT_TOKEN');
  });

  it('GIVEN Slack answers 503 THEN it says Slack is unavailable', async () => {
    api.failNext('auth.test', { status: 503 });
    const err = await failure(start('xoxb-the-right-token', api.apiUrl));
    expectOneClearLine(err, /^Slack is not answering normally.*HTTP 503/);
  });
});

describe('Discord start-up errors', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [] });
  });
  afterAll(async () => {
    await fake.close();
  });

  const start = (token: string, apiBase: string) =>
    startDiscord({
      config: { token, appId: fake.appId, guildId: undefined, apiBase },
      services: noServices(),
      commands: [],
      logger: silentLogger(),
      readyTimeoutMs: 5000,
    });

  it('GIVEN a token Discord refuses THEN it says Discord refused DISCORD_TOKEN and where to get a new one', async () => {
    const err = await failure(start('not-the-token', fake.apiBase));
    expectOneClearLine(err, /^Discord refused DISCORD_TOKEN .*Reset Token/);
  });

  it('GIVEN Discord cannot be reached THEN it says so, naming the address', async () => {
    const base = `http://127.0.0.1:${await closedPort()}/api`;
    const err = await failure(start(fake.token, base));
    expectOneClearLine(err, /^Cannot reach Discord at http:\/\/127\.0\.0\.1:\d+\/api/);
  });
});

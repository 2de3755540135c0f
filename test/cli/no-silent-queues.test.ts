/**
 * Issue 11, "no silent queues", as an operator sees it from the CLI (child processes, temp database): a subscription
 * no configured platform can deliver is refused, `watch poll` delivers what it alerts (console, or Discord through
 * the loopback fake when DISCORD_TOKEN is set) or says what waits and why, and `status` shows each channel's queue.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, testGuild } from '../fakes/discord/guild.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';

interface ChannelLine {
  channel: string;
  pending: number;
  lastError: string | null;
  lastErrorAt: string | null;
  waiting: string | null;
  paused: boolean;
}
interface StatusLine {
  outbox: { pending: number; sent: number; dead: number };
  channels: ChannelLine[];
}

let server: FeedServer;
let discord: FakeDiscord;
let slack: SlackWebApiFake;
const SLACK_TOKEN = 'xoxb-queues-test-token';
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startFeedServer();
  discord = await startFakeDiscord({ guilds: [testGuild()] });
  slack = await startSlackWebApi({ botToken: SLACK_TOKEN });
  slack.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
  slack.channels.set('C0LOCKED', { name: 'locked', is_member: false });
  tmp = tempDir('claimwatch-queues-');
});
afterAll(async () => {
  await server?.close();
  await discord?.close();
  await slack?.close();
  tmp?.remove();
});

/** A fresh database; the rules judge, so which fixture items alert does not move with the model. */
function envFor(name: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...childEnv(join(tmp.dir, `${name}.db`)), CLAIMWATCH_ENGINE: 'rules', ...extra };
}

const withDiscord = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  DISCORD_TOKEN: discord.token,
  DISCORD_API_BASE: discord.apiBase,
});

const withSlack = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  SLACK_BOT_TOKEN: SLACK_TOKEN,
  // HTTP mode on a free port: `run --once` starts the app with no Socket Mode server to reach
  SLACK_SIGNING_SECRET: 'queues-test-signing-secret',
  CLAIMWATCH_HTTP_PORT: '0',
  SLACK_API_URL: slack.apiUrl,
});

async function status(env: NodeJS.ProcessEnv): Promise<StatusLine> {
  const r = await runCli(['status', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return jsonLines<StatusLine>(r.stdout)[0] as StatusLine;
}

/** Watches a fresh feed from `channel`, then gives it `n` new items (each alerts at the `all` level). */
async function watchWithNewItems(env: NodeJS.ProcessEnv, path: string, channel: string, n: number): Promise<void> {
  server.setFeed(path, { title: path, items: backCatalogue(server.origin) });
  const added = await runCli(['watch', 'add', server.url(path), '--channel', channel, '--alerts', 'all'], env);
  expect(added.code, added.stderr).toBe(0);
  server.addItems(path, ...twentyItems(server.origin, path.slice(1, -4)).slice(0, n));
}

describe('no silent queues (issue 11)', () => {
  it('GIVEN no Discord or Slack token WHEN a discord: or slack: channel is subscribed THEN it is refused with the variable to set, and nothing is saved', async () => {
    const env = envFor('refused');
    server.setFeed('/refused.xml', { items: backCatalogue(server.origin) });
    const toDiscord = await runCli(['watch', 'add', server.url('/refused.xml'), '--channel', 'discord:123'], env);
    expect(toDiscord.code).toBe(2);
    expect(toDiscord.stderr).toContain('cannot send alerts to discord:123: no Discord connection is configured');
    expect(toDiscord.stderr).toContain('set DISCORD_TOKEN');
    const toSlack = await runCli(['watch', 'add', server.url('/refused.xml'), '--channel', 'slack:C1'], env);
    expect(toSlack.code).toBe(2);
    expect(toSlack.stderr).toContain('no Slack connection is configured (set SLACK_BOT_TOKEN');
    const list = await runCli(['watch', 'list', '--json'], env);
    expect(jsonLines(list.stdout)).toEqual([]);
    // the feed was never fetched for a refused channel: the refusal comes first
    expect(server.requestsTo('/refused.xml')).toHaveLength(0);
  }, 60_000);

  it('GIVEN a console channel WHEN watch poll finds new items THEN it prints the alerts and delivers them, and a later run sends none again', async () => {
    const env = envFor('console');
    await watchWithNewItems(env, '/console.xml', 'console:desk', 3);
    const polled = await runCli(['watch', 'poll'], env);
    expect(polled.code, polled.stderr).toBe(0);
    expect(polled.stdout).toMatch(/: fetched, 3 new, 3 alerted\n/);
    expect(polled.stdout.match(/console:desk/g)?.length).toBeGreaterThanOrEqual(3);
    expect(polled.stdout).toContain('Delivered 3 alert(s).');
    expect(polled.stdout).not.toContain('queued');
    expect((await status(env)).outbox).toEqual({ pending: 0, sent: 3, dead: 0 });
    const again = await runCli(['run', '--once', '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(jsonLines(again.stdout)).toEqual([]);
  }, 60_000);

  it('GIVEN DISCORD_TOKEN set WHEN watch poll alerts a discord: channel THEN the alerts are posted through the Discord API, once, and the command exits', async () => {
    const env = withDiscord(envFor('discord'));
    const before = discord.channelMessages(ALERTS_CHANNEL).length;
    await watchWithNewItems(env, '/discord.xml', `discord:${ALERTS_CHANNEL}`, 2);
    const polled = await runCli(['watch', 'poll', '--json'], env);
    expect(polled.code, polled.stderr).toBe(0);
    const lines = jsonLines<{ delivered?: number; queued?: unknown[]; alerts?: number }>(polled.stdout);
    expect(lines[0]).toMatchObject({ ok: true, alerts: 2 });
    expect(lines.at(-1)).toEqual({ delivered: 2, queued: [] });
    const posted = discord.channelMessages(ALERTS_CHANNEL).slice(before);
    expect(posted).toHaveLength(2);
    expect(posted[0].embeds).toBeDefined();
    const again = await runCli(['run', '--once'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(discord.channelMessages(ALERTS_CHANNEL).length - before).toBe(2);
    expect((await status(env)).outbox).toEqual({ pending: 0, sent: 2, dead: 0 });
  }, 60_000);

  it('GIVEN a discord: subscription whose token was removed since WHEN polled, run and shown THEN the alerts wait, each command says why, and they go out once the token is back', async () => {
    const tokenEnv = withDiscord(envFor('removed'));
    const before = discord.channelMessages(ALERTS_CHANNEL).length;
    await watchWithNewItems(tokenEnv, '/removed.xml', `discord:${ALERTS_CHANNEL}`, 2);
    const env = envFor('removed'); // the same database, DISCORD_TOKEN gone

    const polled = await runCli(['watch', 'poll'], env);
    expect(polled.code, polled.stderr).toBe(0);
    expect(polled.stdout).toContain(
      `2 alert(s) queued for discord:${ALERTS_CHANNEL}: no Discord connection is configured (set DISCORD_TOKEN in the environment or .env). \`npm start\` / \`claimwatch run\` delivers them.`,
    );
    expect(polled.stdout).not.toContain('Delivered');

    const run = await runCli(['run', '--once'], env);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('wait in the outbox'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`"channel":"discord:${ALERTS_CHANNEL}"`);
    expect(warnings[0]).toContain('"pending":2');
    expect(warnings[0]).toContain('set DISCORD_TOKEN');

    const shown = await status(env);
    expect(shown.outbox).toEqual({ pending: 2, sent: 0, dead: 0 });
    expect(shown.channels).toEqual([
      {
        channel: `discord:${ALERTS_CHANNEL}`,
        pending: 2,
        lastError: null,
        lastErrorAt: null,
        waiting: 'no Discord connection is configured (set DISCORD_TOKEN in the environment or .env)',
        paused: false,
      },
    ]);
    const text = await runCli(['status'], env);
    expect(text.stdout).toMatch(
      new RegExp(`discord:${ALERTS_CHANNEL}\\s+2\\s+no Discord connection is configured \\(set DISCORD_TOKEN`),
    );
    expect(discord.channelMessages(ALERTS_CHANNEL).length).toBe(before);

    const back = await runCli(['watch', 'poll'], tokenEnv);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('Delivered 2 alert(s).');
    expect(discord.channelMessages(ALERTS_CHANNEL).length - before).toBe(2);
    expect((await status(tokenEnv)).outbox).toEqual({ pending: 0, sent: 2, dead: 0 });
  }, 90_000);

  it('GIVEN Discord failing with 500s WHEN watch poll tries to deliver THEN it says the alerts are queued with the error, and status shows the last error with its time', async () => {
    const env = withDiscord(envFor('failing'));
    await watchWithNewItems(env, '/failing.xml', `discord:${ALERTS_CHANNEL}`, 1);
    const route = `POST /channels/${ALERTS_CHANNEL}/messages`;
    discord.queue(
      route,
      Array.from({ length: 10 }, () => ({ status: 500, body: { message: 'boom', code: 0 } })),
    );
    const started = Date.now();
    const polled = await runCli(['watch', 'poll'], env);
    discord.queued.delete(route);
    expect(polled.code, polled.stderr).toBe(0);
    expect(polled.stdout + polled.stderr).not.toContain(discord.token);
    expect(polled.stdout).toMatch(
      new RegExp(`1 alert\\(s\\) queued for discord:${ALERTS_CHANNEL}: delivery failed: .+ \\(\\d{4}-\\d\\d-\\d\\dT`),
    );
    const [channel] = (await status(env)).channels;
    expect(channel).toMatchObject({ channel: `discord:${ALERTS_CHANNEL}`, pending: 1, waiting: null });
    expect(channel?.lastError).toBeTruthy();
    expect(Date.parse(channel?.lastErrorAt ?? '')).toBeGreaterThanOrEqual(started - 1000);
  }, 90_000);

  it('GIVEN SLACK_BOT_TOKEN set WHEN watch poll alerts two slack: channels THEN the one the bot is in gets its alerts once, and the one it is not in is paused and named with why', async () => {
    const env = withSlack(envFor('slack'));
    await watchWithNewItems(env, '/slack.xml', 'slack:C0ALERTS', 2);
    const added = await runCli(
      ['watch', 'add', server.url('/slack.xml'), '--channel', 'slack:C0LOCKED', '--alerts', 'all'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const polled = await runCli(['watch', 'poll'], env);
    expect(polled.code, polled.stderr).toBe(0);
    const posted = slack.messages.filter((m) => m.channel === 'C0ALERTS');
    expect(posted).toHaveLength(2);
    expect(new Set(posted.map((m) => m.metadata?.event_payload?.key)).size).toBe(2);
    expect(polled.stdout).toContain('Delivered 2 alert(s).');
    expect(polled.stdout).toContain(
      '2 alert(s) queued for slack:C0LOCKED: paused: not_in_channel. Give the bot access there, then `claimwatch watch resume ID` (see `watch list`).',
    );
    expect(polled.stdout + polled.stderr).not.toContain(SLACK_TOKEN);

    const again = await runCli(['run', '--once'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(slack.messages.filter((m) => m.channel === 'C0ALERTS')).toHaveLength(2);
    const shown = await status(env);
    expect(shown.outbox).toEqual({ pending: 2, sent: 2, dead: 0 });
    expect(shown.channels.map((c) => [c.channel, c.pending])).toEqual([
      ['slack:C0ALERTS', 0],
      ['slack:C0LOCKED', 2],
    ]);
  }, 90_000);
});

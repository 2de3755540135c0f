/**
 * The Bar, as an operator would see it: `claimwatch run` (what `npm start` runs) as a child process in Socket Mode,
 * against the loopback Slack stand-in and the loopback feed server. Nothing in-process but the fakes.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { blockProblem, type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';
import { type SocketModeFake, slashPayload, startSocketModeServer } from '../fakes/slack/socket-mode-server.ts';
import { childEnv, collect, spawnCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';
import { APP_TOKEN, BOT_TOKEN } from './harness.ts';

describe('npm start with Slack in Socket Mode against a loopback Slack', () => {
  let api: SlackWebApiFake;
  let socket: SocketModeFake;
  let feeds: FeedServer;
  let child: ChildProcess;
  let exited: ReturnType<typeof collect>;
  const tmp = tempDir('claimwatch-slack-run-');

  beforeAll(async () => {
    api = await startSlackWebApi({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    socket = await startSocketModeServer(api);
    api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
    api.users.set('U0MEMBER', { is_admin: false });
    feeds = await startFeedServer();
    feeds.setFeed('/kursk.xml', { title: 'Kursk wire', items: backCatalogue(feeds.origin) });
    child = spawnCli(
      ['run'],
      childEnv(join(tmp.dir, 'claimwatch.db'), {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: api.apiUrl,
        SLACK_ADMIN_USER_IDS: 'U0ADMIN',
      }),
    );
    exited = collect(child);
    // a child that dies at start-up fails the test at once, with its stderr
    const died = exited.then((r) => {
      throw new Error(`claimwatch run exited (${r.code}) before connecting:\n${r.stderr.slice(-2000)}`);
    });
    await Promise.race([socket.connected(60_000), died]);
    died.catch(() => {});
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await socket?.close();
    await api?.close();
    await feeds?.close();
    tmp.remove();
  });

  async function run(text: string, user: string) {
    const before = api.responses.length;
    const ack = await socket.sendSlashCommand(slashPayload(api, text, { user }), 15_000);
    if (ack.payload && Object.keys(ack.payload).length > 0) return ack.payload;
    return api.waitFor(() => api.responses[before]?.body, 30_000);
  }

  it('refuses a member watch add; an admin adds, lists, polls; alerts with contradictions arrive; check answers', async () => {
    const feedUrl = feeds.url('/kursk.xml');
    const refused = await run(`watch add <${feedUrl}>`, 'U0MEMBER');
    expect(String(refused.text)).toContain('needs a workspace admin or owner');

    const added = await run(`watch add <${feedUrl}> alerts=all`, 'U0ADMIN');
    expect(String(added.text)).toContain('Watching feed');
    const listed = await run('watch list', 'U0ADMIN');
    expect(JSON.stringify(listed.blocks)).toContain(feedUrl);

    feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin));
    const polled = await run('watch poll', 'U0ADMIN');
    const expected = Number(/Polled 1 feed: (\d+) alerts?/.exec(String(polled.text))?.[1]);
    expect(expected).toBeGreaterThan(0);
    const alerts = await api.waitFor(() => {
      const inChannel = api.messages.filter((m) => m.channel === 'C0ALERTS');
      return inChannel.length >= expected && inChannel;
    }, 30_000);
    for (const m of alerts) expect(blockProblem(m.blocks)).toBeNull();
    expect(alerts.some((m) => m.blocks[0]?.text?.text?.includes('Contradicts a known claim'))).toBe(true);

    const checked = await run('check Pyongyang has sent no troops to Russia at all, the Kremlin said.', 'U0MEMBER');
    expect(String(checked.text)).toMatch(/Contradicts a known claim|New claim|Already known|Off topic/);

    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code).toBe(0);
  }, 120_000);
});

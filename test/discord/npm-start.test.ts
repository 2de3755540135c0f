/**
 * The bar, as an operator would see it: `claimwatch run` (what `npm start` runs) as a child process,
 * configured only through its environment, against the loopback Discord and feed servers. Nothing in-process but
 * the fakes. Needs src/app/platforms.ts to hand startDiscord `config.discord` (not the whole Config); until then the
 * child exits with "startDiscord: config must be the Discord settings".
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeDiscord,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
} from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, GUILD_ID, testGuild } from '../fakes/discord/guild.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, collect, spawnCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';

const manager = { id: '300000000000000001', permissions: MANAGER_PERMISSIONS };
const member = { id: '300000000000000002', permissions: MEMBER_PERMISSIONS };

describe('npm start with DISCORD_TOKEN against a loopback Discord', () => {
  let fake: FakeDiscord;
  let feeds: FeedServer;
  let child: ChildProcess;
  const tmp = tempDir('claimwatch-discord-run-');

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [testGuild()] });
    feeds = await startFeedServer();
    feeds.setFeed('/kursk.xml', { title: 'Kursk wire', items: backCatalogue(feeds.origin) });
    child = spawnCli(
      ['run'],
      childEnv(join(tmp.dir, 'claimwatch.db'), {
        DISCORD_TOKEN: fake.token,
        DISCORD_APP_ID: fake.appId,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_BASE: fake.apiBase,
      }),
    );
    const exited = collect(child);
    // a child that dies at start-up fails the test at once, with its stderr
    const died = exited.then((r) => {
      throw new Error(`claimwatch run exited (${r.code}) before connecting:\n${r.stderr.slice(-2000)}`);
    });
    died.catch(() => {});
    // up once it has identified on the gateway (discord.js holds interactions until its guilds are loaded)
    const identified = new Promise<void>((resolve) => {
      const tick = () => (fake.identifies.length > 0 ? resolve() : setTimeout(tick, 50));
      tick();
    });
    await Promise.race([identified, died]);
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    await feeds?.close();
    tmp.remove();
  });

  it('refuses a member /watch add; a manager adds and lists a feed; /watch poll leads to alert embeds with contradictions; /check answers', async () => {
    const feedUrl = feeds.url('/kursk.xml');
    const ask = (input: Parameters<FakeDiscord['command']>[0]) => fake.answer(fake.command(input), 30_000);

    const refused = await ask({ name: 'watch', subcommand: 'add', options: { url: feedUrl }, user: member });
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0].description).toContain('needs the Manage Server permission');

    const added = await ask({
      name: 'watch',
      subcommand: 'add',
      options: { url: feedUrl, alerts: 'all' },
      user: manager,
    });
    expect(added.embeds[0].title).toBe('Watching feed');
    const listed = await ask({ name: 'watch', subcommand: 'list', user: manager });
    expect(listed.embeds[0].description).toContain(feedUrl);

    feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin));
    const polled = await ask({ name: 'watch', subcommand: 'poll', user: manager });
    const expected = Number(/Polled 1 feed: (\d+) alerts?/.exec(String(polled.embeds[0].title))?.[1]);
    expect(expected).toBeGreaterThan(0);
    const deadline = Date.now() + 30_000;
    while (fake.channelMessages(ALERTS_CHANNEL).length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const alerts = fake.channelMessages(ALERTS_CHANNEL);
    expect(alerts.length).toBe(expected);
    const contradictions = alerts.filter((m) => m.embeds[0].description.startsWith('**Contradicts a known claim**'));
    expect(contradictions.length).toBeGreaterThan(0);

    const checked = await ask({
      name: 'check',
      options: { text: 'North Korea has sent no troops to Russia, the Kremlin said.' },
      user: member,
    });
    expect(checked.ephemeral).toBe(true);
    expect(checked.embeds[0].title).toMatch(/Contradicts a known claim|New claim|Already known|Off topic/);
  });
});

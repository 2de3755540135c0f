/**
 * The whole Discord path with nothing stood in for but Discord and the feeds: real services on a temp database built
 * from the seeds, the real commands/ modules, the real discord.js client against the loopback Discord fake, the real
 * feed reader against the loopback feed server, the real dispatcher delivering through the Discord sink.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaimsApp, openClaimsApp } from '../../src/app/claims-app.ts';
import { createWatchRuntime, type WatchRuntime } from '../../src/app/runtime.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { silentLogger } from '../../src/logger.ts';
import { EMBED_LIMITS, embedSize } from '../../src/platforms/discord/embeds.ts';
import { type DiscordBot, startDiscord } from '../../src/platforms/discord/index.ts';
import {
  type FakeDiscord,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
} from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, GUILD_ID, testGuild } from '../fakes/discord/guild.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';

const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;
const manager = { id: '300000000000000001', permissions: MANAGER_PERMISSIONS };
const member = { id: '300000000000000002', permissions: MEMBER_PERMISSIONS };

describe('Discord end to end: /watch add → new items → /watch poll → alert embeds in the channel', () => {
  let dir: string;
  let app: ClaimsApp;
  let runtime: WatchRuntime;
  let feeds: FeedServer;
  let fake: FakeDiscord;
  let bot: DiscordBot;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-discord-'));
    // the platform is under test, not the judgement: the deterministic rules decide which items alert
    app = openClaimsApp({
      dbPath: path.join(dir, 'claimwatch.db'),
      seedsDir: SEEDS_DIR,
      logger: silentLogger(),
      engine: 'rules',
    });
    feeds = await startFeedServer();
    feeds.setFeed('/kursk.xml', { title: 'Kursk wire', items: backCatalogue(feeds.origin) });
    runtime = createWatchRuntime(app, {
      config: {
        pollIntervalMs: 600_000,
        maxFailures: 8,
        maxAlertsPerPoll: 50,
        allowHosts: ['127.0.0.1'],
        maxBodyBytes: 5 * 1024 * 1024,
      },
      logger: silentLogger(),
    });
    fake = await startFakeDiscord({ guilds: [testGuild()] });
    bot = await startDiscord({
      config: { token: fake.token, appId: fake.appId, guildId: GUILD_ID, apiBase: fake.apiBase },
      services: runtime.services,
      commands: await loadCommands(),
      logger: silentLogger(),
    });
    runtime.addSink(bot.sink);
    runtime.start();
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await bot?.stop();
    await fake?.close();
    await feeds?.close();
    app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a member, lets a manager add, list, poll; alert embeds arrive with contradictions; /check answers', async () => {
    const feedUrl = feeds.url('/kursk.xml');

    const refused = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'add', options: { url: feedUrl }, user: member }),
    );
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0].description).toContain('needs the Manage Server permission');
    expect(runtime.services.watch.list()).toEqual([]);

    const added = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'add', options: { url: feedUrl, alerts: 'all' }, user: manager }),
      20_000,
    );
    expect(added.deferred).toBe(true);
    expect(added.embeds[0].title).toBe('Watching feed');
    expect(added.embeds[0].description).toContain(`<#${ALERTS_CHANNEL}>`);

    // a re-add with no alert level keeps the one set (issue 11) and says the feed was already watched
    const again = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'add', options: { url: feedUrl }, user: manager }),
      20_000,
    );
    expect(again.embeds[0].title).toBe('Already watching this feed');
    expect(again.embeds[0].description).toContain('Nothing changed. Alerts (all) go to');

    const listed = await fake.answer(fake.command({ name: 'watch', subcommand: 'list', user: manager }));
    expect(listed.embeds[0].description).toContain(feedUrl);

    feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin));
    const polled = await fake.answer(fake.command({ name: 'watch', subcommand: 'poll', user: manager }), 20_000);
    const expected = Number(/Polled 1 feed: (\d+) alerts?/.exec(String(polled.embeds[0].title))?.[1]);
    expect(expected).toBeGreaterThan(0);

    const deadline = Date.now() + 15_000;
    while (fake.channelMessages(ALERTS_CHANNEL).length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const alerts = fake.channelMessages(ALERTS_CHANNEL);
    expect(alerts.length).toBe(expected);
    for (const m of alerts) {
      expect(m.enforce_nonce).toBe(true);
      expect(typeof m.nonce).toBe('string');
      expect(m.embeds.reduce((n: number, e: never) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    }
    expect(new Set(alerts.map((m) => m.nonce)).size).toBe(alerts.length);
    const contradictions = alerts.filter((m) => m.embeds[0].description.startsWith('**Contradicts a known claim**'));
    expect(contradictions.length).toBeGreaterThan(0);
    const field = contradictions[0].embeds[0].fields.find(
      (f: { name: string }) => f.name === 'Contradicts a known claim',
    );
    expect(field.value).toMatch(/\*\*Contradicts #\d+:\*\*/);
    expect(field.value).toContain('**Why:**');
    expect(contradictions[0].embeds[0].footer.text).toContain('Kursk wire');

    const checked = await fake.answer(
      fake.command({
        name: 'check',
        options: { text: 'North Korea has sent no troops to Russia, the Kremlin said.' },
        user: member,
      }),
    );
    expect(checked.ephemeral).toBe(true);
    expect(checked.embeds[0].title).toMatch(/Contradicts a known claim|New claim|Already known|Off topic/);
  });

  it('GIVEN the bot loses access to the channel WHEN alerts are sent THEN its subscriptions pause and /status names it', async () => {
    fake.failChannel(ALERTS_CHANNEL, 403);
    try {
      const route = `/channels/${ALERTS_CHANNEL}/messages`;
      const before = fake.requests.filter((r) => r.route === route).length;
      feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin, 'late'));
      const polled = await fake.answer(fake.command({ name: 'watch', subcommand: 'poll', user: manager }), 20_000);
      expect(polled.embeds[0].title).toMatch(/Polled 1 feed: [1-9]\d* alerts?/);
      await fake.waitFor((r) => r.route === route && r.status === 403 && fake.requests.indexOf(r) >= before, 15_000);
      const attemptsAfterRefusal = () => fake.requests.filter((r) => r.route === route).length - before;

      let status = await fake.answer(fake.command({ name: 'status', user: member }));
      const deadline = Date.now() + 15_000;
      while (!JSON.stringify(status.embeds).includes('Paused channels') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        status = await fake.answer(fake.command({ name: 'status', user: member }));
      }
      const paused = status.embeds[0].fields.find((f: { name: string }) => f.name.startsWith('Paused channels'));
      expect(paused.value).toContain(`<#${ALERTS_CHANNEL}>`);
      expect(paused.value).toContain('50001');
      // held, not hammered: one refused attempt for the channel, not one per alert
      expect(attemptsAfterRefusal()).toBe(1);
    } finally {
      fake.failChannel(ALERTS_CHANNEL, null);
    }

    const resumed = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'resume', options: { id: 1 }, user: manager }),
    );
    expect(resumed.embeds[0].title).toBe('Feed resumed');
    const after = await fake.answer(fake.command({ name: 'status', user: member }));
    expect(JSON.stringify(after.embeds)).not.toContain('Paused channels');
  });
});

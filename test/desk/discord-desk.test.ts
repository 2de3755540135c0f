/**
 * Desk controls on Discord, end to end: the real discord.js client against the loopback Discord fake (clicks arrive
 * as MESSAGE_COMPONENT interactions, answers go back as interaction callbacks), real services on a temp database
 * built from the seeds, the real feed reader and dispatcher. See scenario.ts for the feeds and channels.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase, type ClaimsApp } from '../../src/app/claims-app.ts';
import type { WatchRuntime } from '../../src/app/runtime.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { silentLogger } from '../../src/logger.ts';
import { type DiscordBot, startDiscord } from '../../src/platforms/discord/index.ts';
import {
  type FakeDiscord,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
  type Wire,
} from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, GUILD_ID, testGuild } from '../fakes/discord/guild.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { eventually, item, openService, S0, S1, SEEDS_DIR, serveFeeds, settle, subscribe, tempDb } from './scenario.ts';

const SECOND_CHANNEL = '200000000000000013';
const manager = { id: '300000000000000001', name: 'editor', permissions: MANAGER_PERMISSIONS };
const member = { id: '300000000000000002', name: 'reader', permissions: MEMBER_PERMISSIONS };
const ONE = `discord:${ALERTS_CHANNEL}`;
const TWO = `discord:${SECOND_CHANNEL}`;

describe('Discord desk controls: Right, Wrong → verdict, Mute this claim', () => {
  let dbPath: string;
  let app: ClaimsApp;
  let runtime: WatchRuntime;
  let feeds: FeedServer;
  let fake: FakeDiscord;
  let bot: DiscordBot;

  async function startService() {
    ({ app, runtime } = openService(dbPath));
    bot = await startDiscord({
      config: { token: fake.token, appId: fake.appId, guildId: GUILD_ID, apiBase: fake.apiBase },
      services: runtime.services,
      commands: await loadCommands(),
      logger: silentLogger(),
    });
    runtime.addSink(bot.sink);
    runtime.start();
  }

  async function stopService() {
    await runtime.stop();
    await bot.stop();
    app.close();
  }

  beforeAll(async () => {
    dbPath = tempDb('claimwatch-desk-discord-');
    feeds = await startFeedServer();
    serveFeeds(feeds);
    const guild = testGuild();
    guild.channels.push({ id: SECOND_CHANNEL, name: 'second-desk' });
    fake = await startFakeDiscord({ guilds: [guild] });
    await startService();
    await subscribe(runtime, feeds, ONE, TWO, `discord:${GUILD_ID}`);
  }, 60_000);

  afterAll(async () => {
    await stopService();
    await fake?.close();
    await feeds?.close();
    if (dbPath) rmSync(path.dirname(dbPath), { recursive: true, force: true });
  });

  const alertsIn = (channel: string) => fake.postedMessages(channel);
  const quoting = (messages: Wire[], sentence: string) =>
    messages.filter((m) => JSON.stringify(m.embeds).includes(sentence.slice(0, 60)));
  const deskField = (embeds: Wire[]) => embeds[0].fields.find((f: { name: string }) => f.name === 'Desk')?.value ?? '';

  it('GIVEN a contradiction alert WHEN a member picks Wrong → known THEN the mark is stored, the message says so, and the sentence no longer alerts elsewhere', async () => {
    feeds.addItems('/a.xml', item(feeds.origin, 'a-0', S0, 0), item(feeds.origin, 'a-1', S1, 1));
    await runtime.services.watch.poll();
    const [a0] = await eventually(
      () => quoting(alertsIn(ALERTS_CHANNEL), S0).length === 1 && quoting(alertsIn(ALERTS_CHANNEL), S0),
    );
    await eventually(() => quoting(alertsIn(ALERTS_CHANNEL), S1).length === 1);

    // the controls are there: a Wrong select (without the alert's own verdict), Right and Mute buttons
    const select = a0.components[0].components[0];
    expect(select.type).toBe(3);
    expect(select.options.map((o: { value: string }) => o.value)).toEqual(['known', 'new', 'offtopic']);
    expect(a0.components[1].components.map((b: { label: string }) => b.label)).toEqual(['Right', 'Mute this claim']);
    expect(deskField(a0.embeds)).toContain('Contradicts a known claim');

    const click = () => fake.component({ message: a0, customId: select.custom_id, values: ['known'], user: member });
    const first = await fake.componentAnswer(click());
    expect(first.update).not.toBeNull();
    expect(deskField(first.update.embeds)).toContain('Marked **wrong → known** by reader');
    expect(first.update.components).toHaveLength(2);

    // a double click records one mark and says so to the clicker alone
    const again = await fake.componentAnswer(click());
    expect(again.ephemeral?.embeds[0].description).toContain('Already recorded');
    const marks = runtime.services.desk.marks();
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({
      sentence: S0,
      botVerdict: 'contradicts',
      deskVerdict: 'known',
      user: `discord:${member.id}`,
    });

    // feed B repeats both sentences to channel TWO, which never heard of them: S1 is news there, S0 is not any more
    feeds.addItems('/b.xml', item(feeds.origin, 'b-0', S0, 2), item(feeds.origin, 'b-1', S1, 3));
    await runtime.services.watch.poll();
    await eventually(() => quoting(alertsIn(SECOND_CHANNEL), S1).length === 1);
    await settle(runtime);
    expect(quoting(alertsIn(SECOND_CHANNEL), S0)).toEqual([]);
  });

  it('GIVEN an alert WHEN a member clicks Mute THEN it is refused with a clear message and nothing is muted', async () => {
    const [a1] = quoting(alertsIn(ALERTS_CHANNEL), S1);
    const mute = a1.components[1].components[1];
    const answer = await fake.componentAnswer(fake.component({ message: a1, customId: mute.custom_id, user: member }));
    expect(answer.update).toBeNull();
    expect(answer.ephemeral?.embeds[0].description).toContain('Muting a claim needs the Manage Server permission');
    expect(runtime.services.desk.muted(ONE)).toEqual([]);
  });

  it('GIVEN an admin muted a claim in one channel WHEN it is restated THEN that channel hears nothing and the other does', async () => {
    const [a1] = quoting(alertsIn(ALERTS_CHANNEL), S1);
    const mute = a1.components[1].components[1];
    const answer = await fake.componentAnswer(fake.component({ message: a1, customId: mute.custom_id, user: manager }));
    expect(deskField(answer.update.embeds)).toContain('Claim **muted** in this channel by editor');
    expect(runtime.services.desk.muted(ONE).map((m) => m.claimText)).toEqual([S1]);
    expect(runtime.services.desk.muted(TWO)).toEqual([]);

    const oneBefore = quoting(alertsIn(ALERTS_CHANNEL), S1).length;
    const twoBefore = quoting(alertsIn(SECOND_CHANNEL), S1).length;
    feeds.addItems('/c.xml', item(feeds.origin, 'c-1', S1, 4));
    await runtime.services.watch.poll();
    await eventually(() => quoting(alertsIn(SECOND_CHANNEL), S1).length === twoBefore + 1);
    await settle(runtime);
    expect(quoting(alertsIn(ALERTS_CHANNEL), S1)).toHaveLength(oneBefore);
  });

  it('GIVEN a restart and a rebuild WHEN an old alert is clicked THEN its marks are still there and the click resolves', async () => {
    await stopService();
    buildDatabase({ dbPath, seedsDir: SEEDS_DIR });
    await startService();
    expect(runtime.services.desk.marks().map((m) => m.deskVerdict)).toEqual(['known']);

    const [a1] = quoting(alertsIn(ALERTS_CHANNEL), S1);
    const right = a1.components[1].components[0];
    const answer = await fake.componentAnswer(fake.component({ message: a1, customId: right.custom_id, user: member }));
    expect(deskField(answer.update.embeds)).toContain('Marked **right** by reader');
    expect(deskField(answer.update.embeds)).toContain('muted');
    expect(runtime.services.desk.marks()).toHaveLength(2);

    // a control whose alert the database has no record of says why nothing happened
    const lost = await fake.componentAnswer(
      fake.component({ message: a1, customId: 'cw1:r:0123456789abcdef0123', user: member }),
    );
    expect(lost.ephemeral?.embeds[0].description).toContain('I have no record of the alert');
  });
});

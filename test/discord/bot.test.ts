import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/commands/load-commands.ts';
import type { CommandModule } from '../../src/core/commands.ts';
import { silentLogger } from '../../src/logger.ts';
import { type DiscordBot, startDiscord } from '../../src/platforms/discord/index.ts';
import { RecordingServices } from '../commands/recording-services.ts';
import {
  type FakeDiscord,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
} from '../fakes/discord/fake-discord.ts';
import { ALERTS_CHANNEL, GUILD_ID, HIDDEN_CHANNEL, READONLY_CHANNEL, testGuild } from '../fakes/discord/guild.ts';

const member = { id: '300000000000000002', name: 'reader', permissions: MEMBER_PERMISSIONS };
const manager = { id: '300000000000000001', name: 'editor', permissions: MANAGER_PERMISSIONS };

let fake: FakeDiscord;
let bot: DiscordBot;
let services: RecordingServices;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [testGuild()] });
  services = new RecordingServices();
  const commands = await loadCommands();
  // a module whose handler is broken, to show that a throwing command still answers
  const broken: CommandModule = {
    name: 'broken',
    description: 'Always throws',
    permission: 'member',
    options: [],
    async handler() {
      throw new TypeError('cannot read properties of undefined');
    },
  };
  bot = await startDiscord({
    config: { token: fake.token, appId: fake.appId, guildId: GUILD_ID, apiBase: fake.apiBase },
    services,
    commands: [...commands, broken],
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('gateway', () => {
  it('GIVEN the bot starts WHEN it identifies THEN it asks for the Guilds intent only', () => {
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0].intents).toBe(1);
  });
});

describe('/watch add', () => {
  it('GIVEN a member without Manage Server WHEN running /watch add THEN refused ephemerally and nothing is added', async () => {
    const before = services.calls.length;
    const answer = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'add', options: { url: 'https://news.example/rss' }, user: member }),
    );
    expect(answer.deferred).toBe(false);
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain('needs the Manage Server permission');
    expect(services.calls.slice(before).some((c) => c.method === 'watch.add')).toBe(false);
  });

  it('GIVEN an Administrator without Manage Server explicitly WHEN running /watch add THEN allowed', async () => {
    const admin = { id: '300000000000000003', permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.Administrator };
    const answer = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'add', options: { url: 'https://admin.example/rss' }, user: admin }),
    );
    expect(answer.embeds[0].title).toBe('Watching feed');
  });

  it('GIVEN a manager WHEN running /watch add THEN the reply is deferred, then edited ephemerally with the feed', async () => {
    const answer = await fake.answer(
      fake.command({
        name: 'watch',
        subcommand: 'add',
        options: { url: 'https://news.example/rss', alerts: 'all' },
        user: manager,
      }),
    );
    expect(answer.deferred).toBe(true);
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].title).toBe('Watching feed');
    expect(answer.embeds[0].description).toContain(`<#${ALERTS_CHANNEL}>`);
    const add = services.calls.filter((c) => c.method === 'watch.add').at(-1);
    expect(add?.args[0]).toMatchObject({
      channel: `discord:${ALERTS_CHANNEL}`,
      scope: `discord:${GUILD_ID}`,
      level: 'all',
    });
  });

  it('GIVEN a channel where the bot lacks Send Messages WHEN adding there THEN refused naming the permission', async () => {
    const answer = await fake.answer(
      fake.command({
        name: 'watch',
        subcommand: 'add',
        options: { url: 'https://news.example/rss', channel: { channel: READONLY_CHANNEL } },
        user: manager,
      }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain(`<#${READONLY_CHANNEL}>`);
    expect(answer.embeds[0].description).toContain("I'm missing Send Messages there");
  });

  it('GIVEN a channel the bot cannot see WHEN adding there THEN View Channel is named', async () => {
    const answer = await fake.answer(
      fake.command({
        name: 'watch',
        subcommand: 'add',
        options: { url: 'https://news.example/rss', channel: { channel: HIDDEN_CHANNEL } },
        user: manager,
      }),
    );
    expect(answer.embeds[0].description).toContain("I'm missing View Channel there");
  });
});

describe('other commands through Discord', () => {
  it('GIVEN a feed WHEN a manager runs /watch list THEN it shows the feed, ephemerally', async () => {
    const answer = await fake.answer(fake.command({ name: 'watch', subcommand: 'list', user: manager }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain('https://news.example/rss');
  });

  it('GIVEN an unknown feed id WHEN a manager runs /watch pause THEN the error is ephemeral', async () => {
    const answer = await fake.answer(
      fake.command({ name: 'watch', subcommand: 'pause', options: { id: 999 }, user: manager }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toBe('No feed #999 here.');
  });

  it('GIVEN a member WHEN running /check text THEN only they see the verdict', async () => {
    const answer = await fake.answer(
      fake.command({ name: 'check', options: { text: 'The Kremlin said no troops.' }, user: member }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].title).toBe('Contradicts a known claim');
    expect(answer.embeds[0].color).toBe(0xe5484d);
  });

  it('GIVEN public:true WHEN running /check text THEN the verdict is posted for the channel', async () => {
    const answer = await fake.answer(
      fake.command({ name: 'check', options: { text: 'The Kremlin said no troops.', public: true }, user: member }),
    );
    expect(answer.ephemeral).toBe(false);
    expect(answer.embeds[0].title).toBe('Contradicts a known claim');
  });

  it('GIVEN public:true and a blocked URL WHEN running /check THEN the error still reaches only the caller', async () => {
    const answer = await fake.answer(
      fake.command({ name: 'check', options: { url: 'file:///etc/passwd', public: true }, user: member }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain('not allowed');
    expect(answer.requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('GIVEN a member WHEN running /claims search, /status and /help THEN each answers', async () => {
    const search = await fake.answer(
      fake.command({ name: 'claims', subcommand: 'search', options: { query: 'forces' }, user: member }),
    );
    expect(search.embeds[0].description).toContain('**#7**');
    const status = await fake.answer(fake.command({ name: 'status', user: member }));
    expect(status.embeds[0].title).toBe('claimwatch status');
    const help = await fake.answer(fake.command({ name: 'help', user: member }));
    expect(help.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('watch (server managers)');
  });

  it('GIVEN a handler that throws WHEN the command runs THEN the user still gets an ephemeral answer', async () => {
    const answer = await fake.answer(fake.command({ name: 'broken', user: member }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain('Something went wrong');
  });

  it('GIVEN a command the bot does not know WHEN it arrives THEN it answers with an error', async () => {
    const answer = await fake.answer(fake.command({ name: 'nonsense', user: member }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0].description).toContain('Unknown command');
  });

  it('GIVEN any answer WHEN sent THEN it can ping nobody', async () => {
    const answer = await fake.answer(fake.command({ name: 'status', user: member }));
    const callback = answer.requests.find((r) => r.route.endsWith('/callback'));
    expect(callback?.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a deferred command WHEN answered THEN the callback carries its query string and the edit targets @original', async () => {
    const answer = await fake.answer(fake.command({ name: 'watch', subcommand: 'poll', user: manager }));
    const [callback, edit] = answer.requests;
    expect(callback?.query).toEqual({ with_response: 'false' });
    expect(callback?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit?.method).toBe('PATCH');
    expect(edit?.route).toMatch(/\/webhooks\/\d+\/itoken-\d+\/messages\/@original$/);
    expect(answer.embeds[0].title).toMatch(/^Polled \d+ feeds?/);
  });
});

describe('gateway reconnects', () => {
  async function connectedAgain(before: number) {
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 15_000;
      const tick = () => {
        if (fake.resumes.length + fake.identifies.length > before) resolve();
        else if (Date.now() > deadline) reject(new Error('the bot did not reconnect'));
        else setTimeout(tick, 20);
      };
      tick();
    });
  }

  it('GIVEN Discord asks the bot to reconnect WHEN it does THEN it resumes the session and still answers commands', async () => {
    const before = fake.resumes.length + fake.identifies.length;
    fake.requestReconnect();
    await connectedAgain(before);
    expect(fake.resumes.at(-1)?.token).toBe(fake.token);
    const answer = await fake.answer(fake.command({ name: 'status', user: member }));
    expect(answer.embeds[0].title).toBe('claimwatch status');
  });

  it('GIVEN the connection drops WHEN the network comes back THEN the bot reconnects and answers', async () => {
    const before = fake.resumes.length + fake.identifies.length;
    fake.dropConnections();
    await connectedAgain(before);
    const answer = await fake.answer(fake.command({ name: 'help', user: member }));
    expect(answer.embeds[0].title).toBe('claimwatch');
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { commandsJSON } from '../../src/platforms/discord/command-json.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { GUILD_ID, testGuild } from '../fakes/discord/guild.ts';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const run = promisify(execFile);
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [testGuild()] });
});
afterAll(async () => {
  await fake?.close();
});

function env(extra: Record<string, string>) {
  // only what the command needs: no inherited DISCORD_* from the developer's shell
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_API_BASE: fake.apiBase, ...extra };
}

describe('command JSON', () => {
  it('GIVEN the commands WHEN rendered THEN admin ones need Manage Server, all are guild-only, options are typed', async () => {
    const json = commandsJSON(await loadCommands());
    const watch = json.find((c) => c.name === 'watch');
    const check = json.find((c) => c.name === 'check');
    expect(watch?.default_member_permissions).toBe('32');
    expect(check?.default_member_permissions).toBeNull();
    expect(
      json.every((c) => JSON.stringify(c.contexts) === '[0]' && JSON.stringify(c.integration_types) === '[0]'),
    ).toBe(true);
    const add = watch?.options?.find((o) => o.name === 'add') as unknown as {
      type: number;
      options: Array<Record<string, unknown>>;
    };
    expect(add.type).toBe(1);
    expect(add.options).toEqual([
      { name: 'url', description: 'Feed URL (RSS or Atom)', required: true, type: 3 },
      {
        name: 'channel',
        description: 'Where alerts go (default: this channel)',
        required: false,
        type: 7,
        channel_types: [0, 5],
      },
      {
        name: 'alerts',
        description: 'Which alerts to post (default: new)',
        required: false,
        type: 3,
        choices: [
          { name: 'contradicts', value: 'contradicts' },
          { name: 'new', value: 'new' },
          { name: 'all', value: 'all' },
        ],
      },
      { name: 'full_text', description: 'Fetch each article page for its full text', required: false, type: 5 },
    ]);
  });
});

describe('claimwatch deploy-commands', () => {
  it('GIVEN DISCORD_GUILD_ID WHEN deploying THEN the commands are PUT to that guild', async () => {
    const { stdout } = await run(process.execPath, [...GUARDED_NODE_ARGS, 'bin/claimwatch.js', 'deploy-commands'], {
      env: env({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: GUILD_ID }),
    });
    expect(stdout).toContain(`Registered 6 commands for guild ${GUILD_ID}`);
    const put = fake.requests.find(
      (r) => r.method === 'PUT' && r.route === `/applications/${fake.appId}/guilds/${GUILD_ID}/commands`,
    );
    expect(put?.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandsJSON(await loadCommands()))));
  });

  it('GIVEN no guild WHEN deploying THEN the commands are PUT globally', async () => {
    const { stdout } = await run(process.execPath, [...GUARDED_NODE_ARGS, 'bin/claimwatch.js', 'deploy-commands'], {
      env: env({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId }),
    });
    expect(stdout).toContain('Registered 6 commands for all servers');
    expect(fake.requests.some((r) => r.method === 'PUT' && r.route === `/applications/${fake.appId}/commands`)).toBe(
      true,
    );
  });

  it('GIVEN no DISCORD_APP_ID WHEN deploying THEN it stops naming the variable', async () => {
    const err = await run(process.execPath, [...GUARDED_NODE_ARGS, 'bin/claimwatch.js', 'deploy-commands'], {
      env: env({ DISCORD_TOKEN: fake.token }),
    }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain('DISCORD_APP_ID must be set');
  });

  it('GIVEN a wrong token WHEN deploying THEN it fails without registering anything', async () => {
    const before = fake.requests.filter((r) => r.status === 200 && r.method === 'PUT').length;
    const err = await run(process.execPath, [...GUARDED_NODE_ARGS, 'bin/claimwatch.js', 'deploy-commands'], {
      env: env({ DISCORD_TOKEN: 'wrong', DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: GUILD_ID }),
    }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain('Discord refused the commands: 401');
    expect(fake.requests.filter((r) => r.status === 200 && r.method === 'PUT').length).toBe(before);
  });
});

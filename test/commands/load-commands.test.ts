import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandLoadError, loadCommands } from '../../src/commands/load-commands.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'claimwatch-commands-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

const good = `export default { name: 'ping', description: 'Answers pong', permission: 'member', options: [], async handler() { return { ephemeral: true, text: 'pong' }; } };`;

describe('loadCommands', () => {
  it('GIVEN the project commands/ WHEN loaded THEN all six modules are valid', async () => {
    const names = (await loadCommands()).map((c) => c.name);
    expect(names).toEqual(['alerts', 'check', 'claims', 'help', 'status', 'watch']);
  });

  it('GIVEN a well-formed module WHEN loaded THEN it is returned', async () => {
    const commands = await loadCommands(await dirWith({ 'ping.mjs': good }));
    expect(commands.map((c) => c.name)).toEqual(['ping']);
  });

  const malformed: Array<[string, string, string]> = [
    ['an upper-case name', good.replace("'ping'", "'Ping'"), 'name "Ping" must be 1–32'],
    [
      'a 101-character description',
      good.replace("'Answers pong'", `'${'x'.repeat(101)}'`),
      'description must be 1–100',
    ],
    [
      'no handler and no subcommands',
      `export default { name: 'a', description: 'd', permission: 'member' };`,
      'either subcommands or a handler',
    ],
    [
      'an unknown option type',
      good.replace('options: []', "options: [{ name: 'n', description: 'd', type: 'float' }]"),
      'type must be one of',
    ],
    [
      'choices on a boolean',
      good.replace('options: []', "options: [{ name: 'n', description: 'd', type: 'boolean', choices: ['a'] }]"),
      'only string options may have choices',
    ],
    [
      'a required option after an optional one',
      good.replace(
        'options: []',
        "options: [{ name: 'a', description: 'd', type: 'string' }, { name: 'b', description: 'd', type: 'string', required: true }]",
      ),
      'required options must come before',
    ],
    ['a bad permission', good.replace("'member'", "'owner'"), 'permission must be'],
    [
      'a subcommand without handler',
      `export default { name: 'a', description: 'd', permission: 'admin', subcommands: [{ name: 's', description: 'd', options: [] }] };`,
      'subcommand "s": handler must be a function',
    ],
    ['no default export', 'export const x = 1;', 'default export must be a command module'],
  ];
  for (const [what, text, problem] of malformed) {
    it(`GIVEN a module with ${what} WHEN loaded THEN start-up stops naming the file and the problem`, async () => {
      const dir = await dirWith({ 'aaa.mjs': good.replace("'ping'", "'aaa'"), 'broken.mjs': text });
      const err = await loadCommands(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandLoadError);
      expect((err as CommandLoadError).file).toMatch(/broken\.mjs$/);
      expect((err as Error).message).toContain(problem);
    });
  }

  it('GIVEN two modules with the same name WHEN loaded THEN the second file is named', async () => {
    const err = await loadCommands(await dirWith({ 'a.mjs': good, 'b.mjs': good })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/b\.mjs[\s\S]*already defined in .*a\.mjs/);
  });

  it('GIVEN a module that fails to import WHEN loaded THEN its file is named', async () => {
    const err = await loadCommands(await dirWith({ 'bad.mjs': 'export default {' })).catch((e: unknown) => e);
    expect((err as CommandLoadError).file).toMatch(/bad\.mjs$/);
  });
});

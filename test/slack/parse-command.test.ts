import { describe, expect, it } from 'vitest';
import { checkArgs } from '../../src/commands/execute.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { parseSlashCommand } from '../../src/platforms/slack/parse-command.ts';
import { usageLine } from '../../src/platforms/slack/usage.ts';
import { echoModules } from './fixture-modules.ts';

const modules = echoModules();
const run = (text: string) => {
  const r = parseSlashCommand(text, modules);
  if (r.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(r)}`);
  return { name: [r.module.name, r.sub?.name].filter(Boolean).join(' '), args: r.args };
};
const fail = (text: string) => {
  const r = parseSlashCommand(text, modules);
  if (r.kind !== 'error') throw new Error(`expected error, got ${JSON.stringify(r)}`);
  return r;
};

describe('parseSlashCommand', () => {
  it('GIVEN watch add with an escaped link, a channel mention, a level and a flag THEN fills every option', () => {
    expect(
      run('watch add <https://news.example/feed.xml?a=1&amp;b=2> <#C0123ABCD|osint> alerts=ALL full-text'),
    ).toEqual({
      name: 'watch add',
      args: {
        url: 'https://news.example/feed.xml?a=1&b=2',
        channel: 'slack:C0123ABCD',
        alerts: 'all',
        full_text: true,
      },
    });
  });

  it('GIVEN watch add without a URL THEN answers with an error and the usage derived from the module', () => {
    const r = fail('watch add <#C0123ABCD|osint>');
    expect(r.message).toContain('Missing `url`');
    expect(r.usage).toContain('/claimwatch watch add <URL> [#channel] [alerts=contradicts|new|all] [full-text]');
    expect(r.usage).toContain('`full-text` (optional): Fetch full articles');
  });

  it('GIVEN a level that is not a choice THEN names the choices', () => {
    expect(fail('alerts loud').message).toContain('one of contradicts, new, all');
  });

  it('GIVEN an integer option with a non-number THEN refuses it; WITH #12 THEN reads 12', () => {
    expect(fail('watch remove twelve').message).toContain('whole number');
    expect(run('watch remove #12').args).toEqual({ id: 12 });
  });

  it('GIVEN an optional id and no required option THEN the id is positional', () => {
    expect(run('watch poll 7').args).toEqual({ id: 7 });
    expect(run('watch poll').args).toEqual({});
  });

  it('GIVEN a multi-word query THEN the last positional string takes the rest, exactly as typed', () => {
    expect(run('claims search north  korean "troops" limit=5').args).toEqual({
      query: 'north  korean "troops"',
      limit: 5,
    });
  });

  it('GIVEN check with a link THEN fills url; WITH words THEN fills text', () => {
    expect(run('check <https://news.example/a> public')).toEqual({
      name: 'check',
      args: { url: 'https://news.example/a', public: true },
    });
    expect(run('check Pyongyang sent 12,000 troops to Kursk')).toEqual({
      name: 'check',
      args: { text: 'Pyongyang sent 12,000 troops to Kursk' },
    });
  });

  it('GIVEN alerts with include/exclude THEN reads name=value, quoted values kept whole', () => {
    expect(run('alerts new <#C0123ABCD> include="kursk oblast",troops exclude=rumour').args).toEqual({
      level: 'new',
      channel: 'slack:C0123ABCD',
      include: 'kursk oblast,troops',
      exclude: 'rumour',
    });
  });

  it('GIVEN an unlinked #channel THEN explains how to mention it', () => {
    expect(fail('alerts new #osint').message).toContain("Pick the channel from Slack's list");
  });

  it('GIVEN an unknown command or subcommand THEN lists what exists', () => {
    const r = fail('frobnicate');
    expect(r.message).toContain('Unknown command `frobnicate`');
    expect(r.usage).toContain('/claimwatch watch add');
    const s = fail('watch explode');
    expect(s.message).toContain('Unknown subcommand `explode`');
    expect(s.usage).toContain('/claimwatch watch list');
  });

  it('GIVEN extra words after a numeric id THEN refuses them', () => {
    expect(fail('watch remove 3 4').message).toContain('Unexpected `4`');
  });

  it('GIVEN no text THEN answers with the overview', () => {
    const r = parseSlashCommand('   ', modules);
    expect(r.kind).toBe('overview');
  });

  it('derives usage lines for single-handler modules', () => {
    const alerts = modules.find((m) => m.name === 'alerts');
    expect(alerts && usageLine(alerts)).toBe(
      '/claimwatch alerts <contradicts|new|all> [#channel] [include=INCLUDE] [exclude=EXCLUDE]',
    );
  });
});

describe('parseSlashCommand with the real commands/ modules', async () => {
  const real = await loadCommands();
  const parse = (text: string) => {
    const r = parseSlashCommand(text, real);
    if (r.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(r)}`);
    return { name: [r.module.name, r.sub?.name].filter(Boolean).join(' '), args: r.args };
  };

  it.each([
    [
      'watch add <https://feeds.example/a.xml> <#C0123ABCD|osint> alerts=contradicts full-text',
      'watch add',
      { url: 'https://feeds.example/a.xml', channel: 'slack:C0123ABCD', alerts: 'contradicts', full_text: true },
    ],
    ['watch remove 3', 'watch remove', { id: 3 }],
    ['watch list', 'watch list', {}],
    ['watch pause 3', 'watch pause', { id: 3 }],
    ['watch resume 3', 'watch resume', { id: 3 }],
    ['watch poll', 'watch poll', {}],
    ['watch poll 3', 'watch poll', { id: 3 }],
    [
      'alerts new <#C0123ABCD|osint> include=kursk,troops exclude=rumour',
      'alerts level',
      { level: 'new', channel: 'slack:C0123ABCD', include: 'kursk,troops', exclude: 'rumour' },
    ],
    ['claims search north korean troops', 'claims search', { query: 'north korean troops' }],
    ['claims show 12', 'claims show', { id: 12 }],
    ['check North Korea sent 12,000 troops.', 'check', { text: 'North Korea sent 12,000 troops.' }],
    ['check <https://news.example/story> public', 'check', { url: 'https://news.example/story', public: true }],
    ['status', 'status', {}],
    ['help', 'help', {}],
  ])('GIVEN "%s" THEN runs %s with the right args', (text, name, args) => {
    expect(parse(text)).toEqual({ name, args });
  });

  it('GIVEN every parse the adapter produces THEN the shared argument check accepts it', () => {
    for (const text of [
      'watch add https://a.example/f.xml alerts=new',
      'alerts all',
      'check some words',
      'claims show 1',
    ]) {
      const r = parseSlashCommand(text, real);
      if (r.kind !== 'run') throw new Error(text);
      expect(() => checkArgs({ command: r.module, subcommand: r.sub }, r.args, 'slack')).not.toThrow();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { slashPayload } from '../fakes/slack/socket-mode-server.ts';
import { type Call, echoModules } from './fixture-modules.ts';
import { APP_TOKEN, type Harness, startHarness } from './harness.ts';

describe('Slack over Socket Mode (real bolt App against a loopback Slack)', () => {
  let h: Harness;
  let calls: Call[];

  beforeEach(async () => {
    calls = [];
    h = await startHarness({ mode: 'socket', commands: echoModules(calls), adminUserIds: ['U0LISTED'] });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
    h.api.channels.set('C0QUIET', { name: 'quiet', is_member: false });
    h.api.users.set('U0MEMBER', { is_admin: false });
    h.api.users.set('U0OWNER', { is_owner: true });
  });
  afterEach(async () => {
    await h.close();
  });

  const send = (text: string, who: { user?: string; channel?: string } = {}) =>
    (h.socket as NonNullable<Harness['socket']>).sendSlashCommand(slashPayload(h.api, text, who));

  it('GIVEN the app token THEN it opened the connection through SLACK_API_URL with that token', () => {
    expect(h.slack.mode).toBe('socket');
    expect(h.api.calls.map((c) => c.method)).toContain('apps.connections.open');
    expect(APP_TOKEN.startsWith('xapp-')).toBe(true);
  });

  it('GIVEN a member WHEN /claimwatch claims search THEN the ack carries the ephemeral answer', async () => {
    const ack = await send('claims search kursk troops');
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('claims search');
    expect(calls).toEqual([
      {
        command: 'claims search',
        args: { query: 'kursk troops' },
        ctx: {
          platform: 'slack',
          scope: 'slack:T0TEST',
          channel: 'slack:C0ALERTS',
          user: { id: 'U0MEMBER', isAdmin: false, name: 'someone' },
        },
      },
    ]);
  });

  it('GIVEN a member (not admin, not owner) WHEN watch add THEN refused ephemerally and the handler never runs', async () => {
    await send('watch add <https://feeds.example/a.xml>', { user: 'U0MEMBER' });
    const answer = await h.api.waitFor(() => h.api.responses[0]?.body);
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toContain('needs a workspace admin or owner, or a user listed in SLACK_ADMIN_USER_IDS');
    expect(calls).toEqual([]);
  });

  it('GIVEN a user in SLACK_ADMIN_USER_IDS WHEN watch add (slow) THEN acked at once and answered via response_url', async () => {
    const ack = await send('watch add <https://feeds.example/a.xml> alerts=all', { user: 'U0LISTED' });
    expect(ack.payload ?? {}).toEqual({});
    const answer = await h.api.waitFor(() => h.api.responses[0]?.body);
    expect(String(answer.text)).toContain('watch add');
    expect(calls[0]?.args).toEqual({ url: 'https://feeds.example/a.xml', alerts: 'all' });
    expect(calls[0]?.ctx.user).toEqual({ id: 'U0LISTED', isAdmin: true, name: 'someone' });
  });

  it('GIVEN a workspace owner (users.info) WHEN watch list THEN allowed', async () => {
    const ack = await send('watch list', { user: 'U0OWNER' });
    expect(String(ack.payload?.text)).toContain('watch list');
    expect(calls[0]?.ctx.user.isAdmin).toBe(true);
  });

  it('GIVEN an admin WHEN watch add into a channel the bot is not in THEN names the fix', async () => {
    await send('watch add <https://feeds.example/a.xml> <#C0QUIET|quiet>', { user: 'U0LISTED' });
    const answer = await h.api.waitFor(() => h.api.responses[0]?.body);
    expect(String(answer.text)).toContain('invite @claimwatch to #quiet');
    expect(calls).toEqual([]);
  });

  it('GIVEN a parse error THEN answers with the usage of that subcommand', async () => {
    const ack = await send('watch add', { user: 'U0LISTED' });
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(String(ack.payload?.text)).toContain('Missing `url`.');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('/claimwatch watch add &lt;URL&gt; [#channel]');
  });

  it('GIVEN check … public THEN the answer is in_channel; WITHOUT public THEN ephemeral', async () => {
    const loud = await send('check Pyongyang sent no troops public');
    expect(loud.payload?.response_type).toBe('in_channel');
    const quiet = await send('check Pyongyang sent no troops');
    expect(quiet.payload?.response_type).toBe('ephemeral');
    expect(calls.map((c) => c.args.text)).toEqual(['Pyongyang sent no troops', 'Pyongyang sent no troops']);
  });

  it('GIVEN a handler that throws a bug THEN the user still gets an answer', async () => {
    const ack = await send('status');
    expect(String(ack.payload?.text)).toContain('Something went wrong while running `/claimwatch status`');
  });

  it('GIVEN a handler that throws a UserError THEN the user sees its message', async () => {
    const ack = await send('watch remove 99', { user: 'U0LISTED' });
    expect(String(ack.payload?.text)).toContain('No feed #99 here.');
  });

  it('GIVEN no subcommand THEN lists every command', async () => {
    const ack = await send('');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('/claimwatch watch list');
  });
});

describe('a fast command that runs late', () => {
  it('GIVEN a handler still running at the ack deadline THEN acks empty, then answers through response_url', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await startHarness({
      mode: 'socket',
      ackWithinMs: 50,
      commands: [
        {
          name: 'status',
          description: 'Health',
          permission: 'member',
          options: [],
          handler: async () => {
            await gate;
            return { ephemeral: true, text: 'all good' };
          },
        },
      ],
    });
    try {
      h.api.users.set('U0MEMBER', {});
      const ack = await (h.socket as NonNullable<Harness['socket']>).sendSlashCommand(slashPayload(h.api, 'status'));
      expect(ack.payload ?? {}).toEqual({});
      expect(h.api.responses).toEqual([]);
      release();
      const answer = await h.api.waitFor(() => h.api.responses[0]?.body);
      expect(answer.text).toBe('all good');
    } finally {
      release();
      await h.close();
    }
  });
});

describe('the real commands/ modules over Socket Mode', () => {
  it('GIVEN help THEN lists every command in Slack syntax; GIVEN a malformed watch add THEN its Slack usage', async () => {
    const h = await startHarness({ mode: 'socket', commands: await loadCommands() });
    try {
      h.api.users.set('U0MEMBER', {});
      const socket = h.socket as NonNullable<Harness['socket']>;
      const help = await socket.sendSlashCommand(slashPayload(h.api, 'help'));
      const blocks = JSON.stringify(help.payload?.blocks);
      expect(help.payload?.response_type).toBe('ephemeral');
      expect(blocks).toContain('/claimwatch watch add &lt;URL&gt; [#channel] [alerts=contradicts|new|all] [full-text]');
      expect(blocks).toContain('/claimwatch check &lt;TEXT|URL&gt; [public]');
      expect(blocks).toContain('watch (workspace admins)');
      const bad = await socket.sendSlashCommand(slashPayload(h.api, 'watch add alerts=loud'));
      expect(String(bad.payload?.text)).toContain('`alerts` must be one of contradicts, new, all');
    } finally {
      await h.close();
    }
  });
});

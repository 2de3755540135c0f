import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createWorkspaceAccess } from '../../src/platforms/slack/workspace-access.ts';
import { type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';

const TOKEN = 'xoxb-access-test';

describe('workspace access (users.info / conversations.info against the loopback Web API)', () => {
  let api: SlackWebApiFake;
  let now = 0;
  const access = () =>
    createWorkspaceAccess({
      client: new webApi.WebClient(TOKEN, { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 }, timeout: 2000 }),
      adminUserIds: ['U0LISTED'],
      botName: 'claimwatch',
      logger: silentLogger(),
      cacheMs: 60_000,
      now: () => now,
    });

  beforeAll(async () => {
    api = await startSlackWebApi({ botToken: TOKEN });
    api.users.set('U0ADMIN', { is_admin: true });
    api.users.set('U0MEMBER', {});
    api.channels.set('C0IN', { name: 'alerts', is_member: true });
    api.channels.set('C0OUT', { name: 'quiet', is_member: false });
    api.channels.set('C0OLD', { name: 'old', is_member: true, is_archived: true });
  });
  afterAll(async () => {
    await api.close();
  });

  const infoCalls = () => api.calls.filter((c) => c.method === 'users.info').length;

  it('GIVEN a listed user THEN admin without asking Slack', async () => {
    const before = infoCalls();
    expect(await access().isAdmin('U0LISTED')).toBe(true);
    expect(infoCalls()).toBe(before);
  });

  it('GIVEN a workspace admin THEN admin, cached for a minute, asked again after', async () => {
    const a = access();
    const before = infoCalls();
    expect(await a.isAdmin('U0ADMIN')).toBe(true);
    expect(await a.isAdmin('U0ADMIN')).toBe(true);
    expect(infoCalls()).toBe(before + 1);
    now += 60_001;
    expect(await a.isAdmin('U0ADMIN')).toBe(true);
    expect(infoCalls()).toBe(before + 2);
  });

  it('GIVEN a member THEN not admin; GIVEN users.info fails THEN not admin (never let in on doubt)', async () => {
    const a = access();
    expect(await a.isAdmin('U0MEMBER')).toBe(false);
    api.failNext('users.info', { status: 500 });
    expect(await a.isAdmin('U0ADMIN2')).toBe(false);
  });

  it('GIVEN channels the bot is in, is not in, cannot see, or that are archived THEN names what to do', async () => {
    const a = access();
    expect(await a.missingChannelPermissions('slack:C0IN')).toEqual([]);
    expect(await a.missingChannelPermissions('slack:C0OUT')).toEqual([
      'channel membership (invite @claimwatch to #quiet: type `/invite @claimwatch` in it)',
    ]);
    expect((await a.missingChannelPermissions('slack:C0NONE'))[0]).toContain('I cannot see it: invite @claimwatch');
    expect(await a.missingChannelPermissions('slack:C0OLD')).toEqual(['an open channel (#old is archived)']);
    expect(await a.missingChannelPermissions('discord:1')).toEqual(['a Slack channel (discord:1 is not one)']);
  });
});

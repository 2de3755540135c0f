/**
 * The bot token must never reach a log line or a reply, even when a Web API call made while answering a command fails
 * at the network level and the error carries the request (with `Authorization: Bearer xoxb-…`).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { postSignedSlashCommand } from '../fakes/slack/signing.ts';
import { slashPayload } from '../fakes/slack/socket-mode-server.ts';
import { echoModules } from './fixture-modules.ts';
import { APP_TOKEN, BOT_TOKEN, type Harness, SIGNING_SECRET, startHarness } from './harness.ts';

describe('secrets stay out of logs and replies when Slack calls fail on the network', () => {
  let h: Harness;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    const logger = createLogger('debug', { secrets: [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET], destination: sink });
    h = await startHarness({ mode: 'http', commands: echoModules(), adminUserIds: ['U0LISTED'], logger });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
  });
  afterAll(async () => {
    await h.close();
  });

  const leaks = (text: string) =>
    [BOT_TOKEN, SIGNING_SECRET, 'xoxb-', 'Bearer x'].filter((needle) => text.includes(needle));

  it('GIVEN users.info resets the connection WHEN a member runs an admin command THEN refused, and no line holds the token', async () => {
    h.api.failNext('users.info', { drop: 'request' });
    const res = await postSignedSlashCommand({
      port: h.slack.port as number,
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'watch list', { user: 'U0MEMBER' }),
    });
    const reply = await res.text();
    expect(res.status).toBe(200);
    expect(reply).toContain('workspace admin');
    const failure = lines.find((l) => l.includes('users.info failed'));
    expect(failure, 'the network failure was logged').toBeDefined();
    expect(failure).toContain('socket hang up');
    expect(leaks(lines.join('\n'))).toEqual([]);
    expect(leaks(reply)).toEqual([]);
  });

  it('GIVEN conversations.info resets the connection WHEN an admin adds a watch THEN told to try again, and no line holds the token', async () => {
    h.api.failNext('conversations.info', { drop: 'request' });
    const res = await postSignedSlashCommand({
      port: h.slack.port as number,
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'watch add https://example.org/feed.xml <#C0ALERTS|alerts>', { user: 'U0LISTED' }),
    });
    expect(res.status).toBe(200);
    const answer = await h.api.waitFor(() => h.api.responses.at(-1)?.body);
    const reply = JSON.stringify(answer) + (await res.text());
    expect(reply).toContain('an answer from Slack about channel C0ALERTS');
    expect(lines.some((l) => l.includes('conversations.info failed'))).toBe(true);
    expect(leaks(lines.join('\n'))).toEqual([]);
    expect(leaks(reply)).toEqual([]);
  });
});

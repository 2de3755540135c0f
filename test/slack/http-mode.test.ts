import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedSlashCommand, slackSignature } from '../fakes/slack/signing.ts';
import { slashPayload } from '../fakes/slack/socket-mode-server.ts';
import { type Call, echoModules } from './fixture-modules.ts';
import { type Harness, SIGNING_SECRET, startHarness } from './harness.ts';

describe('Slack over HTTP (bolt HTTPReceiver with signature verification)', () => {
  let h: Harness;
  const calls: Call[] = [];

  beforeAll(async () => {
    h = await startHarness({ mode: 'http', commands: echoModules(calls), adminUserIds: ['U0LISTED'] });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
    h.api.users.set('U0MEMBER', { is_admin: false });
  });
  afterAll(async () => {
    await h.close();
  });

  const port = () => h.slack.port as number;

  it('GIVEN only a signing secret THEN runs in HTTP mode on the given port', () => {
    expect(h.slack.mode).toBe('http');
    expect(port()).toBeGreaterThan(0);
    expect(h.api.calls.map((c) => c.method)).not.toContain('apps.connections.open');
  });

  it('GIVEN a correctly signed slash command THEN answers it in the HTTP response', async () => {
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'claims search kursk'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('claims search');
    expect(calls.at(-1)?.args).toEqual({ query: 'kursk' });
  });

  it('GIVEN a signed slow command THEN acks empty and answers through response_url', async () => {
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'watch poll 4', { user: 'U0LISTED' }),
    });
    expect(res.status).toBe(200);
    const answer = await h.api.waitFor(() => h.api.responses.at(-1)?.body);
    expect(String(answer.text)).toContain('watch poll');
  });

  it('GIVEN a bad signature THEN 401 and the handler never runs', async () => {
    const before = calls.length;
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'claims search kursk'),
      signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), 'x'),
    });
    expect(res.status).toBe(401);
    expect(calls.length).toBe(before);
  });

  it('GIVEN a correctly signed request with a stale timestamp (10 minutes old) THEN 401', async () => {
    const before = calls.length;
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'claims search kursk'),
      timestampSec: Math.floor(Date.now() / 1000) - 600,
    });
    expect(res.status).toBe(401);
    expect(calls.length).toBe(before);
  });

  it('GIVEN a correctly signed request sent twice (a replay) THEN the first is answered, the copy gets 401 and runs nothing', async () => {
    const payload = slashPayload(h.api, 'claims search replayed');
    const timestampSec = Math.floor(Date.now() / 1000);
    const first = await postSignedSlashCommand({ port: port(), secret: SIGNING_SECRET, payload, timestampSec });
    expect(first.status).toBe(200);
    const after = calls.length;
    const copy = await postSignedSlashCommand({ port: port(), secret: SIGNING_SECRET, payload, timestampSec });
    expect(copy.status).toBe(401);
    expect(calls.length).toBe(after);
    expect(calls.filter((c) => c.args.query === 'replayed')).toHaveLength(1);
  });

  it('GIVEN two copies of a signed request at once THEN exactly one is answered', async () => {
    const payload = slashPayload(h.api, 'claims search twins');
    const timestampSec = Math.floor(Date.now() / 1000);
    const both = await Promise.all(
      [1, 2].map(() => postSignedSlashCommand({ port: port(), secret: SIGNING_SECRET, payload, timestampSec })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(calls.filter((c) => c.args.query === 'twins')).toHaveLength(1);
  });

  it('GIVEN a correctly signed request with a timestamp ten minutes in the future THEN 401', async () => {
    const before = calls.length;
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'claims search future'),
      timestampSec: Math.floor(Date.now() / 1000) + 600,
    });
    expect(res.status).toBe(401);
    expect(calls.length).toBe(before);
  });

  it('GIVEN a clock 30 seconds ahead (within the allowed skew) THEN answered', async () => {
    const res = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: slashPayload(h.api, 'claims search skewed'),
      timestampSec: Math.floor(Date.now() / 1000) + 30,
    });
    expect(res.status).toBe(200);
    expect(calls.at(-1)?.args).toEqual({ query: 'skewed' });
  });

  it('GIVEN a tampered copy carrying the genuine signature arrived first (401) THEN the genuine request is still answered', async () => {
    const payload = slashPayload(h.api, 'claims search genuine');
    const timestampSec = Math.floor(Date.now() / 1000);
    const signature = slackSignature(SIGNING_SECRET, timestampSec, new URLSearchParams(payload).toString());
    const tampered = await postSignedSlashCommand({
      port: port(),
      secret: SIGNING_SECRET,
      payload: { ...payload, text: 'claims search tampered' },
      timestampSec,
      signature,
    });
    expect(tampered.status).toBe(401);
    const genuine = await postSignedSlashCommand({ port: port(), secret: SIGNING_SECRET, payload, timestampSec });
    expect(genuine.status).toBe(200);
    expect(calls.at(-1)?.args).toEqual({ query: 'genuine' });
  });
});

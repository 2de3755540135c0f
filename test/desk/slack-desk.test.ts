/**
 * Desk controls on Slack, end to end: the real bolt App over Socket Mode against the loopback Slack fakes (clicks
 * arrive as `interactive` envelopes carrying block_actions; the bot redraws with chat.update and answers the clicker
 * through the response URL), real services on a temp database built from the seeds, the real feed reader and
 * dispatcher. See scenario.ts for the feeds and channels.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsApp } from '../../src/app/claims-app.ts';
import type { WatchRuntime } from '../../src/app/runtime.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { blockProblem, type PostedMessage } from '../fakes/slack/slack-web-api.ts';
import { blockActionsPayload, slashPayload } from '../fakes/slack/socket-mode-server.ts';
import { type Harness, startHarness } from '../slack/harness.ts';
import { CONTRADICTING } from '../watch/story-items.ts';
import { eventually, item, openService, S0, S1, serveFeeds, settle, subscribe, tempDb } from './scenario.ts';

describe('Slack desk controls: Right, Wrong → verdict, Mute this claim', () => {
  let dbPath: string;
  let app: ClaimsApp;
  let runtime: WatchRuntime;
  let feeds: FeedServer;
  let h: Harness;

  beforeAll(async () => {
    dbPath = tempDb('claimwatch-desk-slack-');
    feeds = await startFeedServer();
    serveFeeds(feeds);
    ({ app, runtime } = openService(dbPath));
    h = await startHarness({
      mode: 'socket',
      commands: await loadCommands(),
      services: runtime.services,
      adminUserIds: ['U0ADMIN'],
    });
    h.api.channels.set('C0ONE', { name: 'one', is_member: true });
    h.api.channels.set('C0TWO', { name: 'two', is_member: true });
    h.api.users.set('U0MEMBER', { is_admin: false });
    runtime.addSink(h.slack.sink);
    runtime.start();
    await subscribe(runtime, feeds, 'slack:C0ONE', 'slack:C0TWO', 'slack:T0TEST');
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await h?.close();
    await feeds?.close();
    app?.close();
    if (dbPath) rmSync(path.dirname(dbPath), { recursive: true, force: true });
  });

  const socket = () => h.socket as NonNullable<Harness['socket']>;
  const quoting = (channel: string, sentence: string) =>
    h.api.messages.filter((m) => m.channel === channel && JSON.stringify(m.blocks).includes(sentence.slice(0, 60)));
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
  const actions = (m: PostedMessage): any[] => m.blocks.find((b) => b.type === 'actions')?.elements ?? [];
  const deskText = (m: { blocks: PostedMessage['blocks'] }) =>
    JSON.stringify(m.blocks.filter((b) => b.type === 'section' && String(b.text?.text).startsWith('*Desk:*')));
  /** Clicks an element; resolves once the app acknowledged (within Slack's 3 s) and answered. */
  async function click(m: PostedMessage, actionId: string, user: string, selected?: string) {
    const updates = h.api.updates.length;
    const responses = h.api.responses.length;
    const ack = await socket().sendInteractive(
      blockActionsPayload(h.api, m, actionId, { user, name: user.toLowerCase() }, selected),
    );
    expect(ack.envelope_id).toBeTruthy();
    await eventually(() => h.api.updates.length > updates || h.api.responses.length > responses);
    await new Promise((r) => setTimeout(r, 150));
    return { update: h.api.updates[updates] ?? null, response: h.api.responses[responses]?.body ?? null };
  }

  it('GIVEN a contradiction alert WHEN a member picks Wrong → known THEN the mark is stored, the message says so, and the sentence no longer alerts elsewhere', async () => {
    feeds.addItems('/a.xml', item(feeds.origin, 'a-0', S0, 0), item(feeds.origin, 'a-1', S1, 1));
    await runtime.services.watch.poll();
    const a0 = await eventually(() => quoting('C0ONE', S0)[0]);
    await eventually(() => quoting('C0ONE', S1).length === 1);
    expect(blockProblem(a0.blocks)).toBeNull();
    const [right, wrong, mute] = actions(a0);
    expect(right.text.text).toBe('Right');
    expect(wrong.options.map((o: { value: string }) => o.value)).toEqual(['known', 'new', 'offtopic']);
    expect(mute.text.text).toBe('Mute this claim');

    const first = await click(a0, wrong.action_id, 'U0MEMBER', 'known');
    expect(first.update).not.toBeNull();
    expect(deskText(first.update as never)).toContain('Marked *wrong → known* by u0member');
    const again = await click(a0, wrong.action_id, 'U0MEMBER', 'known');
    expect(again.response?.response_type).toBe('ephemeral');
    expect(String(again.response?.text)).toContain('Already recorded');
    const marks = runtime.services.desk.marks();
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({
      sentence: S0,
      botVerdict: 'contradicts',
      deskVerdict: 'known',
      user: 'slack:U0MEMBER',
    });

    feeds.addItems('/b.xml', item(feeds.origin, 'b-0', S0, 2), item(feeds.origin, 'b-1', S1, 3));
    await runtime.services.watch.poll();
    await eventually(() => quoting('C0TWO', S1).length === 1);
    await settle(runtime);
    expect(quoting('C0TWO', S0)).toEqual([]);
  });

  it('GIVEN an alert WHEN a member clicks Mute THEN only they are told it needs an admin and nothing is muted', async () => {
    const [a1] = quoting('C0ONE', S1);
    const mute = actions(a1 as PostedMessage)[2];
    const answer = await click(a1 as PostedMessage, mute.action_id, 'U0MEMBER');
    expect(answer.update).toBeNull();
    expect(answer.response?.response_type).toBe('ephemeral');
    expect(answer.response?.replace_original).toBe(false);
    expect(String(answer.response?.text)).toContain('Muting a claim needs a workspace admin');
    expect(runtime.services.desk.muted('slack:C0ONE')).toEqual([]);
  });

  it('GIVEN an admin muted a claim in one channel WHEN it is restated THEN that channel hears nothing and the other does', async () => {
    const [a1] = quoting('C0ONE', S1);
    const mute = actions(a1 as PostedMessage)[2];
    const answer = await click(a1 as PostedMessage, mute.action_id, 'U0ADMIN');
    expect(deskText(answer.update as never)).toContain('Claim *muted* in this channel by u0admin');
    const oneBefore = quoting('C0ONE', S1).length;
    const twoBefore = quoting('C0TWO', S1).length;
    feeds.addItems('/c.xml', item(feeds.origin, 'c-1', S1, 4));
    await runtime.services.watch.poll();
    await eventually(() => quoting('C0TWO', S1).length === twoBefore + 1);
    await settle(runtime);
    expect(quoting('C0ONE', S1)).toHaveLength(oneBefore);
  });

  /** Sends a command; resolves with what the user sees. */
  async function run(text: string, user: string) {
    const before = h.api.responses.length;
    const ack = await socket().sendSlashCommand(slashPayload(h.api, text, { user, channel: 'C0ONE' }));
    if (ack.payload && Object.keys(ack.payload).length > 0) return ack.payload;
    return h.api.waitFor(() => h.api.responses[before]?.body, 15_000);
  }

  it('GIVEN an admin marks a claim false WHEN an alert cites it THEN the alert and /claims show say so; members may not mark; muted claims list and unmute', async () => {
    const sentence = CONTRADICTING[3] as string;
    const judged = (await runtime.services.check.text(sentence)).claims[0];
    const cited = judged?.matches.find((m) => m.relation === 'contradicts')?.claimId;
    expect(judged?.verdict).toBe('contradicts');

    const refused = await run(`claims mark ${cited} false`, 'U0MEMBER');
    expect(String(refused.text)).toContain('needs a workspace admin');
    const marked = await run(
      `claims mark ${cited} false note="KN-23 deliveries confirmed by debris analysis"`,
      'U0ADMIN',
    );
    expect(String(marked.text)).toContain(`Claim #${cited} marked false`);
    const shown = await run(`claims show ${cited}`, 'U0MEMBER');
    expect(JSON.stringify(shown.blocks)).toContain('Marked *false* by');
    expect(JSON.stringify(shown.blocks)).toContain('KN-23 deliveries confirmed by debris analysis');

    feeds.addItems('/a.xml', item(feeds.origin, 'a-3', sentence, 5));
    await runtime.services.watch.poll();
    const alert = await eventually(() => quoting('C0ONE', sentence)[0]);
    expect(JSON.stringify(alert.blocks)).toContain('*Desk:* Contradicts a claim the desk marked false');

    const muted = await run('claims muted', 'U0MEMBER');
    expect(JSON.stringify(muted.blocks)).toContain(S1.slice(0, 40));
    const id = runtime.services.desk.muted('slack:C0ONE')[0]?.id;
    const notYou = await run(`claims unmute ${id}`, 'U0MEMBER');
    expect(String(notYou.text)).toContain('needs a workspace admin');
    const unmuted = await run(`claims unmute ${id}`, 'U0ADMIN');
    expect(String(unmuted.text)).toContain('Claim unmuted');
    expect(runtime.services.desk.muted('slack:C0ONE')).toEqual([]);
  });
});

/**
 * The whole Slack path with nothing stood in for but Slack and the feeds: real services on a temp database built
 * from the seeds, the real commands/ modules, the real bolt App over Socket Mode against the loopback Slack fake,
 * the real feed reader against the loopback feed server, the real dispatcher delivering through the Slack sink.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaimsApp, openClaimsApp } from '../../src/app/claims-app.ts';
import { createWatchRuntime, type WatchRuntime } from '../../src/app/runtime.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { silentLogger } from '../../src/logger.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { blockProblem } from '../fakes/slack/slack-web-api.ts';
import { slashPayload } from '../fakes/slack/socket-mode-server.ts';
import { backCatalogue, twentyItems } from '../watch/story-items.ts';
import { type Harness, startHarness } from './harness.ts';

const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;

describe('Slack end to end: /claimwatch watch add → new items → watch poll → alerts in the channel', () => {
  let dir: string;
  let app: ClaimsApp;
  let runtime: WatchRuntime;
  let feeds: FeedServer;
  let h: Harness;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-slack-'));
    // the platform is under test, not the judgement: the deterministic rules decide which items alert
    app = openClaimsApp({
      dbPath: path.join(dir, 'claimwatch.db'),
      seedsDir: SEEDS_DIR,
      logger: silentLogger(),
      engine: 'rules',
    });
    feeds = await startFeedServer();
    feeds.setFeed('/kursk.xml', { title: 'Kursk wire', items: backCatalogue(feeds.origin) });
    runtime = createWatchRuntime(app, {
      config: {
        pollIntervalMs: 600_000,
        maxFailures: 8,
        maxAlertsPerPoll: 50,
        allowHosts: ['127.0.0.1'],
        maxBodyBytes: 5 * 1024 * 1024,
      },
      logger: silentLogger(),
    });
    h = await startHarness({
      mode: 'socket',
      commands: await loadCommands(),
      services: runtime.services,
      adminUserIds: ['U0ADMIN'],
    });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
    h.api.users.set('U0MEMBER', { is_admin: false });
    runtime.addSink(h.slack.sink);
    runtime.start();
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await h?.close();
    await feeds?.close();
    app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const socket = () => h.socket as NonNullable<Harness['socket']>;
  /** Sends a command; resolves with what the user sees: the ack's answer, or the response_url post that followed. */
  async function run(text: string, user: string) {
    const before = h.api.responses.length;
    const ack = await socket().sendSlashCommand(slashPayload(h.api, text, { user }));
    if (ack.payload && Object.keys(ack.payload).length > 0) return ack.payload;
    return h.api.waitFor(() => h.api.responses[before]?.body, 15_000);
  }

  it('refuses a member, lets an admin add, list, poll; alerts arrive with contradictions; check answers', async () => {
    const feedUrl = feeds.url('/kursk.xml');

    const refused = await run(`watch add <${feedUrl}>`, 'U0MEMBER');
    expect(refused.response_type).toBe('ephemeral');
    expect(String(refused.text)).toContain('needs a workspace admin or owner');
    expect(runtime.services.watch.list()).toEqual([]);

    const added = await run(`watch add <${feedUrl}> alerts=all`, 'U0ADMIN');
    expect(String(added.text)).toContain('Watching feed');
    expect(JSON.stringify(added.blocks)).toContain('<#C0ALERTS>');

    const listed = await run('watch list', 'U0ADMIN');
    expect(JSON.stringify(listed.blocks)).toContain(feedUrl);

    feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin));
    const polled = await run('watch poll', 'U0ADMIN');
    const expected = Number(/Polled 1 feed: (\d+) alerts?/.exec(String(polled.text))?.[1]);
    expect(expected).toBeGreaterThan(0);

    const alerts = await h.api.waitFor(() => {
      const inChannel = h.api.messages.filter((m) => m.channel === 'C0ALERTS');
      return inChannel.length >= expected && inChannel;
    }, 15_000);
    for (const m of alerts) expect(blockProblem(m.blocks)).toBeNull();
    const contradictions = alerts.filter((m) => m.blocks[0]?.text?.text?.includes('Contradicts a known claim'));
    expect(contradictions.length).toBeGreaterThan(0);
    expect(JSON.stringify(contradictions[0]?.blocks)).toMatch(/Contradicts #\d+:\*/);

    const checked = await run('check North Korea has sent no troops to Russia, the Kremlin said.', 'U0MEMBER');
    expect(checked.response_type).toBe('ephemeral');
    expect(String(checked.text)).toMatch(/Contradicts a known claim|New claim|Already known|Off topic/);
  });

  it('GIVEN the bot was removed from the channel WHEN new items alert THEN its subscriptions pause and status says why', async () => {
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: false });
    feeds.addItems('/kursk.xml', ...twentyItems(feeds.origin, 'late'));
    await run('watch poll', 'U0ADMIN');
    const paused = await waitForValue(() =>
      runtime.services.status().pausedChannels.find((p) => p.channel === 'slack:C0ALERTS'),
    );
    expect(paused.reason).toBe('not_in_channel');
    const shown = await run('status', 'U0MEMBER');
    expect(JSON.stringify(shown.blocks)).toContain('not_in_channel');
    expect(JSON.stringify(shown.blocks)).toContain('<#C0ALERTS>');
  });
});

/** Polls `get` until it returns a value (the dispatcher runs on its own loop). */
async function waitForValue<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

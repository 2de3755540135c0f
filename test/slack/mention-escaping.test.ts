/**
 * Feed text must not ping anyone or link anything in Slack: user, group, broadcast and channel mentions written in a
 * feed (or a checked page) arrive as visible text, while the bot's own channel mentions still link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFeed, safeText } from '../../src/commands/format.ts';
import type { ClaimReport } from '../../src/core/claims/types.ts';
import type { FeedView } from '../../src/core/services.ts';
import { renderAlert } from '../../src/platforms/slack/render-alert.ts';
import { renderReply } from '../../src/platforms/slack/render-reply.ts';
import { alertWith } from './alert-fixtures.ts';
import { echoModules } from './fixture-modules.ts';
import { type Harness, startHarness } from './harness.ts';

const HOSTILE = '<@U0VICTIM> <@W0ENTERPRISE> <#C0SECRET> <!subteam^S0TEAM> <!channel> <!here|here> <@U0X|boss>';

/** Every control sequence Slack would turn into a ping or a link. */
const LIVE = /<[@#!][^>]*>/g;

const hostileClaim: ClaimReport = {
  sentence: `Troops moved, ${HOSTILE}`,
  verdict: 'contradicts',
  reason: `reason ${HOSTILE}`,
  matches: [
    {
      claimId: 7,
      text: `known ${HOSTILE}`,
      relation: 'contradicts',
      evidence: [{ source: `seed ${HOSTILE}`, quote: 'q', published: `<@U0DATE>` }],
    },
  ],
};

const hostileAlert = alertWith([hostileClaim], {
  feed: { id: 1, title: `Feed ${HOSTILE}`, url: 'http://127.0.0.1:9/feed.xml' },
  item: { title: `Title ${HOSTILE}`, link: 'http://127.0.0.1:9/items/1', published: '<@U0PUBLISHED>' },
});

describe('feed text in Slack output cannot ping or link', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', commands: echoModules() });
    h.api.channels.set('C0ALERTS', { name: 'alerts', is_member: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GIVEN an alert whose title, sentences, reason, known claim, source, feed name and date hold mentions WHEN posted THEN none is live, all are shown', async () => {
    const result = await h.slack.sink.deliver({
      kind: 'alert',
      key: 'm1',
      channel: 'slack:C0ALERTS',
      alert: hostileAlert,
    });
    expect(result).toEqual({ ok: true });
    const posted = h.api.messages.at(-1);
    const everything = JSON.stringify([posted?.text, posted?.blocks]);
    expect(everything.match(LIVE)).toBeNull();
    // what the reader sees (a zero-width space may sit after the `<`)
    const visible = everything.replaceAll('\u200b', '');
    expect(visible).toContain('&lt;@U0VICTIM&gt;');
    expect(visible).toContain('&lt;!subteam^S0TEAM&gt;');
  });

  it('GIVEN a notice holding mentions WHEN posted THEN none is live', async () => {
    await h.slack.sink.deliver({ kind: 'notice', key: 'm2', channel: 'slack:C0ALERTS', text: `Feed gone: ${HOSTILE}` });
    const posted = h.api.messages.at(-1);
    expect(JSON.stringify([posted?.text, posted?.blocks]).match(LIVE)).toBeNull();
  });

  it("GIVEN a watch list whose feed title and last error hold mentions THEN only the bot's own channel mention links", () => {
    const feed: FeedView = {
      id: 3,
      url: 'https://feeds.example/rss',
      title: `Feed ${HOSTILE}`,
      state: 'active',
      fullText: false,
      lastPollAt: '2024-10-21T08:00:00Z',
      lastResult: `HTTP 500 ${HOSTILE}`,
      nextPollAt: null,
      failures: 1,
      subscriptions: [
        {
          id: 1,
          feedId: 3,
          channel: 'slack:C0ALERTS',
          level: 'new',
          include: [HOSTILE],
          exclude: [],
          paused: false,
          pausedReason: null,
        },
      ],
    };
    const reply = renderReply({
      ephemeral: false,
      title: `Feeds matching ${safeText(HOSTILE)}`,
      text: formatFeed(feed),
    });
    const live = JSON.stringify(reply).match(LIVE) ?? [];
    expect(new Set(live)).toEqual(new Set(['<#C0ALERTS>']));
    expect(JSON.stringify(reply.blocks)).toContain('&lt;');
  });

  it('GIVEN a rendered alert THEN no mention is live in its blocks or fallback text', () => {
    expect(JSON.stringify(renderAlert(hostileAlert)).match(LIVE)).toBeNull();
  });
});

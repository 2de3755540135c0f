/**
 * An Alert → a Block Kit message: a header with the verdict, the item linked, each claim sentence, for a
 * contradiction the known claim it contradicts with its source and the reason, then a context line with the feed and
 * date. Within Slack's limits, with a plain `text` fallback for notifications.
 */
import type { Alert } from '../../core/alerts.ts';
import type { ClaimReport, Verdict } from '../../core/claims/types.ts';
import { type Block, context, fitBlocks, header, LIMITS, type SlackMessage, section } from './blocks.ts';
import { escapeMrkdwn, slackLink, toMrkdwn, truncate } from './mrkdwn.ts';
import { TONE_EMOJI } from './render-reply.ts';

const HEADLINE: Readonly<Record<Verdict, string>> = {
  contradicts: 'Contradicts a known claim',
  new: 'New claim',
  known: 'Already known',
  offtopic: 'Off topic',
};

const WORD: Readonly<Record<Verdict, string>> = {
  contradicts: 'Contradicts',
  new: 'New',
  known: 'Known',
  offtopic: 'Off topic',
};

/** At most this many known claims named under one sentence. */
const MATCHES_PER_CLAIM = 2;
/** A sentence or quote longer than this is cut in the alert (the link leads to the whole text). */
const QUOTE_MAX = 600;

export function renderAlert(alert: Alert): SlackMessage {
  const head: Block[] = [header(`${TONE_EMOJI[alert.verdict]} ${HEADLINE[alert.verdict]}`)];
  const title = alert.item.title?.trim() || '(untitled item)';
  head.push(section(alert.item.link ? `*${slackLink(alert.item.link, title)}*` : `*${escapeMrkdwn(title)}*`));

  const body = alert.claims.flatMap(claimBlocks);
  const feedName = alert.feed.title?.trim() || alert.feed.url;
  const tail = [
    context(
      `Source: ${slackLink(alert.feed.url, feedName)}`,
      alert.item.published ? `Published ${escapeMrkdwn(alert.item.published)}` : '',
      alert.item.link ? slackLink(alert.item.link, 'Read the article') : '',
    ),
  ];
  const blocks = fitBlocks(head, body, tail, (n) => `… ${n} more blocks not shown; read the article for the rest.`);
  return { text: fallbackText(alert, title), blocks };
}

function claimBlocks(claim: ClaimReport): Block[] {
  const blocks: Block[] = [section(`*${WORD[claim.verdict]}:* ${quote(claim.sentence)}`)];
  const relation = claim.verdict === 'contradicts' ? 'contradicts' : 'supports';
  const matches = claim.verdict === 'new' || claim.verdict === 'offtopic' ? [] : claim.matches;
  const shown = matches.filter((m) => m.relation === relation).slice(0, MATCHES_PER_CLAIM);
  for (const match of shown) {
    const lines = [
      `*${relation === 'contradicts' ? 'Contradicts' : 'Matches'} known claim #${match.claimId}:* ${quote(match.text)}`,
    ];
    const sources = match.evidence.slice(0, 3).map((e) => sourceLabel(e.source, e.published));
    if (sources.length > 0) lines.push(`*Source:* ${sources.join('; ')}`);
    if (claim.reason) lines.push(`*Why:* ${escapeMrkdwn(truncate(claim.reason, QUOTE_MAX))}`);
    blocks.push(section(lines.join('\n')));
  }
  return blocks;
}

function quote(text: string): string {
  return `“${escapeMrkdwn(truncate(text.trim(), QUOTE_MAX))}”`;
}

function sourceLabel(source: string, published: string | null): string {
  const date = published ? ` (${escapeMrkdwn(published)})` : '';
  if (/^https?:\/\//i.test(source)) {
    let label = source;
    try {
      label = new URL(source).hostname;
    } catch {
      // not a URL after all: show it as it is
    }
    return `${slackLink(source, label)}${date}`;
  }
  return `${escapeMrkdwn(source)}${date}`;
}

function fallbackText(alert: Alert, title: string): string {
  const first = alert.claims.find((c) => c.verdict === alert.verdict) ?? alert.claims[0];
  const said = first ? `“${truncate(first.sentence.trim(), 300)}”` : title;
  return truncate(escapeMrkdwn(`${HEADLINE[alert.verdict]}: ${said} (${title})`), LIMITS.fallbackText);
}

/** A notice (a paused channel, a disabled feed) as a message. */
export function renderNotice(text: string): SlackMessage {
  const body = toMrkdwn(text);
  return { text: truncate(body, LIMITS.fallbackText), blocks: [section(`:information_source: ${body}`)] };
}

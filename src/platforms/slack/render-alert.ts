/**
 * An Alert → a Block Kit message. What the alert says (headline, claim sentences, the contradicted known claim with
 * its source and date, the reason, the feed) comes from the shared alert view in src/commands/alert-view.ts; this
 * file only lays it out as blocks within Slack's limits, with a `text` fallback for notifications.
 */
import { alertHeadline, alertSummary, alertView, sectionText } from '../../commands/alert-view.ts';
import { link } from '../../commands/format.ts';
import type { Alert } from '../../core/alerts.ts';
import { type Block, context, fitBlocks, header, LIMITS, type SlackMessage, section } from './blocks.ts';
import { toMrkdwn, truncate } from './mrkdwn.ts';
import { TONE_EMOJI } from './render-reply.ts';

export function renderAlert(alert: Alert): SlackMessage {
  const view = alertView(alert);
  const head: Block[] = [
    header(`${TONE_EMOJI[view.verdict]} ${view.label}`),
    section(`*${toMrkdwn(alertHeadline(view))}*`),
  ];
  const body = view.sections.map((s) => section(toMrkdwn(`**${s.label}**\n${sectionText(s)}`)));
  const tail = [
    context(
      `Source: ${toMrkdwn(link(view.feedName, view.feedUrl))}`,
      view.published ? `Published ${toMrkdwn(view.published)}` : '',
      view.link ? toMrkdwn(link('Read the article', view.link)) : '',
      view.cut ? toMrkdwn(view.cut) : '',
    ),
  ];
  const blocks = fitBlocks(
    head,
    body,
    tail,
    (n) => `… ${n} more ${n === 1 ? 'claim' : 'claims'} not shown; read the article for the rest.`,
  );
  return { text: truncate(toMrkdwn(alertSummary(view)), LIMITS.fallbackText), blocks };
}

/** A notice (a paused channel, a disabled feed) as a message. */
export function renderNotice(text: string): SlackMessage {
  const body = toMrkdwn(text);
  return { text: truncate(body, LIMITS.fallbackText), blocks: [section(`:information_source: ${body}`)] };
}

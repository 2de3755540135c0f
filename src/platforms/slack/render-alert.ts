/**
 * An Alert → a Block Kit message. What the alert says (headline, claim sentences, the contradicted known claim with
 * its source and date, the reason, the feed) comes from the shared alert view in src/commands/alert-view.ts; this
 * file only lays it out as blocks within Slack's limits, with a `text` fallback for notifications.
 */
import { type AlertControls, alertControls } from '../../commands/alert-controls.ts';
import { alertHeadline, alertSummary, alertView, sectionText } from '../../commands/alert-view.ts';
import { link } from '../../commands/format.ts';
import type { Alert } from '../../core/alerts.ts';
import { type Block, context, fitBlocks, header, LIMITS, type SlackMessage, section } from './blocks.ts';
import { toMrkdwn, truncate } from './mrkdwn.ts';
import { TONE_EMOJI } from './render-reply.ts';

/** Slack's limit on a button's or an option's text. */
const LABEL_MAX = 75;

/** The desk controls as Block Kit: what they act on (and who marked it), then Right, the Wrong select, Mute. */
function deskBlocks(c: AlertControls, marks: string | null): Block[] {
  const label = (text: string) => ({
    type: 'plain_text' as const,
    text: truncate(text, LABEL_MAX),
    emoji: true as const,
  });
  return [
    section(toMrkdwn([c.prompt, marks].filter(Boolean).join('\n'))),
    {
      type: 'actions',
      block_id: 'cw1:desk',
      elements: [
        { type: 'button', action_id: c.right.id, text: label(c.right.label), value: 'right', style: 'primary' },
        {
          type: 'static_select',
          action_id: c.wrong.id,
          placeholder: label(c.wrong.placeholder),
          options: c.wrong.options.map((o) => ({ text: label(o.label), value: o.value })),
        },
        { type: 'button', action_id: c.mute.id, text: label(c.mute.label), value: 'mute' },
      ],
    },
  ];
}

export function renderAlert(alert: Alert, marks?: string): SlackMessage {
  const view = alertView(alert, marks);
  const controls = alertControls(alert);
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
    ...(controls ? deskBlocks(controls, view.marks) : []),
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

/**
 * A command module's neutral Reply → a Slack slash-command answer (blocks, fallback text, ephemeral or in channel).
 */
import type { Reply } from '../../core/commands.ts';
import { type Block, fitBlocks, header, LIMITS, type SlackMessage, section, sections } from './blocks.ts';
import { toMrkdwn as toMrkdwnWithMentions, toPlainText, truncate } from './mrkdwn.ts';

/** Replies may link the channels the bot names with channelMention (`Alerts go to #alerts`). */
const toMrkdwn = (neutral: string) => toMrkdwnWithMentions(neutral, { channelMentions: true });

export interface SlackReply extends SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
}

export const TONE_EMOJI: Readonly<Record<NonNullable<Reply['tone']>, string>> = {
  ok: ':white_check_mark:',
  error: ':warning:',
  contradicts: ':red_circle:',
  new: ':large_blue_circle:',
  known: ':white_circle:',
  offtopic: ':black_circle:',
};

export function renderReply(reply: Reply): SlackReply {
  const emoji = reply.tone ? `${TONE_EMOJI[reply.tone]} ` : '';
  const head: Block[] = reply.title ? [header(`${emoji}${toPlainText(reply.title)}`)] : [];
  const lead = reply.title || reply.tone !== 'error' ? '' : emoji;
  const body: Block[] = sections(`${lead}${toMrkdwn(reply.text)}`);
  for (const field of reply.fields ?? []) {
    body.push(section(`*${toMrkdwn(field.name)}*\n${toMrkdwn(field.value)}`));
  }
  const blocks = fitBlocks(head, body, [], (n) => `… ${n} more ${n === 1 ? 'part' : 'parts'} not shown`);
  const fallback = [reply.title, reply.text].filter(Boolean).map((t) => toMrkdwn(t as string));
  return {
    response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
    text: truncate(`${emoji}${fallback.join(': ')}`, LIMITS.fallbackText),
    blocks,
  };
}

/** A short ephemeral answer from the adapter itself (refusals, parse errors). */
export function ephemeral(text: string, tone: Reply['tone'] = 'error'): SlackReply {
  return renderReply({ ephemeral: true, text, tone });
}

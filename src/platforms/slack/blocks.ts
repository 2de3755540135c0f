/**
 * The few Block Kit blocks claimwatch sends, built within Slack's limits (a message may hold 50 blocks; a section's
 * text 3,000 characters; a header 150; a context 10 elements). Whatever is cut says so.
 */
import { truncate } from './mrkdwn.ts';

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  fallbackText: 3000,
} as const;

export type Block =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'divider' }
  | { type: 'actions'; block_id: string; elements: ActionElement[] };

type PlainText = { type: 'plain_text'; text: string; emoji?: true };

/** Interactive elements of an actions block (buttons and a static select). */
export type ActionElement =
  | { type: 'button'; action_id: string; text: PlainText; value: string; style?: 'primary' | 'danger' }
  | {
      type: 'static_select';
      action_id: string;
      placeholder: PlainText;
      options: Array<{ text: PlainText; value: string }>;
    };

/** What chat.postMessage, ack() and respond() take. `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const CUT_MARK = '… _(truncated)_';

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText, CUT_MARK) } };
}

export function context(...elements: string[]): Block {
  return {
    type: 'context',
    elements: elements
      .filter((e) => e.trim() !== '')
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionText, CUT_MARK) })),
  };
}

/** Long mrkdwn → sections of at most 3,000 characters, split between lines where it can be. */
export function sections(mrkdwn: string): Block[] {
  const out: Block[] = [];
  let chunk = '';
  for (const line of mrkdwn.split('\n')) {
    const candidate = chunk === '' ? line : `${chunk}\n${line}`;
    if (candidate.length <= LIMITS.sectionText) {
      chunk = candidate;
      continue;
    }
    if (chunk.trim() !== '') out.push(section(chunk));
    chunk = line;
  }
  if (chunk.trim() !== '') out.push(section(chunk));
  return out;
}

/**
 * Keeps `head` and `tail` whole and as many `body` blocks as fit in 50, adding a notice naming how many were left
 * out (`omitted(n)` writes it).
 */
export function fitBlocks(head: Block[], body: Block[], tail: Block[], omitted: (n: number) => string): Block[] {
  const room = LIMITS.blocks - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, Math.max(0, room - 1));
  return [...head, ...kept, context(omitted(body.length - kept.length)), ...tail];
}

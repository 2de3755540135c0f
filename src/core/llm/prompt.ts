/** What the judge is shown: the sentence, its article's title and date, and the engine's top candidate claims. */
import type { KnownClaim } from '../claims/types.ts';
import type { LlmMessage } from './ports.ts';

export interface PromptInput {
  sentence: string;
  title: string | undefined;
  published: string | undefined;
  candidates: readonly KnownClaim[];
}

const SYSTEM = [
  'You check sentences from news reporting against a database of known claims about one story.',
  'Answer with one JSON object: {"verdict", "claim", "reason"}.',
  'verdict is one of:',
  '- "known": the sentence restates or corroborates one of the known claims listed (same event, compatible figures, same polarity);',
  '- "contradicts": the sentence cannot be true together with one of the known claims listed (a figure for the same quantity that does not overlap, an assertion where the claim denies or the reverse, another unit, person or place for the same fact);',
  '- "new": on the story, but none of the listed claims says it;',
  '- "offtopic": not about the story (other news, page furniture, prompts to subscribe).',
  'claim is the number of the listed claim the sentence restates or contradicts (only one listed), else null.',
  'reason is one sentence saying why.',
].join('\n');

/**
 * `#<id>: <claim text> (<source>, <date>)`, the claim's first evidence giving source and date; the source names the
 * speaker when the sentence had one (`nis via 004_….txt`): who said it matters to a contradiction.
 */
export function candidateLine(c: KnownClaim): string {
  const first = c.evidence[0];
  const source = first?.speaker ? `${first.speaker} via ${first.source}` : (first?.source ?? 'unknown source');
  return `#${c.id}: ${oneLine(c.text)} (${source}, ${first?.published ?? 'undated'})`;
}

export function buildPrompt(input: PromptInput): LlmMessage[] {
  const user = [
    `Article: ${input.title ? oneLine(input.title) : '(untitled)'} (${input.published ?? 'undated'})`,
    `Sentence: ${oneLine(input.sentence)}`,
    'Known claims:',
    ...input.candidates.map(candidateLine),
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

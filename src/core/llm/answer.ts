/**
 * The judge's answer: the JSON schema it is asked to follow (structured output), and the check of what came back.
 * An answer that is not JSON for the schema, names a claim it was not offered, or names none for known/contradicts is
 * refused with the problem in words; the engine's verdict then stands.
 */
import { z } from 'zod';
import type { JudgeAnswer } from './ports.ts';

export const ANSWER_SCHEMA = {
  name: 'claim_verdict',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['verdict', 'claim', 'reason'],
    properties: {
      verdict: { type: 'string', enum: ['known', 'contradicts', 'new', 'offtopic'] },
      claim: { type: ['integer', 'null'], description: 'id of the known claim restated or contradicted, else null' },
      reason: { type: 'string', description: 'one sentence' },
    },
  },
} as const;

const answerShape = z.object({
  verdict: z.enum(['known', 'contradicts', 'new', 'offtopic']),
  claim: z.number().int().nullable(),
  reason: z.string().trim().min(1),
});

/** Longest reason kept: one sentence, not an essay. */
const REASON_CHARS = 300;

export type ParsedAnswer = { ok: true; answer: JudgeAnswer } | { ok: false; problem: string };

export function parseAnswer(content: string, offered: readonly number[]): ParsedAnswer {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { ok: false, problem: 'the answer is not JSON' };
  }
  const parsed = answerShape.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(answer)');
    return { ok: false, problem: `the answer does not follow the schema (${[...new Set(where)].join(', ')})` };
  }
  const { verdict, claim, reason } = parsed.data;
  if (claim !== null && !offered.includes(claim)) {
    return { ok: false, problem: `the answer names claim #${claim}, which was not offered` };
  }
  const needsClaim = verdict === 'known' || verdict === 'contradicts';
  if (needsClaim && claim === null) return { ok: false, problem: `the answer says ${verdict} but names no claim` };
  const line = reason.replace(/\s+/g, ' ');
  return {
    ok: true,
    answer: {
      verdict,
      claim: needsClaim ? claim : null,
      reason: line.length <= REASON_CHARS ? line : `${line.slice(0, REASON_CHARS - 1)}…`,
    },
  };
}

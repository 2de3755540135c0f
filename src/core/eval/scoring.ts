/**
 * When an answer is right. `new` and `offtopic` are right when the verdict equals the label. `known` and
 * `contradicts` are right only when the verdict equals the label AND the answer points at the labelled seed sentence:
 * one of the claims it names with that relation (supports for known, contradicts for contradicts) has evidence whose
 * source is the labelled seed file and whose quote contains the labelled fragment, compared after normalizing
 * typography, whitespace and case.
 */
import { normalizeTypography } from '../claims/normalize.ts';
import { type Relation, type SentenceJudgement, VERDICT_STRENGTH, type Verdict } from '../claims/types.ts';
import type { LabelledSentence } from './labelled-set.ts';

/** What a system answered for one labelled sentence: its verdict and the seed sentences it points at. */
export interface Prediction {
  verdict: Verdict;
  /** Evidence of the claims the verdict rests on (supporting claims for known, contradicted ones for contradicts). */
  pointsAt: Array<{ source: string; quote: string }>;
  reason: string;
}

export type Outcome = 'right' | 'wrong' | 'wrong_seed';

/** `wrong_seed`: the verdict equals the label but the answer points at another seed sentence (or none). */
export function scorePrediction(row: LabelledSentence, p: Prediction): Outcome {
  if (p.verdict !== row.label) return 'wrong';
  if (!row.seed) return 'right';
  return pointsAtSeed(p, row.seed) ? 'right' : 'wrong_seed';
}

export function pointsAtSeed(p: Prediction, seed: { file: string; quote: string }): boolean {
  const want = matchForm(seed.quote);
  const file = fileName(seed.file);
  // the file first: most evidence is from another seed, and its quote need not be read
  return p.pointsAt.some((e) => fileName(e.source) === file && matchForm(e.quote).includes(want));
}

/**
 * `f` kept per argument, up to a bound (then forgotten all at once): pointing is asked for every candidate of every
 * sentence, with the same few hundred quotes and sources each time (the learned judgement's examples ask too).
 */
function remembered(f: (text: string) => string): (text: string) => string {
  const kept = new Map<string, string>();
  return (text) => {
    let v = kept.get(text);
    if (v === undefined) {
      v = f(text);
      if (kept.size >= REMEMBERED_MAX) kept.clear();
      kept.set(text, v);
    }
    return v;
  };
}
const REMEMBERED_MAX = 20_000;
const matchForm = remembered((text) => normalizeForMatch(text));
const fileName = remembered((path) => baseName(path));

/** Straight quotes and dashes, one space, lower case: how seed quotes are compared. */
export function normalizeForMatch(text: string): string {
  return normalizeTypography(text.normalize('NFKC')).replace(/\s+/g, ' ').trim().toLowerCase();
}

const RELATION_OF: Partial<Record<Verdict, Relation>> = { known: 'supports', contradicts: 'contradicts' };

/**
 * The engine judges each labelled sentence as a one-sentence document; should its segmenter cut the sentence in
 * pieces, the answer is the strongest verdict among them (as for an item), pointing at what those pieces point at.
 */
export function predictionFromJudgements(judgements: readonly SentenceJudgement[]): Prediction {
  if (judgements.length === 0) return { verdict: 'offtopic', pointsAt: [], reason: 'no sentence left after analysis' };
  const verdict = judgements.reduce<Verdict>(
    (best, j) => (VERDICT_STRENGTH[j.verdict] > VERDICT_STRENGTH[best] ? j.verdict : best),
    'offtopic',
  );
  const chosen = judgements.filter((j) => j.verdict === verdict);
  const relation = RELATION_OF[verdict];
  const pointsAt = relation
    ? chosen.flatMap((j) =>
        j.matches
          .filter((m) => m.relation === relation)
          .flatMap((m) => m.claim.evidence.map((e) => ({ source: e.source, quote: e.quote }))),
      )
    : [];
  return { verdict, pointsAt, reason: chosen.map((j) => j.reason).join(' | ') };
}

/** The file name of a source given as a path or a bare name. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

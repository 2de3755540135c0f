/**
 * Labelled examples of a story: real sentences a desk (or a labelled set) has judged against the seeds. A sentence
 * worded like a labelled one most likely stands as that one stands, and points at the claim it pointed at: the seeds
 * say one thing several times, and which of the near-equal claims a sentence restates is a convention that the
 * examples show and the rules cannot. The learned judgement weighs what its nearest examples say as features
 * (sentence cues and, per candidate claim, how much the neighbours pointed at it); trained weights decide how much.
 * A story without examples gives zeros, as a sentence with no close example does.
 */
import { baseName, normalizeForMatch } from '../../eval/scoring.ts';
import type { KnownClaim, Verdict } from '../types.ts';
import { bagOfWords } from './words-bag.ts';

export interface LabelledExample {
  text: string;
  label: Verdict;
  seed: { file: string; quote: string } | null;
  /** The article it comes from: training never lets a sentence learn from its own article. */
  group: string;
}

export interface Neighbour {
  example: LabelledExample;
  /** Cosine of the two sentences' word weights (rarer words weigh more), in [0, 1]. */
  sim: number;
}

export interface ExampleIndex {
  size: number;
  /** The `k` examples most like `words` (exampleTerms of a sentence), those `skip` refuses left out; best first. */
  neighbours(words: ReadonlySet<string>, k: number, skip?: (e: LabelledExample) => boolean): Neighbour[];
}

/** Neighbours weighed per sentence: found on out-of-fold figures (`npm run train`, see README). */
export const NEIGHBOURS = 10;

const VERDICT_ORDER: readonly Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];

const FIGURES = /\d[\d,]*(?:\.\d+)?/g;

/**
 * What two sentences are compared by: their words (bagOfWords) and their figures ("11,000" and "11000" alike), since a
 * figure is often what a labelled sentence and a new one share (the same count, from the same source).
 */
export function exampleTerms(text: string, words: ReadonlySet<string> = bagOfWords(text)): Set<string> {
  const out = new Set(words);
  for (const f of text.match(FIGURES) ?? []) if (f.length > 1) out.add(`n:${f.replace(/,/g, '')}`);
  return out;
}

export function createExampleIndex(examples: readonly LabelledExample[]): ExampleIndex {
  const bags = examples.map((e) => exampleTerms(e.text));
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag) df.set(w, (df.get(w) ?? 0) + 1);
  const n = examples.length;
  const idf = (w: string): number => Math.log((n + 1) / ((df.get(w) ?? 0) + 1));
  // each example's words with their weights, normalised; postings list the examples per word
  const postings = new Map<string, { at: number; w: number }[]>();
  bags.forEach((bag, at) => {
    let norm = 0;
    for (const w of bag) norm += idf(w) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const w of bag) {
      const list = postings.get(w) ?? [];
      if (list.length === 0) postings.set(w, list);
      list.push({ at, w: idf(w) / norm });
    }
  });
  return {
    size: n,
    neighbours(words, k, skip) {
      if (n === 0) return [];
      let norm = 0;
      for (const w of words) if (postings.has(w)) norm += idf(w) ** 2;
      if (norm === 0) return [];
      // the query's norm counts only the words examples use: a word no example knows cannot make one nearer
      norm = Math.sqrt(norm);
      const acc = new Map<number, number>();
      for (const w of words) {
        const list = postings.get(w);
        if (!list) continue;
        const qw = idf(w) / norm;
        for (const p of list) acc.set(p.at, (acc.get(p.at) ?? 0) + qw * p.w);
      }
      const found: { at: number; sim: number }[] = [];
      for (const [at, sim] of acc) if (!skip?.(examples[at] as LabelledExample)) found.push({ at, sim });
      // ties broken by position, so the same examples always give the same neighbours
      found.sort((a, b) => b.sim - a.sim || a.at - b.at);
      return found.slice(0, k).map(({ at, sim }) => ({ example: examples[at] as LabelledExample, sim }));
    },
  };
}

const EMPTY: ExampleIndex = { size: 0, neighbours: () => [] };
let current: ExampleIndex = EMPTY;

/** The examples the engine reads with (the app sets those stored with the claims; none until then). */
export function activeExamples(): ExampleIndex {
  return current;
}

export function useExamples(index: ExampleIndex | null): void {
  current = index ?? EMPTY;
}

export const EXAMPLE_CUES = [
  'example_known',
  'example_contradicts',
  'example_new',
  'example_offtopic',
  'example_nearest_known',
  'example_nearest_contradicts',
  'example_nearest_new',
  'example_nearest_offtopic',
] as const;

/**
 * Per verdict: the neighbours' similarity summed (over NEIGHBOURS, so no examples gives 0, as no close example does),
 * then the similarity of the nearest example with that verdict.
 */
export function exampleCues(neighbours: readonly Neighbour[]): number[] {
  const sum = [0, 0, 0, 0];
  const nearest = [0, 0, 0, 0];
  for (const nb of neighbours) {
    const c = VERDICT_ORDER.indexOf(nb.example.label);
    sum[c] = (sum[c] as number) + nb.sim / NEIGHBOURS;
    if (nb.sim > (nearest[c] as number)) nearest[c] = nb.sim;
  }
  return [...sum, ...nearest];
}

/** A claim's evidence as seed pointers are matched (see pointsAtSeed), worked out once per claim object. */
const matchable = new WeakMap<KnownClaim, { file: string; quote: string }[]>();
const seedKeys = new WeakMap<object, { file: string; quote: string }>();

/** Whether `claim` holds the seed sentence an example points at, as eval decides it (pointsAtSeed). */
function holds(claim: KnownClaim, seed: { file: string; quote: string }): boolean {
  let evidence = matchable.get(claim);
  // a claim that gained evidence since is read again
  if (!evidence || evidence.length !== claim.evidence.length) {
    evidence = claim.evidence.map((e) => ({ file: baseName(e.source), quote: normalizeForMatch(e.quote) }));
    matchable.set(claim, evidence);
  }
  let want = seedKeys.get(seed);
  if (!want) {
    want = { file: baseName(seed.file), quote: normalizeForMatch(seed.quote) };
    seedKeys.set(seed, want);
  }
  const w = want;
  return evidence.some((e) => e.file === w.file && e.quote.includes(w.quote));
}

/** How much the neighbours labelled known (then contradicts) pointed at `claim`: their similarity summed. */
export function examplePointers(neighbours: readonly Neighbour[], claim: KnownClaim): [number, number] {
  let supports = 0;
  let contradicts = 0;
  for (const nb of neighbours) {
    const { label, seed } = nb.example;
    if (!seed || (label !== 'known' && label !== 'contradicts')) continue;
    if (!holds(claim, seed)) continue;
    if (label === 'known') supports += nb.sim;
    else contradicts += nb.sim;
  }
  return [supports, contradicts];
}

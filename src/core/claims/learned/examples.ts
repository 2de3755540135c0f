/**
 * Labelled examples of a story: real sentences a desk (or a labelled set) has judged against the seeds. A sentence
 * worded like a labelled one most likely stands as that one stands, and points at the claim it pointed at: the seeds
 * say one thing several times, and which of the near-equal claims a sentence restates is a convention that the
 * examples show and the rules cannot. The learned judgement weighs what its nearest examples say as features
 * (sentence cues and, per candidate claim, how much the neighbours pointed at it); trained weights decide how much.
 * A story without examples gives zeros, as a sentence with no close example does.
 */
import { pointsAtSeed } from '../../eval/scoring.ts';
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
/** Most neighbours a search prunes for (a larger k walks every word's examples). */
const NEIGHBOURS_MAX = 64;
/**
 * A word used by at least this many examples, and by at least 1 in DENSE_SHARE of them, also keeps its weight per
 * example in an array the length of the examples: what lets a search add it to the examples already met.
 */
const DENSE_MIN_EXAMPLES = 64;
const DENSE_SHARE = 16;

interface Posting {
  /** The examples using the word, in order, and the word's normalised weight in each. */
  ats: Int32Array;
  ws: Float64Array;
  idf: number;
  /** The largest of ws. */
  max: number;
  /** ws by example (0 where unused), for common words only. */
  dense?: Float64Array;
}

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
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log((n + 1) / (d + 1)));
  // each example's words with their weights, normalised; postings list the examples per word
  const lists = new Map<string, { ats: number[]; ws: number[] }>();
  bags.forEach((bag, at) => {
    let norm = 0;
    for (const w of bag) norm += (idf.get(w) as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const w of bag) {
      let list = lists.get(w);
      if (!list) {
        list = { ats: [], ws: [] };
        lists.set(w, list);
      }
      list.ats.push(at);
      list.ws.push((idf.get(w) as number) / norm);
    }
  });
  const postings = new Map<string, Posting>();
  const denseFrom = Math.max(DENSE_MIN_EXAMPLES, Math.ceil(n / DENSE_SHARE));
  for (const [w, l] of lists) {
    const ws = Float64Array.from(l.ws);
    let max = 0;
    for (const v of ws) if (v > max) max = v;
    let dense: Float64Array | undefined;
    if (l.ats.length >= denseFrom) {
      dense = new Float64Array(n);
      l.ats.forEach((at, i) => {
        (dense as Float64Array)[at] = ws[i] as number;
      });
    }
    postings.set(w, { ats: Int32Array.from(l.ats), ws, idf: idf.get(w) as number, max, dense });
  }
  // scores are summed in one buffer reused by every query (a common word lists thousands of examples, and a map
  // per query made the search the dearest part of a judgement); only the entries a query touched are reset
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched = new Int32Array(n);
  const kth = new Float64Array(NEIGHBOURS_MAX);
  /** The k-th best score among the first `count` touched examples that `skip` keeps (-1 when fewer are kept). */
  const kthBest = (count: number, k: number, skip?: (e: LabelledExample) => boolean): number => {
    if (k > kth.length) return -1;
    let have = 0;
    for (let i = 0; i < count; i++) {
      const at = touched[i] as number;
      const v = acc[at] as number;
      if (have === k && v <= (kth[k - 1] as number)) continue;
      if (skip?.(examples[at] as LabelledExample)) continue;
      let j = have < k ? have++ : k - 1;
      while (j > 0 && (kth[j - 1] as number) < v) {
        kth[j] = kth[j - 1] as number;
        j--;
      }
      kth[j] = v;
    }
    return have === k ? (kth[k - 1] as number) : -1;
  };
  return {
    size: n,
    neighbours(words, k, skip) {
      if (n === 0 || k <= 0) return [];
      const query: Posting[] = [];
      let norm = 0;
      for (const w of words) {
        const p = postings.get(w);
        if (!p) continue;
        query.push(p);
        norm += p.idf ** 2;
      }
      if (norm === 0) return [];
      // the query's norm counts only the words examples use: a word no example knows cannot make one nearer
      norm = Math.sqrt(norm);
      // rare words first: they touch few examples and weigh most
      query.sort((a, b) => a.ats.length - b.ats.length);
      // rest[j]: the most the words from j on can add to any example's score
      const rest = new Float64Array(query.length + 1);
      for (let j = query.length - 1; j >= 0; j--) {
        const p = query[j] as Posting;
        rest[j] = (rest[j + 1] as number) + (p.idf / norm) * p.max;
      }
      let count = 0;
      let j = 0;
      for (; j < query.length; j++) {
        const p = query[j] as Posting;
        // Once the k-th best score so far beats all that the common words left could add, no example not yet met
        // can join the k best, nor can one met whose score falls short by more than they could add: those left are
        // given the common words' weights by lookup, and the common words' examples are not walked (same scores).
        if (p.dense && count >= k) {
          const bar = kthBest(count, k, skip);
          const most = (rest[j] as number) * (1 + 1e-9) + 1e-12;
          if (bar > most) {
            let kept = 0;
            for (let i = 0; i < count; i++) {
              const at = touched[i] as number;
              if ((acc[at] as number) + most >= bar) touched[kept++] = at;
              else {
                acc[at] = 0;
                seen[at] = 0;
              }
            }
            count = kept;
            break;
          }
        }
        const qw = p.idf / norm;
        for (let i = 0; i < p.ats.length; i++) {
          const at = p.ats[i] as number;
          if (seen[at] === 0) {
            seen[at] = 1;
            touched[count++] = at;
          }
          acc[at] = (acc[at] as number) + qw * (p.ws[i] as number);
        }
      }
      for (; j < query.length; j++) {
        const p = query[j] as Posting;
        const qw = p.idf / norm;
        const dense = p.dense as Float64Array;
        for (let i = 0; i < count; i++) {
          const at = touched[i] as number;
          acc[at] = (acc[at] as number) + qw * (dense[at] as number);
        }
      }
      // the k best, most similar first and ties by position (so the same examples always give the same neighbours)
      const best: { at: number; sim: number }[] = [];
      const before = (a: number, sa: number, b: { at: number; sim: number }) =>
        sa > b.sim || (sa === b.sim && a < b.at);
      for (let i = 0; i < count; i++) {
        const at = touched[i] as number;
        const sim = acc[at] as number;
        acc[at] = 0;
        seen[at] = 0;
        const last = best[best.length - 1];
        if (best.length === k && last && !before(at, sim, last)) continue;
        if (skip?.(examples[at] as LabelledExample)) continue;
        let j = best.length;
        while (j > 0 && before(at, sim, best[j - 1] as { at: number; sim: number })) j--;
        best.splice(j, 0, { at, sim });
        if (best.length > k) best.pop();
      }
      return best.map(({ at, sim }) => ({ example: examples[at] as LabelledExample, sim }));
    },
  };
}

/**
 * An index of `examples` built when first asked: opening a database for a command that judges nothing (a search, the
 * watch list) does not pay for it.
 */
export function lazyExampleIndex(examples: readonly LabelledExample[]): ExampleIndex {
  let index: ExampleIndex | undefined;
  const built = (): ExampleIndex => {
    index ??= createExampleIndex(examples);
    return index;
  };
  return {
    size: examples.length,
    neighbours: (words, k, skip) => built().neighbours(words, k, skip),
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

/** How much the neighbours labelled known (then contradicts) pointed at `claim`: their similarity summed. */
export function examplePointers(neighbours: readonly Neighbour[], claim: KnownClaim): [number, number] {
  let supports = 0;
  let contradicts = 0;
  for (const nb of neighbours) {
    const { label, seed } = nb.example;
    if (!seed || (label !== 'known' && label !== 'contradicts')) continue;
    if (!pointsAtSeed({ verdict: label, reason: '', pointsAt: claim.evidence }, seed)) continue;
    if (label === 'known') supports += nb.sim;
    else contradicts += nb.sim;
  }
  return [supports, contradicts];
}

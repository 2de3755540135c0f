/**
 * How alike two claims are in wording: weighted overlap of their canonical terms. Actions and themes weigh most;
 * country names, adverbs and words found in every sentence of this story weigh least.
 */
import { activeStory } from '../story/active-story.ts';
import { isCommonWord } from './terms.ts';

const BROAD_ACTIONS = new Set(['a:deploy', 'a:support', 'a:transfer']);
const BROAD_THEMES = new Set(['t:troops', 't:formations']);

function termWeight(t: string): number {
  switch (t.charCodeAt(0)) {
    case 97: // a:
      return BROAD_ACTIONS.has(t) ? 1.5 : 2.5;
    case 116: // t:
      return BROAD_THEMES.has(t) ? 0.5 : 1;
    case 103: // g: theme group ("units" and "soldiers" are both personnel)
      return 1;
    case 112: // p:
      return activeStory().countries.has(t.slice(2)) ? 0.2 : 2;
    case 120: // x:
      return 0.2;
    case 110: // n:
      return 2;
    case 115: // s:
      return 0.6;
    default:
      // adverbs ("currently", "reportedly") and story-wide words say little about which claim this is
      return isCommonWord(t.slice(2)) || t.endsWith('ly') ? 0.3 : 1;
  }
}

/**
 * Total weight of a term list, kept per list: a known claim's terms come back as the same array from the store on
 * every lookup, so its total is summed once, not once per sentence it is compared with.
 */
const totals = new WeakMap<readonly string[], number>();
export function termTotal(terms: readonly string[]): number {
  let total = totals.get(terms);
  if (total === undefined) {
    total = 0;
    for (const t of terms) total += termWeight(t);
    totals.set(terms, total);
  }
  return total;
}

export interface Similarity {
  /** How much of the new sentence the known claim covers (weighted). */
  cover: number;
  /** How much of the known claim the new sentence covers. */
  back: number;
  dice: number;
}

export function overlap(a: readonly string[], b: readonly string[]): Similarity {
  if (a.length === 0 || b.length === 0) return { cover: 0, back: 0, dice: 0 };
  const setB = new Set(b);
  let shared = 0;
  let wa = 0;
  for (const t of a) {
    const w = termWeight(t);
    wa += w;
    if (setB.has(t)) shared += w;
  }
  let wb = 0;
  for (const t of b) wb += termWeight(t);
  return { cover: shared / wa, back: shared / wb, dice: (2 * shared) / (wa + wb) };
}

/**
 * Known claims' terms as small integers, so comparing a sentence with a candidate reads an array instead of hashing
 * strings. Only claim terms are numbered (a sentence term no claim has cannot be shared), so the table grows with the
 * database's vocabulary, not with the text read; past MAX_VOCABULARY terms, claims fall back to string lookups.
 */
const MAX_VOCABULARY = 1 << 20;
const vocabulary = new Map<string, number>();
/** A known claim's terms, numbered, with their total weight: one lookup per candidate. */
interface NumberedTerms {
  ids: Int32Array | null;
  total: number;
}
const numbered = new WeakMap<readonly string[], NumberedTerms>();

function numberedTerms(terms: readonly string[]): NumberedTerms {
  let v = numbered.get(terms);
  if (v === undefined) {
    let ids: Int32Array | null = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as string;
      let id = vocabulary.get(t);
      if (id === undefined) {
        if (vocabulary.size >= MAX_VOCABULARY) {
          ids = null;
          break;
        }
        id = vocabulary.size;
        vocabulary.set(t, id);
      }
      ids[i] = id;
    }
    v = { ids, total: termTotal(terms) };
    numbered.set(terms, v);
  }
  return v;
}

/** Weight of each numbered term in the sentence being judged (0 elsewhere); cleared after each sentence. */
let scratch = new Float64Array(1024);

/** A sentence's terms with their weights, computed once and compared with every candidate. */
export interface TermTable {
  weights: Map<string, number>;
  total: number;
}

export function termTable(terms: readonly string[]): TermTable {
  const weights = new Map<string, number>();
  let total = 0;
  for (const t of terms) {
    const w = termWeight(t);
    weights.set(t, w);
    total += w;
  }
  return { weights, total };
}

/**
 * Compares one sentence with many candidates: the sentence's weights are spread into the shared scratch array once,
 * each candidate sums its own entries. `done()` clears the array for the next sentence.
 */
export interface Comparer {
  /** The result is overwritten by the next call: read it before comparing the next candidate. */
  overlap(b: readonly string[]): Similarity;
  done(): void;
}

/** Puts a sentence term's weight in its slot of the scratch array, growing the array when needed. */
function mark(marked: number[], id: number, w: number): void {
  if (id >= scratch.length) {
    const grown = new Float64Array(Math.max(scratch.length * 2, id + 1));
    grown.set(scratch);
    scratch = grown;
  }
  scratch[id] = w;
  marked.push(id);
}

/** One result object for every comparison: a candidate's figures are read at once, so none needs its own. */
const result: Similarity = { cover: 0, back: 0, dice: 0 };
function fill(cover: number, back: number, dice: number): Similarity {
  result.cover = cover;
  result.back = back;
  result.dice = dice;
  return result;
}

export function createComparer(table: TermTable): Comparer {
  const marked: number[] = [];
  for (const [t, w] of table.weights) {
    const id = vocabulary.get(t);
    if (id !== undefined) mark(marked, id, w);
  }
  return {
    overlap(b) {
      if (table.total === 0 || b.length === 0) return fill(0, 0, 0);
      const before = vocabulary.size;
      const { ids, total: wb } = numberedTerms(b);
      if (!ids) return overlapWith(table, b);
      if (vocabulary.size > before) {
        // terms numbered just now may be the sentence's own
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] as number;
          const w = id >= before ? table.weights.get(b[i] as string) : undefined;
          if (w !== undefined) mark(marked, id, w);
        }
      }
      let shared = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (id < scratch.length) shared += scratch[id] as number;
      }
      return fill(shared / table.total, shared / wb, (2 * shared) / (table.total + wb));
    },
    done() {
      for (const id of marked) scratch[id] = 0;
    },
  };
}

/** `overlap` against a precomputed table: one probe per candidate term, the candidate's total weight kept. */
export function overlapWith(a: TermTable, b: readonly string[]): Similarity {
  if (a.total === 0 || b.length === 0) return { cover: 0, back: 0, dice: 0 };
  let shared = 0;
  const weights = a.weights;
  for (let i = 0; i < b.length; i++) {
    const w = weights.get(b[i] as string);
    if (w !== undefined) shared += w;
  }
  const wb = termTotal(b);
  return { cover: shared / a.total, back: shared / wb, dice: (2 * shared) / (a.total + wb) };
}

/** Restatement score: mostly how much of the new sentence the known claim covers. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const o = overlap(a, b);
  return 0.7 * o.cover + 0.3 * o.dice;
}

/** Relatedness for conflicts: a short denial is about a long assertion when either covers the other. */
export function relatedness(o: Similarity): number {
  return 0.5 * Math.max(o.cover, o.back) + 0.5 * o.dice;
}

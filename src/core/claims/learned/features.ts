/**
 * The cues the learned judgement weighs, as numbers. The rules' readings (wording overlap, figure and polarity
 * conflicts, the tests a restatement must pass, who speaks) become features of a (sentence, known claim) pair, and
 * the pairs' scores plus the sentence's topic cues become features of the sentence; trained weights decide.
 * Every feature is generic: none names an actor, place or source of any story.
 */
import { activeStory } from '../../story/active-story.ts';
import { frameOverlap } from '../compare.ts';
import { type Assessment, passesGates } from '../judge.ts';
import type { AnalyzedSentence, SentenceJudgement } from '../types.ts';
import { EXAMPLE_CUES, exampleCues, examplePointers, type Neighbour } from './examples.ts';
import { bagOfWords } from './words-bag.ts';

export const PAIR_FEATURES = [
  'sim',
  'cover',
  'back',
  'dice',
  'rel',
  'far',
  'same_side',
  'conflict_figure',
  'conflict_slot',
  'conflict_polarity',
  'conflict_other',
  'side_flip',
  'sentence_revision',
  'gates_all',
  'gate_polarity',
  'gate_proposition',
  'gate_details',
  'agree',
  'rule_best_support',
  'rule_best_conflict',
  'sim_rank',
  'sim_gap',
  'claim_denied',
  'sentence_denied',
  'claim_mixed',
  'sentence_confirmed',
  'sentence_hedged',
  'claim_evidence',
  'same_action',
  'same_theme',
  'both_figures',
  'claim_broad',
  'asserts_denied',
  'denies_asserted',
  'confirms_denied',
  'shared_action',
  'shared_theme',
  'shared_actor',
  'shared_place',
  'figures_agree',
  'asserts_denied_rel',
  'word_overlap',
  'word_cover',
  'word_overlap_gap',
  'example_points_supports',
  'example_points_contradicts',
] as const;

export const SENTENCE_FEATURES = [
  'rule_on_topic',
  'context_on_topic',
  'cue_subject',
  'cue_war',
  'cue_theatre',
  'cue_cooperation',
  'cue_personal',
  'cue_personnel',
  'cue_related',
  'cue_agreement',
  'seed_words',
  'max_support',
  'max_conflict',
  'max_sim',
  'rule_known',
  'rule_contradicts',
  'rule_new',
  'near_candidates',
  'denied',
  'hedged',
  'has_figure',
  'words',
  'has_action',
  'has_theme',
  'second_support',
  'supports_over_half',
  'conflicts_over_half',
  'support_at_top_conflict',
  'top_support_figures_agree',
  'top_support_passes_tests',
  'top_conflict_figure',
  'top_conflict_polarity',
  ...EXAMPLE_CUES,
] as const;

const b = (v: boolean | undefined): number => (v ? 1 : 0);

function isMixed(f: AnalyzedSentence['frame']): boolean {
  return (f.detail?.affirmed ?? []).length > 0 && (f.detail?.denied ?? []).length > 0;
}

interface WordOverlap {
  jaccard: number;
  /** Share of the sentence's words the claim's best piece of evidence holds. */
  cover: number;
}

const MAX_EVIDENCE_COMPARED = 4;
const NO_OVERLAP: WordOverlap = { jaccard: 0, cover: 0 };
const WORD_OVERLAP_RANKS = 8;
const FAR_ROW: number[] = new Array<number>(PAIR_FEATURES.length).fill(0);

/** The words of each piece of a claim's evidence, worked out once per claim object. */
// arrays, not sets: a claim's words are only walked, and a short array costs a fraction of a set's memory
const evidenceWords = new WeakMap<object, string[][]>();

/** Word overlap of a sentence with the closest piece of a claim's evidence (a claim told by several sources). */
function wordOverlap(mine: Set<string>, claim: Assessment['claim']): WordOverlap {
  let bags = evidenceWords.get(claim);
  if (!bags) {
    // the first few pieces say what the claim is; a claim told a thousand times costs no more than one told four
    bags = claim.evidence.slice(0, MAX_EVIDENCE_COMPARED).map((e) => [...bagOfWords(e.quote)]);
    if (bags.length === 0) bags = [[...bagOfWords(claim.text)]];
    evidenceWords.set(claim, bags);
  }
  let best: WordOverlap = { jaccard: 0, cover: 0 };
  for (const bag of bags) {
    let shared = 0;
    for (const w of bag) if (mine.has(w)) shared += 1;
    const union = mine.size + bag.length - shared;
    const jaccard = union > 0 ? shared / union : 0;
    if (jaccard > best.jaccard) best = { jaccard, cover: mine.size > 0 ? shared / mine.size : 0 };
  }
  return best;
}

/**
 * One row of PAIR_FEATURES for each assessed candidate, in the same order; `mine` is bagOfWords(s.text), `neighbours`
 * the labelled examples nearest the sentence (examples.ts).
 */
export function pairFeatures(
  s: AnalyzedSentence,
  list: readonly Assessment[],
  rule: SentenceJudgement,
  mine: Set<string>,
  neighbours: readonly Neighbour[],
): number[][] {
  const bestSupport = rule.verdict === 'known' ? rule.matches[0]?.claim : undefined;
  const bestConflict = rule.verdict === 'contradicts' ? rule.matches[0]?.claim : undefined;
  const order = list.map((a, i) => [a.sim, i] as const).sort((x, y) => y[0] - x[0]);
  const rank = new Array<number>(list.length);
  order.forEach(([, i], r) => {
    rank[i] = r;
  });
  const top = order[0]?.[0] ?? 0;
  const f = s.frame;
  // words are counted for the candidates closest in the rules' terms only: a far one (little shared, see
  // assessCandidates) is unrelated either way, and past the first few the count changes no ranking
  const words = list.map((a, i) =>
    a.far || (rank[i] ?? 0) >= WORD_OVERLAP_RANKS ? NO_OVERLAP : wordOverlap(mine, a.claim),
  );
  let bestWords = 0;
  for (const w of words) if (w.jaccard > bestWords) bestWords = w.jaccard;
  return list.map((a, i) => {
    // a far candidate is unrelated without asking (see scorePairs): its row is never read
    if (a.far) return FAR_ROW;
    const c = a.claim.frame;
    const kind = a.conflict?.why.kind;
    const o = frameOverlap(f, c);
    return [
      a.sim,
      a.cover,
      a.back,
      a.dice,
      a.rel,
      b(a.far),
      b(a.sameSide),
      b(kind === 'figure'),
      b(kind === 'slot'),
      b(kind === 'polarity'),
      b(kind === 'date' || kind === 'place' || kind === 'certainty'),
      b(kind === 'polarity' && a.sameSide),
      b(f.detail?.reversal),
      b(passesGates(a.gates)),
      b(a.gates.polarity),
      b(a.gates.proposition),
      b(a.gates.details),
      a.agree,
      b(bestSupport === a.claim),
      b(bestConflict === a.claim),
      1 / (1 + (rank[i] ?? 0)),
      top - a.sim,
      b(c.polarity === 'denied'),
      b(f.polarity === 'denied'),
      b(isMixed(c)),
      b(f.detail?.confirmed),
      b(f.detail?.hedged),
      Math.log1p(a.claim.evidence.length),
      b(f.action !== null && f.action === c.action),
      b(f.theme !== null && f.theme === c.theme),
      b(f.quantity !== null && c.quantity !== null),
      // a claim of few terms (a bare denial, "the reports are false") is about many things at once
      1 / (1 + a.claim.terms.length),
      b(o.assertsDenied),
      b(o.deniesAsserted),
      b(Boolean(f.detail?.confirmed) && c.polarity === 'denied'),
      b(o.sharedAction),
      b(o.sharedTheme),
      b(o.sharedActor),
      b(o.sharedPlace),
      b(o.figuresAgree),
      o.assertsDenied || o.deniesAsserted ? a.rel : 0,
      (words[i] as WordOverlap).jaccard,
      (words[i] as WordOverlap).cover,
      bestWords - (words[i] as WordOverlap).jaccard,
      ...examplePointers(neighbours, a.claim),
    ];
  });
}

/**
 * The sentence's features, given the pair model's support and conflict probabilities for its candidates: the fixed
 * SENTENCE_FEATURES, then one presence bit per word of `vocab` (the learned vocabulary, see words-bag.ts). Training
 * writes rows out in full; judging gives the fixed part and the present words' indices (see predictSparse).
 */
export function sentenceFeatures(
  s: AnalyzedSentence,
  list: readonly Assessment[],
  support: readonly number[],
  conflict: readonly number[],
  rule: SentenceJudgement,
  neighbours: readonly Neighbour[],
  vocab: readonly string[],
  words: Set<string>,
): number[] {
  const row = sentenceCues(s, list, support, conflict, rule, neighbours, bagOfWords(s.text));
  for (const w of vocab) row.push(words.has(w) ? 1 : 0);
  return row;
}

/**
 * The share of the sentence's words the seeds use, against the share a seed sentence's words have in the other seeds
 * (1: as much as the seeds share among themselves), at most 2: off-topic text on the same page shares few.
 */
function seedWordShare(words: ReadonlySet<string>): number {
  const story = activeStory();
  if (story.seedShare === 0 || words.size === 0) return 0;
  let used = 0;
  for (const w of words) if (story.seedWords.has(w)) used += 1;
  return Math.min(2, used / words.size / story.seedShare);
}

/** SENTENCE_FEATURES alone. */
export function sentenceCues(
  s: AnalyzedSentence,
  list: readonly Assessment[],
  support: readonly number[],
  conflict: readonly number[],
  rule: SentenceJudgement,
  neighbours: readonly Neighbour[],
  /** bagOfWords of the sentence. */
  words: ReadonlySet<string>,
): number[] {
  const cue = s.signals;
  let maxSim = 0;
  let near = 0;
  for (const a of list) {
    if (a.sim > maxSim) maxSim = a.sim;
    if (!a.far) near += 1;
  }
  const f = s.frame;
  const topConflict = argMax(conflict);
  const sup = list[argMax(support)];
  const kind = list[topConflict]?.conflict?.why.kind;
  return [
    b(s.onTopic),
    b(s.context),
    b(cue?.subject),
    b(cue?.war),
    b(cue?.theatre),
    b(cue?.cooperation),
    b(cue?.personal),
    b(cue?.personnel),
    b(cue?.related),
    b(cue?.agreement),
    seedWordShare(words),
    Math.max(0, ...support),
    Math.max(0, ...conflict),
    maxSim,
    b(rule.verdict === 'known'),
    b(rule.verdict === 'contradicts'),
    b(rule.verdict === 'new'),
    Math.log1p(near),
    b(f.polarity === 'denied'),
    b(f.detail?.hedged),
    b(f.quantity !== null),
    Math.log1p(s.text.split(/\s+/).length),
    b(f.action !== null),
    b(f.theme !== null),
    secondLargest(support),
    support.filter((p) => p > 0.5).length,
    conflict.filter((p) => p > 0.5).length,
    support[topConflict] ?? 0,
    // what the likeliest restated and contradicted claims are, beside how likely: the same figure told again reads
    // differently from a different one
    b(sup !== undefined && frameOverlap(f, sup.claim.frame).figuresAgree),
    b(sup !== undefined && passesGates(sup.gates)),
    b(kind === 'figure'),
    b(kind === 'polarity'),
    ...exampleCues(neighbours),
  ];
}

function secondLargest(xs: readonly number[]): number {
  let first = 0;
  let second = 0;
  for (const x of xs) {
    if (x > first) {
      second = first;
      first = x;
    } else if (x > second) second = x;
  }
  return second;
}

function argMax(xs: readonly number[]): number {
  let at = -1;
  for (let i = 0; i < xs.length; i++) if (at < 0 || (xs[i] as number) > (xs[at] as number)) at = i;
  return at;
}

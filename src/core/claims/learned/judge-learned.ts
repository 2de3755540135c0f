/**
 * The learned judgement: the rules assess each candidate claim, a trained pair model scores each (sentence, claim)
 * pair as restating, contradicting or unrelated, and a trained sentence model turns those scores and the sentence's
 * topic cues into a verdict. Contradicts is said only above the precision-tuned threshold stored with the weights;
 * below it the runner-up is named in the reason.
 */

import { withPinnedFrame } from '../compare.ts';
import {
  type Assessment,
  assessCandidates,
  describe,
  explain,
  KNOWN_AT,
  offtopicReason,
  ruleJudgement,
  type Why,
} from '../judge.ts';
import { clip } from '../reason.ts';
import { createComparer, termTable } from '../similarity.ts';
import type { AnalyzedSentence, ClaimIndex, ClaimMatch, KnownClaim, SentenceJudgement, Verdict } from '../types.ts';
import { type BoostModel, predictBoost } from './boost.ts';
import { activeExamples, exampleTerms, NEIGHBOURS } from './examples.ts';
import { pairFeatures, SENTENCE_FEATURES, sentenceCues } from './features.ts';
import { compile, predictSparse, type SoftmaxModel } from './softmax.ts';
import { roleWords } from './story-words.ts';
import { bagOfWords } from './words-bag.ts';

/** What `npm run train` writes (`model.json`). */
export interface JudgeModel {
  /** Classes none / supports / contradicts, over PAIR_FEATURES. */
  pair: SoftmaxModel;
  /** Classes known / contradicts / new / offtopic, over SENTENCE_FEATURES and the learned words. */
  sentence: SoftmaxModel;
  /**
   * The verdict of a story with labelled examples: trees over the sentence cues and the sentence model's
   * log-probabilities (verdictInput), fitted on out-of-fold sentence probabilities of labelled sentences read with
   * their examples. A story without examples (or an older model.json without trees) takes the sentence model's.
   */
  verdict?: BoostModel;
  /** Least probability of contradicts for that verdict (fitted for precision on held-out folds). */
  contradictsAt: number;
  /** The same when the sentence model gives the verdict (a story without labelled examples). */
  sentenceContradictsAt?: number;
  /** Least pair probability for a claim to be listed among a known verdict's matches (the best one always is). */
  matchAt: number;
  /** The same for a contradicts verdict: higher, since a contradiction named wrongly costs a desk more. */
  conflictMatchAt: number;
  trainedOn?: unknown;
}

const MAX_MATCHES = 5;

/**
 * The candidates a known or contradicts verdict names, best first: the best one, then those the pair model puts at
 * the model's listing threshold for that verdict or above, at most MAX_MATCHES. Training scores pointing by this.
 */
export function listedCandidates(
  probs: readonly number[],
  verdict: 'known' | 'contradicts',
  model: JudgeModel,
): number[] {
  const listedAt = verdict === 'known' ? model.matchAt : model.conflictMatchAt;
  return probs
    .map((p, i) => [p, i] as const)
    .sort((a, b) => b[0] - a[0])
    .filter(([p], k) => k === 0 || p >= listedAt)
    .slice(0, MAX_MATCHES)
    .map(([, i]) => i);
}
/** Candidates assessed per sentence: more than the rules need, since the pair model ranks them. */
export const LEARNED_CANDIDATES = 24;
/** Denials of the sentence's actors looked up beside its own keys (see probeKeys in terms.ts). */
const PROBED_CANDIDATES = 6;

/**
 * The claims a sentence is compared with: those sharing its keys, then those denying something about its actors.
 * A sentence the rules find off topic is compared too: the sentence model weighs its topic cues against what matches.
 */
export function learnedCandidates(s: AnalyzedSentence, index: ClaimIndex): KnownClaim[] {
  if (s.keys.length === 0) return [];
  const found = index.candidates(s.keys, LEARNED_CANDIDATES);
  if (!s.probes || s.probes.length === 0) return found;
  const have = new Set(found.map((c) => c.id));
  for (const c of index.candidates(s.probes, PROBED_CANDIDATES)) if (!have.has(c.id)) found.push(c);
  return found;
}
const PAIR_SUPPORTS = 1;
const PAIR_CONTRADICTS = 2;

export interface Scores {
  assessments: Assessment[];
  rule: SentenceJudgement;
  support: number[];
  conflict: number[];
  /** known, contradicts, new, offtopic */
  verdict: number[];
  /** Whether the verdict trees gave `verdict` (else the sentence model did): which threshold applies. */
  byTrees: boolean;
}

/** Every score the verdict rests on (also what training and `eval` read). */
export function scoreSentence(s: AnalyzedSentence, index: ClaimIndex, model: JudgeModel): Scores {
  const candidates = learnedCandidates(s, index);
  const comparer = createComparer(termTable(s.terms));
  try {
    return withPinnedFrame(s.frame, () => {
      const assessments = assessCandidates(s, candidates, comparer);
      const rule = ruleJudgement(s, assessments);
      const words = bagOfWords(s.text);
      const neighbours = activeExamples().neighbours(exampleTerms(s.text, words), NEIGHBOURS);
      const pairX = pairFeatures(s, assessments, rule, words, neighbours);
      const { support, conflict } = scorePairs(model.pair, assessments, pairX);
      const cues = sentenceCues(s, assessments, support, conflict, rule, neighbours, words);
      const linear = predictSparse(compile(model.sentence), cues, presentWords(model.sentence, roleWords(s, words)));
      // the trees were fitted on sentences read with their examples: a story without any reads better by the
      // sentence model, which was fitted on both (out of fold, see README)
      const byTrees = model.verdict !== undefined && activeExamples().size > 0;
      const verdict = byTrees ? predictBoost(model.verdict as BoostModel, verdictInput(cues, linear)) : linear;
      return { assessments, rule, support, conflict, verdict, byTrees };
    });
  } finally {
    comparer.done();
  }
}

/** The verdict trees' input: the sentence cues, then the log of each verdict's probability by the sentence model. */
export function verdictInput(cues: readonly number[], linear: readonly number[]): number[] {
  const out = cues.slice(0, SENTENCE_FEATURES.length);
  for (const p of linear) out.push(Math.log(p + 1e-9));
  return out;
}

/** Names of verdictInput's columns. */
export const VERDICT_INPUTS: readonly string[] = [
  ...SENTENCE_FEATURES,
  ...['known', 'contradicts', 'new', 'offtopic'].map((v) => `sentence_model_${v}`),
];

const vocabularies = new WeakMap<SoftmaxModel, Map<string, number>>();

/** Feature indices of the sentence model's learned words (its features past the fixed ones) that `words` holds. */
function presentWords(model: SoftmaxModel, words: Set<string>): number[] {
  let index = vocabularies.get(model);
  if (!index) {
    index = new Map();
    for (let j = SENTENCE_FEATURES.length; j < model.features.length; j++) index.set(model.features[j] as string, j);
    vocabularies.set(model, index);
  }
  const out: number[] = [];
  for (const w of words) {
    const j = index.get(w);
    if (j !== undefined) out.push(j);
  }
  return out;
}

/**
 * The pair model's support and contradiction probabilities per candidate. A far candidate (little in common, see
 * assessCandidates) is unrelated without asking: the model is trained on near pairs only.
 */
export function scorePairs(
  pair: SoftmaxModel,
  assessments: readonly Assessment[],
  rows: readonly number[][],
): { support: number[]; conflict: number[] } {
  const model = compile(pair);
  const support: number[] = [];
  const conflict: number[] = [];
  assessments.forEach((a, i) => {
    if (a.far) {
      support.push(0);
      conflict.push(0);
      return;
    }
    const p = predictSparse(model, rows[i] as number[]);
    support.push(p[PAIR_SUPPORTS] as number);
    conflict.push(p[PAIR_CONTRADICTS] as number);
  });
  return { support, conflict };
}

const VERDICTS: readonly Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];

/** The verdict the scores give: the likeliest, but contradicts only above its threshold and with a claim to name. */
export function decide(scores: Pick<Scores, 'verdict' | 'assessments' | 'byTrees'>, model: JudgeModel): Verdict {
  const p = scores.verdict;
  const contradictsAt = scores.byTrees ? model.contradictsAt : (model.sentenceContradictsAt ?? model.contradictsAt);
  const hasCandidate = scores.assessments.length > 0;
  let best: Verdict = 'offtopic';
  let bestP = -1;
  VERDICTS.forEach((v, i) => {
    const pv = p[i] as number;
    if (v === 'contradicts' && pv < contradictsAt) return;
    if ((v === 'known' || v === 'contradicts') && !hasCandidate) return;
    if (pv > bestP) {
      best = v;
      bestP = pv;
    }
  });
  return best;
}

export function judgeLearned(s: AnalyzedSentence, index: ClaimIndex, model: JudgeModel): SentenceJudgement {
  return readLearned(s, index, model).judgement;
}

/**
 * The learned judgement with what it rests on: the scores (none for page furniture), and whether the sentence is one
 * the database holds word for word (then the verdict is certain, whatever the scores say). The optional LLM judge
 * (src/core/llm) reads the scores for its candidates and for the engine's uncertain band.
 */
export interface LearnedReading {
  judgement: SentenceJudgement;
  scores: Scores | null;
  exact: boolean;
}

export function readLearned(s: AnalyzedSentence, index: ClaimIndex, model: JudgeModel): LearnedReading {
  if (s.furniture) {
    return {
      judgement: { sentence: s, verdict: 'offtopic', reason: 'page furniture', matches: [] },
      scores: null,
      exact: false,
    };
  }
  const scores = scoreSentence(s, index, model);
  const same = sameSentence(s, scores.assessments);
  if (same) {
    // a sentence the database already holds word for word is known, whatever the model would guess
    const matches: ClaimMatch[] = [
      { claim: same.claim, relation: 'supports', score: 1, reason: explain(s, same.claim, RESTATES) },
    ];
    const judgement: SentenceJudgement = {
      sentence: s,
      verdict: 'known',
      reason: `${matches[0]?.reason} (the same sentence)`,
      matches,
    };
    return { judgement, scores, exact: true };
  }
  return { judgement: judgeScored(s, scores, model), scores, exact: false };
}

function judgeScored(s: AnalyzedSentence, scores: Scores, model: JudgeModel): SentenceJudgement {
  const verdict = decide(scores, model);
  const pc = scores.verdict[1] as number;
  if (verdict === 'offtopic') return { sentence: s, verdict, reason: offtopicReason(), matches: [] };
  if (verdict === 'new') {
    return {
      sentence: s,
      verdict,
      reason: `no known claim matches ${describe(s)}${runnerUp(scores, pc)}`,
      matches: [],
    };
  }
  const relation = verdict === 'known' ? 'supports' : 'contradicts';
  const probs = verdict === 'known' ? scores.support : scores.conflict;
  const matches: ClaimMatch[] = listedCandidates(probs, verdict, model).map(
    (i) => new LearnedMatch(s, scores.assessments[i] as Assessment, relation, probs[i] as number, verdict, scores.rule),
  );
  const top = matches[0] as ClaimMatch;
  const confidence = Math.round((scores.verdict[VERDICTS.indexOf(verdict)] as number) * 100);
  const unsure = verdict === 'known' ? runnerUp(scores, pc) : '';
  return { sentence: s, verdict, reason: `${top.reason} (confidence ${confidence}%)${unsure}`, matches };
}

const RESTATES: Why = { kind: 'restates' };

/** A match whose reason is written when first read: most callers read the judgement's reason only. */
class LearnedMatch implements ClaimMatch {
  readonly claim: KnownClaim;
  readonly relation: ClaimMatch['relation'];
  readonly score: number;
  #reason: string | undefined;
  readonly #why: () => string;

  constructor(
    s: AnalyzedSentence,
    a: Assessment,
    relation: ClaimMatch['relation'],
    p: number,
    verdict: Verdict,
    rule: SentenceJudgement,
  ) {
    this.claim = a.claim;
    this.relation = relation;
    this.score = Math.round(p * 1000) / 1000;
    this.#why = () => reasonFor(s, a, verdict, rule);
  }

  get reason(): string {
    this.#reason ??= this.#why();
    return this.#reason;
  }

  toJSON() {
    return { claim: this.claim, relation: this.relation, score: this.score, reason: this.reason };
  }
}

/** A text with its spacing folded. */
function sameText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The candidate holding this very sentence as evidence (typography and spacing aside), if any. Only a candidate
 * whose wording could restate it (sim ≥ KNOWN_AT) is asked: a claim holding this sentence has it or its like as text.
 */
function sameSentence(s: AnalyzedSentence, list: readonly Assessment[]): Assessment | undefined {
  if (!list.some((a) => a.sim >= KNOWN_AT)) return undefined;
  const mine = sameText(s.text);
  // quotes are stored as sentences are read (trimmed, spacing kept): the sentence as read, or with its spacing folded
  return list.find((a) => a.sim >= KNOWN_AT && a.claim.evidence.some((e) => e.quote === s.text || e.quote === mine));
}

/** The reason for one match: the rules' own words when they found this relation, else what the pair shows. */
function reasonFor(s: AnalyzedSentence, a: Assessment, verdict: Verdict, rule: SentenceJudgement): string {
  if (verdict === 'known') {
    if (rule.verdict === 'known' && rule.matches[0]?.claim === a.claim) return rule.reason;
    return explain(s, a.claim, RESTATES);
  }
  if (a.conflict) return explain(s, a.claim, a.conflict.why);
  const side = s.frame.polarity === 'denied' ? 'denies' : 'asserts';
  return explain(s, a.claim, { kind: 'polarity', side });
}

/** "; possibly contradicts …": the contradiction the model leaned to but was not sure enough of. */
function runnerUp(scores: Scores, pc: number): string {
  if (pc < 0.2 || scores.assessments.length === 0) return '';
  let best = 0;
  scores.conflict.forEach((p, i) => {
    if (p > (scores.conflict[best] as number)) best = i;
  });
  const a = scores.assessments[best] as Assessment;
  return `; possibly contradicts "${clip(a.claim.text, 60)}" (${Math.round(pc * 100)}%)`;
}

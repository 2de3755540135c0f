/**
 * The learned judgement: the rules assess each candidate claim, a trained pair model scores each (sentence, claim)
 * pair as restating, contradicting or unrelated, and a trained sentence model turns those scores and the sentence's
 * topic cues into a verdict. Contradicts is said only above the precision-tuned threshold stored with the weights;
 * below it the runner-up is named in the reason.
 */

import { normalizeForMatch } from '../../eval/scoring.ts';
import { withPinnedFrame } from '../compare.ts';
import {
  type Assessment,
  assessCandidates,
  describe,
  explain,
  OFFTOPIC_REASON,
  ruleJudgement,
  type Why,
} from '../judge.ts';
import { clip } from '../reason.ts';
import { createComparer, termTable } from '../similarity.ts';
import type { AnalyzedSentence, ClaimIndex, ClaimMatch, SentenceJudgement, Verdict } from '../types.ts';
import { pairFeatures, SENTENCE_FEATURES, sentenceFeatures } from './features.ts';
import { predict, type SoftmaxModel } from './softmax.ts';

/** What `npm run train` writes (`model.json`). */
export interface JudgeModel {
  /** Classes none / supports / contradicts, over PAIR_FEATURES. */
  pair: SoftmaxModel;
  /** Classes known / contradicts / new / offtopic, over SENTENCE_FEATURES. */
  sentence: SoftmaxModel;
  /** Least probability of contradicts for that verdict (fitted for precision on held-out folds). */
  contradictsAt: number;
  /** Least pair probability for a claim to be listed among a verdict's matches (the best one always is). */
  matchAt: number;
  trainedOn?: unknown;
}

const MAX_MATCHES = 5;
/** Candidates assessed per sentence: more than the rules need, since the pair model ranks them. */
export const LEARNED_CANDIDATES = 24;
const PAIR_SUPPORTS = 1;
const PAIR_CONTRADICTS = 2;

interface Scores {
  assessments: Assessment[];
  rule: SentenceJudgement;
  support: number[];
  conflict: number[];
  /** known, contradicts, new, offtopic */
  verdict: number[];
}

/** Every score the verdict rests on (also what training and `eval` read). */
export function scoreSentence(s: AnalyzedSentence, index: ClaimIndex, model: JudgeModel): Scores {
  // a sentence the rules find off topic gets no candidates: the sentence model tells new from offtopic by its cues
  const candidates = s.onTopic && s.keys.length > 0 ? index.candidates(s.keys, LEARNED_CANDIDATES) : [];
  const comparer = createComparer(termTable(s.terms));
  try {
    return withPinnedFrame(s.frame, () => {
      const assessments = assessCandidates(s, candidates, comparer);
      const rule = ruleJudgement(s, assessments);
      const pairs = pairFeatures(s, assessments, rule).map((x) => predict(model.pair, x));
      const support = pairs.map((p) => p[PAIR_SUPPORTS] as number);
      const conflict = pairs.map((p) => p[PAIR_CONTRADICTS] as number);
      const verdict = predict(
        model.sentence,
        sentenceFeatures(s, assessments, support, conflict, rule, vocabularyOf(model.sentence)),
      );
      return { assessments, rule, support, conflict, verdict };
    });
  } finally {
    comparer.done();
  }
}

const vocabularies = new WeakMap<SoftmaxModel, string[]>();
/** The learned words of a sentence model: its features past the fixed ones. */
export function vocabularyOf(model: SoftmaxModel): string[] {
  let v = vocabularies.get(model);
  if (!v) {
    v = model.features.slice(SENTENCE_FEATURES.length);
    vocabularies.set(model, v);
  }
  return v;
}

const VERDICTS: readonly Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];

/** The verdict the scores give: the likeliest, but contradicts only above its threshold and with a claim to name. */
export function decide(scores: Pick<Scores, 'verdict' | 'assessments'>, model: JudgeModel): Verdict {
  const p = scores.verdict;
  const hasCandidate = scores.assessments.length > 0;
  let best: Verdict = 'offtopic';
  let bestP = -1;
  VERDICTS.forEach((v, i) => {
    const pv = p[i] as number;
    if (v === 'contradicts' && pv < model.contradictsAt) return;
    if ((v === 'known' || v === 'contradicts') && !hasCandidate) return;
    if (pv > bestP) {
      best = v;
      bestP = pv;
    }
  });
  return best;
}

export function judgeLearned(s: AnalyzedSentence, index: ClaimIndex, model: JudgeModel): SentenceJudgement {
  if (s.furniture) return { sentence: s, verdict: 'offtopic', reason: 'page furniture', matches: [] };
  const scores = scoreSentence(s, index, model);
  const same = sameSentence(s, scores.assessments);
  if (same) {
    // a sentence the database already holds word for word is known, whatever the model would guess
    const matches: ClaimMatch[] = [
      { claim: same.claim, relation: 'supports', score: 1, reason: explain(s, same.claim, RESTATES) },
    ];
    return { sentence: s, verdict: 'known', reason: `${matches[0]?.reason} (the same sentence)`, matches };
  }
  const verdict = decide(scores, model);
  const pc = scores.verdict[1] as number;
  if (verdict === 'offtopic') return { sentence: s, verdict, reason: OFFTOPIC_REASON, matches: [] };
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
  const order = probs.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0]);
  const matches: ClaimMatch[] = [];
  for (const [p, i] of order) {
    if (matches.length >= MAX_MATCHES || (matches.length > 0 && p < model.matchAt)) break;
    const a = scores.assessments[i] as Assessment;
    matches.push({
      claim: a.claim,
      relation,
      score: Math.round(p * 1000) / 1000,
      reason: reasonFor(s, a, verdict, scores.rule),
    });
  }
  const top = matches[0] as ClaimMatch;
  const confidence = Math.round((scores.verdict[VERDICTS.indexOf(verdict)] as number) * 100);
  const unsure = verdict === 'known' ? runnerUp(scores, pc) : '';
  return { sentence: s, verdict, reason: `${top.reason} (confidence ${confidence}%)${unsure}`, matches };
}

const RESTATES: Why = { kind: 'restates' };

/** Each known claim's evidence quotes, normalized once per claim object. */
const normalizedQuotes = new WeakMap<object, Set<string>>();

/** The candidate holding this very sentence as evidence (typography and spacing aside), if any. */
function sameSentence(s: AnalyzedSentence, list: readonly Assessment[]): Assessment | undefined {
  if (list.length === 0) return undefined;
  const mine = normalizeForMatch(s.text);
  return list.find((a) => {
    let quotes = normalizedQuotes.get(a.claim);
    if (!quotes) {
      quotes = new Set(a.claim.evidence.map((e) => normalizeForMatch(e.quote)));
      normalizedQuotes.set(a.claim, quotes);
    }
    return quotes.has(mine);
  });
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

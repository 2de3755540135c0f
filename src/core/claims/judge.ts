/**
 * Verdicts: offtopic, known (same event, compatible figures, same polarity), contradicts (cannot both be true), new.
 * Candidates come from the index by key, never from a scan. A sentence that restates one side of a disagreement the
 * database already holds is known; it contradicts when the conflicting claim fits it better than any supporting one.
 */
import { activeStory } from '../story/active-story.ts';
import {
  certaintyConflict,
  figureAgrees,
  figureConflict,
  figuresRestated,
  placeConflict,
  polaritySide,
  sameProposition,
  sameSide,
  slotAgrees,
  slotConflict,
  timeConflict,
  withPinnedFrame,
} from './compare.ts';
import { claimSide, clip, figureText, quoteOf, sentenceSide, titleCase } from './reason.ts';
import { type Comparer, createComparer, relatedness, termTable } from './similarity.ts';
import { displayTime, periodsCompatible } from './time.ts';
import type { AnalyzedSentence, ClaimIndex, ClaimMatch, KnownClaim, QuantityFact, SentenceJudgement } from './types.ts';

export const CANDIDATE_LIMIT = 24;
/** Why a sentence is off topic: the story file's `topic`. */
export function offtopicReason(): string {
  return `not about ${activeStory().data.topic}`;
}
/** Least wording likeness (and bonus) of a restatement. */
export const KNOWN_AT = 0.5;
const CONFLICT_AT = 0.3;
const POLARITY_AT = 0.3;
/** Two dates conflict only for one event: the same figure, or nearly the same wording. */
const DATE_CONFLICT_AT = 0.6;
const CERTAINTY_AT = 0.4;
const SIDE_FLIP_BONUS = 0.15;
const NEW_CONFLICT_MARGIN = 0.25;
const SIDE_BONUS = 0.05;
const REVERSAL_BONUS = 0.2;
/** A restatement of one side of a disagreement the database holds is known unless the conflict fits clearly better. */
const POLARITY_MARGIN = 0.15;
const SLOT_BONUS = 0.2;
const MAX_AGREE_BONUS = 0.25 + SLOT_BONUS;
const MAX_MATCHES = 5;
const FIGURE_FIRST = 0.2;

/**
 * What a match rests on, as data: the reason text is written only for the matches that are reported (most candidates
 * are scored and dropped), and no closure is made per candidate.
 */
export type Why =
  | { kind: 'restates' }
  | { kind: 'figure'; mine: QuantityFact; theirs: QuantityFact; update: boolean }
  | { kind: 'slot'; what: string; mine: string; theirs: string }
  | { kind: 'polarity'; side: 'asserts' | 'denies' }
  | { kind: 'date' }
  | { kind: 'place' }
  | { kind: 'certainty' };

interface Scored {
  claim: KnownClaim;
  score: number;
  /** Likeness of wording alone, before any bonus. */
  sim: number;
  why: Why;
  margin?: number;
  /** Added to the score when ordering conflicts only. */
  rank?: number;
  /** The sentence's side now says the opposite of what that side said (an assertion against its own denial). */
  flip?: boolean;
}

const RESTATES: Why = { kind: 'restates' };

/** The one-line reason for a match of `s` with `c`. */
export function explain(s: AnalyzedSentence, c: KnownClaim, why: Why): string {
  switch (why.kind) {
    case 'restates':
      return `restates ${quoteOf(c)} ${claimSide(c)}`;
    case 'figure': {
      const update = why.update ? '; the newer, higher figure may be an update' : '';
      return `${figureText(why.mine)} ${sentenceSide(s)} vs "${why.theirs.text}" ${claimSide(c)}${update}`;
    }
    case 'slot':
      return `${why.what}: ${titleCase(why.mine)} ${sentenceSide(s)} vs ${titleCase(why.theirs)} ${claimSide(c)}`;
    case 'polarity': {
      const [mine, theirs] = why.side === 'asserts' ? ['asserts', 'denies'] : ['denies', 'asserts'];
      return `"${clip(s.text, 70)}" ${sentenceSide(s)} ${mine} what ${quoteOf(c, 70)} ${claimSide(c)} ${theirs}`;
    }
    case 'date':
      return `dated ${displayTime(s.frame.time ?? '')} ${sentenceSide(s)} vs ${displayTime(c.frame.time ?? '')}: ${quoteOf(c, 60)} ${claimSide(c)}`;
    case 'place':
      return `placed in ${s.frame.place[0]} ${sentenceSide(s)} vs ${c.frame.place[0]}: ${quoteOf(c, 60)} ${claimSide(c)}`;
    case 'certainty':
      return `${certaintyWord(s.frame)} ${sentenceSide(s)} vs ${certaintyWord(c.frame)}: ${quoteOf(c, 60)} ${claimSide(c)}`;
  }
}

/** Why `s` cannot be true together with `c`, or null. `rel` (relatedness) gates the weaker kinds of conflict. */
function conflictReason(
  s: AnalyzedSentence,
  c: KnownClaim,
  rel: number,
  sim: number,
): { why: Why; bonus: number; margin?: number } | null {
  const fig = rel >= CONFLICT_AT - 0.1 ? figureConflict(s.frame, c.frame) : null;
  if (fig) {
    const cDate = c.evidence[0]?.published ?? null;
    const later = Boolean(s.frame.time && cDate && s.frame.time > cDate);
    const { countries } = activeStory();
    const samePlace = s.frame.place.some((p) => !countries.has(p) && c.frame.place.includes(p));
    return {
      why: { kind: 'figure', mine: fig.mine, theirs: fig.theirs, update: fig.mine.min > fig.theirs.max && later },
      bonus: samePlace ? 0.1 : 0.05,
    };
  }
  const slot = slotConflict(s.frame, c.frame);
  if (
    slot &&
    (slot.slot.startsWith('role:') || rel >= (slot.slot.startsWith('eval:') ? CONFLICT_AT - 0.1 : CONFLICT_AT))
  ) {
    const what = slot.slot.replace(/^(role|unit|eval):/, '').replace(/_/g, ' ');
    return { why: { kind: 'slot', what, mine: slot.mine, theirs: slot.theirs }, bonus: SLOT_BONUS };
  }
  // An assertion conflicts with a denial only when the sentence is mostly about the denied proposition.
  const side = rel >= CONFLICT_AT && sim >= POLARITY_AT ? polaritySide(s.frame, c.frame) : null;
  if (side) return { why: { kind: 'polarity', side }, bonus: 0, margin: POLARITY_MARGIN };
  if (
    (sim >= DATE_CONFLICT_AT || (rel >= CONFLICT_AT && figureAgrees(s.frame, c.frame))) &&
    timeConflict(s.frame, c.frame)
  ) {
    return { why: { kind: 'date' }, bonus: 0 };
  }
  if (
    (sim >= DATE_CONFLICT_AT - 0.05 || (rel >= CONFLICT_AT && figureAgrees(s.frame, c.frame))) &&
    placeConflict(s.frame, c.frame)
  ) {
    return { why: { kind: 'place' }, bonus: 0 };
  }
  if (rel >= CERTAINTY_AT && certaintyConflict(s.frame, c.frame)) return { why: { kind: 'certainty' }, bonus: 0 };
  return null;
}

function sharesSlot(mine: readonly string[], c: KnownClaim): boolean {
  if (mine.length === 0) return false;
  const theirs = c.frame.detail?.slots;
  if (!theirs) return false;
  for (const k of mine) if (k in theirs) return true;
  return false;
}

function certaintyWord(f: KnownClaim['frame']): string {
  return f.detail?.hedged ? 'unverified' : 'confirmed';
}

/**
 * A restatement names no unit, office holder or judgement the known claim lacks. An office holder the claim names
 * in other words ("Kyrylo Budanov, the head of Ukrainian intelligence" for "spy chief Kyrylo Budanov") is no news.
 */
function slotsAllowKnown(s: AnalyzedSentence, mine: readonly string[], c: KnownClaim): boolean {
  if (mine.length === 0) return true;
  const theirs = c.frame.detail?.slots ?? {};
  const slots = s.frame.detail?.slots ?? {};
  return mine.every((k) => k in theirs || (k.startsWith('role:') && namedIn(slots[k] ?? '', c.text)));
}

/** Whether a person's name appears in a text, by its longer parts and allowing for transliteration ("Zelenskiy"). */
function namedIn(name: string, text: string): boolean {
  const lower = text.toLowerCase();
  const parts = name.split(' ').filter((p) => p.length >= 4);
  return parts.length > 0 && parts.some((p) => lower.includes(p.slice(0, Math.max(4, p.length - 2))));
}

/**
 * A restatement adds no detail the known claim lacks: each figure has a close figure there, and a stated date is
 * no more precise than the claim's ("June 19" is news to a claim that only says "in June").
 */
function detailsAllowKnown(s: AnalyzedSentence, c: KnownClaim): boolean {
  if (!figuresRestated(s.frame, c.frame)) return false;
  if (!placeRestated(s.frame.place, c.frame.place)) return false;
  // "may have been killed" is not restated by "was killed", nor the reverse
  if (
    (s.frame.modality === 'possible') !== (c.frame.modality === 'possible') &&
    (isFactual(s.frame) || isFactual(c.frame))
  )
    return false;
  if (!s.frame.detail?.timeStated) return true;
  if (c.frame.detail?.timeStated) return precision(s.frame.time) <= precision(c.frame.time);
  // a claim that states no date happened around its report: naming that report's month ("in early October") adds
  // nothing, nor does naming a month for a claim whose report is undated
  const p = precision(s.frame.time);
  return p === 0 || (p === 1 && (!c.frame.time || periodsCompatible(s.frame.time, c.frame.time)));
}

/** The sentence names no place more precise than the claim's (a region is news to a claim that names its country). */
function placeRestated(mine: readonly string[], theirs: readonly string[]): boolean {
  const { countries } = activeStory();
  const specific = mine.filter((p) => !countries.has(p));
  return specific.length === 0 || specific.some((p) => theirs.includes(p));
}

/** How precise a stated date is beyond its year: 0 (a year), 1 (a month), 2 (a day). */
function precision(time: string | null): number {
  const rest = (time ?? '').replace(/^(\d{4}|-)/, '');
  return rest.split('-').filter(Boolean).length;
}

/** A sentence that both asserts and denies something (", but Kyiv hasn't seen…") is compared on its content. */
/** "Could not be verified" restates no plain assertion, and "verified" restates no hedge. */
function certaintyAllowsKnown(a: KnownClaim['frame'], b: KnownClaim['frame']): boolean {
  return Boolean(a.detail?.hedged) === Boolean(b.detail?.hedged);
}

function polarityAllowsKnown(a: KnownClaim['frame'], b: KnownClaim['frame']): boolean {
  return a.polarity === b.polarity || isMixed(a) || isMixed(b);
}

/** The same figure again ("several thousand" / "several thousand") is strong evidence of a restatement. */
function figureBonus(a: KnownClaim['frame'], b: KnownClaim['frame']): number {
  if (!figureAgrees(a, b)) return 0;
  return (a.detail?.quantities.length ?? 0) > 0 && figuresRestated(a, b) ? 0.25 : 0.1;
}

function isFactual(f: KnownClaim['frame']): boolean {
  return f.modality === 'asserted' || f.modality === 'reported';
}

function isMixed(f: KnownClaim['frame']): boolean {
  return (f.detail?.affirmed ?? []).length > 0 && (f.detail?.denied ?? []).length > 0;
}

export function judgeSentence(s: AnalyzedSentence, index: ClaimIndex): SentenceJudgement {
  if (!s.onTopic) {
    return {
      sentence: s,
      verdict: 'offtopic',
      reason: offtopicReason(),
      matches: [],
    };
  }
  const candidates = index.candidates(s.keys, CANDIDATE_LIMIT);
  const comparer = createComparer(termTable(s.terms));
  try {
    return withPinnedFrame(s.frame, () => ruleJudgement(s, assessCandidates(s, candidates, comparer)));
  } finally {
    comparer.done();
  }
}

/**
 * Everything the rules know about one candidate: likeness of wording, the conflict it raises (if any), and whether
 * it may be restated. The rule verdict below and the learned judgement (learned/) both read these.
 */
export interface Assessment {
  claim: KnownClaim;
  cover: number;
  back: number;
  dice: number;
  /** Likeness of wording alone, before any bonus. */
  sim: number;
  rel: number;
  /** Too far apart to restate or contradict (little wording shared, no office or unit in common). */
  far: boolean;
  sameSide: boolean;
  conflict: { why: Why; bonus: number; margin?: number } | null;
  /** Bonus for figures and slots that agree. */
  agree: number;
  /** Each test a restatement must pass: polarity, certainty, proposition, details, slots. */
  gates: { polarity: boolean; certainty: boolean; proposition: boolean; details: boolean; slots: boolean };
}

const NO_GATES: Assessment['gates'] = {
  polarity: false,
  certainty: false,
  proposition: false,
  details: false,
  slots: false,
};

/** Assesses every candidate of `s` (the frame of `s` must be pinned: see judgeSentence). */
export function assessCandidates(
  s: AnalyzedSentence,
  candidates: readonly KnownClaim[],
  comparer: Comparer,
): Assessment[] {
  const mySlots = Object.keys(s.frame.detail?.slots ?? {});
  const out: Assessment[] = [];
  for (const c of candidates) {
    const o = comparer.overlap(c.terms);
    const sim = 0.7 * o.cover + 0.3 * o.dice;
    const rel = relatedness(o);
    const { cover, back, dice } = o;
    const side = sameSide(s.frame.attribution, c.frame.attribution);
    // too far apart to restate or contradict, unless both name the same office or unit
    const far = dice < 0.15 && !sharesSlot(mySlots, c);
    const conflict = far ? null : conflictReason(s, c, rel, sim);
    // a restatement needs at least this much wording in common, whatever bonus its figures or slots could add:
    // short of it, the tests a restatement must pass are not worth running
    const restatable = !far && !conflict && sim + MAX_AGREE_BONUS >= KNOWN_AT;
    const agree = restatable
      ? figureBonus(s.frame, c.frame) + (mySlots.some((k) => slotAgrees(s.frame, c.frame, k)) ? SLOT_BONUS : 0)
      : 0;
    const gates = restatable
      ? {
          polarity: polarityAllowsKnown(s.frame, c.frame),
          certainty: certaintyAllowsKnown(s.frame, c.frame),
          proposition: sameProposition(s.frame, c.frame),
          details: detailsAllowKnown(s, c),
          slots: slotsAllowKnown(s, mySlots, c),
        }
      : NO_GATES;
    out.push({ claim: c, cover, back, dice, sim, rel, far, sameSide: side, conflict, agree, gates });
  }
  return out;
}

/** Whether a candidate passes every test a restatement must pass. */
export function passesGates(g: Assessment['gates']): boolean {
  return g.polarity && g.certainty && g.proposition && g.details && g.slots;
}

/** The rules' verdict over assessed candidates; `best` names the match each relation's verdict rests on. */
export function ruleJudgement(s: AnalyzedSentence, assessments: readonly Assessment[]): SentenceJudgement {
  const supports: Scored[] = [];
  const conflicts: Scored[] = [];
  for (const a of assessments) {
    if (a.far) continue;
    const c = a.claim;
    const side = a.sameSide ? SIDE_BONUS : 0;
    const conflict = a.conflict;
    if (conflict) {
      const revision = s.frame.detail?.reversal ? REVERSAL_BONUS : 0;
      // the same side saying the opposite of what it said is the clearest contradiction
      const flip = conflict.margin && side ? SIDE_FLIP_BONUS : 0;
      conflicts.push({
        claim: c,
        sim: a.sim,
        score: a.sim + side + flip + revision + conflict.bonus,
        flip: flip > 0,
        why: conflict.why,
        margin: conflict.margin ?? 0,
        rank: conflict.margin ? 0 : FIGURE_FIRST,
      });
      continue;
    }
    if (a.sim + MAX_AGREE_BONUS < KNOWN_AT) continue;
    const score = a.sim + a.agree;
    if (score >= KNOWN_AT && passesGates(a.gates)) {
      supports.push({ claim: c, sim: a.sim, score: score + side, why: RESTATES });
    }
  }
  supports.sort((a, b) => b.score - a.score);
  // among conflicts, a figure or a named detail says more than a bare assertion against a denial
  conflicts.sort((a, b) => b.score + (b.rank ?? 0) - (a.score + (a.rank ?? 0)));
  const bestS = supports[0];
  // a side that reverses itself ("the Kremlin confirmed" what it called a hoax) is the news, whatever else it restates
  const reversal = bestS && conflicts.find((x) => x.flip && x.sim >= bestS.sim - NEW_CONFLICT_MARGIN);
  if (reversal) {
    conflicts.splice(conflicts.indexOf(reversal), 1);
    conflicts.unshift(reversal);
  }
  const bestC = conflicts[0];
  if (
    bestC &&
    (!bestS || reversal || bestC.score > bestS.score + (bestC.margin ?? 0) || revealsConflict(bestS, bestC))
  ) {
    return {
      sentence: s,
      verdict: 'contradicts',
      reason: explain(s, bestC.claim, bestC.why),
      matches: toMatches(s, conflicts, 'contradicts'),
    };
  }
  if (bestS) {
    return {
      sentence: s,
      verdict: 'known',
      reason: explain(s, bestS.claim, bestS.why),
      matches: toMatches(s, supports, 'supports'),
    };
  }
  return { sentence: s, verdict: 'new', reason: `no known claim matches ${describe(s)}`, matches: [] };
}

/**
 * A sentence that agrees with one known claim and conflicts with another restates a known disagreement when those
 * two claims already conflict; when they do not, it brings a new one and the conflict is the news.
 */
function revealsConflict(support: Scored, conflict: Scored): boolean {
  // a sentence can restate one claim and contradict another: if the wording fits both about as well, the conflict is news
  if (conflict.sim < support.sim - NEW_CONFLICT_MARGIN) return false;
  const a = support.claim;
  const asSentence: AnalyzedSentence = { text: a.text, onTopic: true, frame: a.frame, terms: a.terms, keys: [] };
  // whether the two known claims disagree in substance; how alike their wording is does not matter here
  return conflictReason(asSentence, conflict.claim, 1, 1) === null;
}

/**
 * The best matches. Each one's reason is written when first read (most callers only read the judgement's); the
 * getter lives on a prototype, so no function is made per match, and `reason` is still an enumerable-looking field to
 * `in` and property reads (it is not an own property: spread a match and the reason is not copied).
 */
function toMatches(s: AnalyzedSentence, list: Scored[], relation: ClaimMatch['relation']): ClaimMatch[] {
  return list.slice(0, MAX_MATCHES).map((x) => new LazyMatch(s, x, relation));
}

class LazyMatch implements ClaimMatch {
  readonly claim: KnownClaim;
  readonly relation: ClaimMatch['relation'];
  readonly score: number;
  #reason: string | undefined;
  readonly #sentence: AnalyzedSentence;
  readonly #why: Why;

  constructor(s: AnalyzedSentence, x: Scored, relation: ClaimMatch['relation']) {
    this.claim = x.claim;
    this.relation = relation;
    this.score = Math.round(x.score * 1000) / 1000;
    this.#sentence = s;
    this.#why = x.why;
  }

  get reason(): string {
    this.#reason ??= explain(this.#sentence, this.claim, this.#why);
    return this.#reason;
  }

  toJSON() {
    return { claim: this.claim, relation: this.relation, score: this.score, reason: this.reason };
  }
}

/** "<actor> deploy troops in <place> (<source>)": what the engine read, for the reason of a new claim. */
export function describe(s: AnalyzedSentence): string {
  const f = s.frame;
  const parts = [
    f.actor ? activeStory().actorName(f.actor) : null,
    f.polarity === 'denied' ? 'not' : null,
    f.action,
    f.theme,
    f.quantity?.text,
    f.place[0] ? `in ${f.place[0]}` : null,
  ];
  const what = parts.filter(Boolean).join(' ') || clip(s.text, 60);
  return f.attribution ? `${what} ${sentenceSide(s)}` : what;
}

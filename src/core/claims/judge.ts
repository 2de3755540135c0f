/**
 * Verdicts: offtopic, known (same event, compatible figures, same polarity), contradicts (cannot both be true), new.
 * Candidates come from the index by key, never from a scan.
 */
import {
  figureAgrees,
  figureConflict,
  polarityConflict,
  sameProposition,
  sameSide,
  similarity,
  slotAgrees,
  slotConflict,
} from './compare.ts';
import { claimSide, clip, figureText, quoteOf, sentenceSide } from './reason.ts';
import type { AnalyzedSentence, ClaimIndex, ClaimMatch, KnownClaim, SentenceJudgement } from './types.ts';

export const CANDIDATE_LIMIT = 40;
const KNOWN_AT = 0.5;
const CONFLICT_AT = 0.3;
const MAX_MATCHES = 3;

interface Scored {
  claim: KnownClaim;
  score: number;
  reason: string;
}

function newer(a: string | null, b: string | null): boolean {
  return Boolean(a && b && a > b);
}

export function judgeSentence(s: AnalyzedSentence, index: ClaimIndex): SentenceJudgement {
  if (!s.onTopic) {
    return {
      sentence: s,
      verdict: 'offtopic',
      reason: 'not about North Korean help to Russia or the war against Ukraine',
      matches: [],
    };
  }
  const published = s.frame.detail?.timeStated ? null : s.frame.time;
  const candidates = index.candidates(s.keys, CANDIDATE_LIMIT);
  const supports: Scored[] = [];
  const conflicts: Scored[] = [];
  const slotNames = Object.keys(s.frame.detail?.slots ?? {});
  const slotBacked = new Set(slotNames.filter((slot) => candidates.some((c) => slotAgrees(s.frame, c.frame, slot))));
  for (const c of candidates) {
    const sim = similarity(s.terms, c.terms);
    const bonus = sameSide(s.frame.attribution, c.frame.attribution) ? 0.1 : 0;
    const fig = figureConflict(s.frame, c.frame);
    if (fig && sim >= CONFLICT_AT - 0.1) {
      const cDate = c.evidence[0]?.published ?? null;
      const update =
        fig.mine.min > fig.theirs.max && newer(s.frame.time, cDate)
          ? '; the newer, higher figure may be an update'
          : '';
      conflicts.push({
        claim: c,
        score: sim + bonus + 0.1,
        reason: `${figureText(fig.mine)} ${sentenceSide(s, published)} vs "${fig.theirs.text}" ${claimSide(c)}${update}`,
      });
      continue;
    }
    const slot = slotConflict(s.frame, c.frame);
    if (slot && !slotBacked.has(slot.slot) && (slot.slot.startsWith('role:') || sim >= CONFLICT_AT)) {
      const what = slot.slot.replace(/^(role|unit):/, '').replace(/_/g, ' ');
      conflicts.push({
        claim: c,
        score: sim + bonus + 0.2,
        reason: `${what}: ${slot.mine} ${sentenceSide(s, published)} vs ${slot.theirs} ${claimSide(c)}`,
      });
      continue;
    }
    if (sim >= CONFLICT_AT && polarityConflict(s.frame, c.frame)) {
      const mine = s.frame.polarity === 'denied' ? 'denial' : 'assertion';
      const theirs = c.frame.polarity === 'denied' ? 'denial' : 'assertion';
      conflicts.push({
        claim: c,
        score: sim + bonus,
        reason: `${mine} "${clip(s.text, 70)}" ${sentenceSide(s, published)} vs ${theirs} ${quoteOf(c, 70)} ${claimSide(c)}`,
      });
      continue;
    }
    const agreeBonus = figureAgrees(s.frame, c.frame) ? 0.15 : 0;
    const score = sim + agreeBonus;
    if (score >= KNOWN_AT && s.frame.polarity === c.frame.polarity && sameProposition(s.frame, c.frame)) {
      supports.push({ claim: c, score: score + bonus, reason: `restates ${quoteOf(c)} ${claimSide(c)}` });
    }
  }
  supports.sort((a, b) => b.score - a.score);
  conflicts.sort((a, b) => b.score - a.score);
  const bestS = supports[0];
  const bestC = conflicts[0];
  if (bestC && (!bestS || bestC.score >= bestS.score - 0.05)) {
    return { sentence: s, verdict: 'contradicts', reason: bestC.reason, matches: toMatches(conflicts, 'contradicts') };
  }
  if (bestS) return { sentence: s, verdict: 'known', reason: bestS.reason, matches: toMatches(supports, 'supports') };
  return { sentence: s, verdict: 'new', reason: `no known claim matches ${describe(s)}`, matches: [] };
}

function toMatches(list: Scored[], relation: ClaimMatch['relation']): ClaimMatch[] {
  return list
    .slice(0, MAX_MATCHES)
    .map((x) => ({ claim: x.claim, relation, score: Math.round(x.score * 1000) / 1000 }));
}

/** "deploy troops in kursk (NIS)" — what the engine read, for the reason of a new claim. */
function describe(s: AnalyzedSentence): string {
  const f = s.frame;
  const parts = [
    f.actor === 'dprk' ? 'North Korea' : f.actor,
    f.action,
    f.theme,
    f.quantity?.text,
    f.place[0] ? `in ${f.place[0]}` : null,
  ];
  const what = parts.filter(Boolean).join(' ') || clip(s.text, 60);
  return f.attribution ? `${what} ${sentenceSide(s, null)}` : what;
}

/**
 * Turns the engine's judgements into known claims: what a source said becomes a claim, evidence on a claim, or a
 * claim plus the contradiction it raises. Callers run it inside a transaction.
 */
import { analyzeDocument, asOneRead, judgeSentence } from './claims/index.ts';
import type {
  AnalyzedSentence,
  ClaimIndex,
  ClaimMatch,
  DocumentInput,
  KnownClaim,
  SentenceJudgement,
} from './claims/types.ts';
import type { ClaimStore } from './store-ports.ts';

export interface Provenance {
  /** A seed file name or an item link. */
  source: string;
  published: string | null;
}

export interface LearnSummary {
  claims: number;
  evidence: number;
  relations: number;
}

/**
 * new → a new claim; known → evidence on the best supporting match; contradicts → a new claim related to each claim
 * it contradicts; offtopic → nothing. The same exact sentence from the same source is stored once.
 */
export function learnFromJudgements(
  store: ClaimStore,
  judgements: readonly SentenceJudgement[],
  provenance: Provenance,
  onClaim?: (claim: KnownClaim) => void,
): LearnSummary {
  const summary: LearnSummary = { claims: 0, evidence: 0, relations: 0 };
  const done = new Set<string>();
  for (const j of judgements) {
    if (j.verdict === 'offtopic') continue;
    const quote = j.sentence.text;
    if (done.has(quote)) continue;
    done.add(quote);
    const evidence = {
      source: provenance.source,
      quote,
      published: provenance.published,
      speaker: j.sentence.frame.attribution,
    };
    const support = bestMatch(j.matches, 'supports');
    if (j.verdict === 'known' && support) {
      store.addEvidence(support.claim.id, evidence);
      summary.evidence++;
      continue;
    }
    const claim = store.addClaim(j.sentence, evidence);
    onClaim?.(claim);
    summary.claims++;
    if (j.verdict !== 'contradicts') continue;
    for (const [m, reason] of contradictions(j)) {
      if (m.claim.id === claim.id) continue;
      store.addRelation(claim.id, m.claim.id, 'contradicts', reason);
      summary.relations++;
    }
  }
  return summary;
}

/**
 * The claims a contradicting sentence conflicts with, each with the reason that names it. The judgement's reason
 * names its best match only; other matches are related when the engine gives them a reason of their own.
 */
function contradictions(j: SentenceJudgement): Array<[ClaimMatch, string]> {
  const found = j.matches.filter((m) => m.relation === 'contradicts');
  const best = bestMatch(found, 'contradicts');
  return found.flatMap((m): Array<[ClaimMatch, string]> => {
    const own = 'reason' in m && typeof m.reason === 'string' ? m.reason : undefined;
    if (own) return [[m, own]];
    return m === best ? [[m, j.reason]] : [];
  });
}

function bestMatch(matches: readonly ClaimMatch[], relation: ClaimMatch['relation']): ClaimMatch | undefined {
  let best: ClaimMatch | undefined;
  for (const m of matches) if (m.relation === relation && (!best || m.score > best.score)) best = m;
  return best;
}

/** A sentence the bot learned from a feed or `check --learn`, as its evidence holds it. */
export interface LearnedSentence {
  source: string;
  quote: string;
  published: string | null;
}

/**
 * Learns again, in the order they were first read, sentences learned against an earlier build: each is judged
 * against what the database holds now (the new seeds, then what was relearned before it), so one that the new seeds
 * tell becomes evidence on their claim, and the rest come back as claims with their provenance.
 */
export function relearn(
  store: ClaimStore,
  sentences: readonly LearnedSentence[],
  judge?: (s: AnalyzedSentence, index: ClaimIndex) => SentenceJudgement,
): LearnSummary {
  const summary: LearnSummary = { claims: 0, evidence: 0, relations: 0 };
  for (const l of sentences) {
    const before = store.counts();
    judgeAndLearn(store, { text: l.quote, ...(l.published ? { published: l.published } : {}) }, l, judge);
    const after = store.counts();
    summary.claims += after.claims - before.claims;
    summary.evidence += after.evidence - before.evidence - (after.claims - before.claims);
  }
  return summary;
}

/**
 * Judges a document sentence by sentence, learning each before judging the next, so a sentence the document repeats
 * (a pull quote, a paragraph pasted twice) is known the second time and stored once.
 */
export function judgeAndLearn(
  store: ClaimStore,
  doc: DocumentInput,
  provenance: Provenance,
  judge: (s: AnalyzedSentence, index: ClaimIndex) => SentenceJudgement = judgeSentence,
): SentenceJudgement[] {
  return judgeAndLearnWithin(store, doc, provenance, judge, {}).judgements;
}

/** How much of a document may be judged and learned (a hostile or broken feed item must not cost without bound). */
export interface LearnLimits {
  /** Sentences judged; the rest are not read. */
  sentences?: number;
  /** New claims stored; past it, sentences are judged but nothing more is stored. */
  claims?: number;
}

export interface BoundedJudgement {
  judgements: SentenceJudgement[];
  /** Sentences the document holds, and how many were judged. */
  sentences: number;
  judged: number;
  /** Sentences judged new or contradicting that were not stored because the claims limit was reached. */
  unlearned: number;
}

/** judgeAndLearn within `limits`, saying what was left out. */
export function judgeAndLearnWithin(
  store: ClaimStore,
  doc: DocumentInput,
  provenance: Provenance,
  judge: (s: AnalyzedSentence, index: ClaimIndex) => SentenceJudgement,
  limits: LearnLimits,
): BoundedJudgement {
  const judgements: SentenceJudgement[] = [];
  const learned = new Set<string>();
  // claims this document taught: a later sentence of it may restate them, never contradict them
  const fresh = new Set<number>();
  const sentences = analyzeDocument(doc);
  const judged = Math.min(sentences.length, limits.sentences ?? Number.POSITIVE_INFINITY);
  let stored = 0;
  let unlearned = 0;
  const learnAll = () => {
    for (const sentence of sentences.slice(0, judged)) {
      const judgement = judgeBesideOwnClaims(sentence, store, fresh, judge);
      judgements.push(judgement);
      if (learned.has(sentence.text)) continue;
      learned.add(sentence.text);
      const storesClaim = judgement.verdict === 'new' || judgement.verdict === 'contradicts';
      if (storesClaim && stored >= (limits.claims ?? Number.POSITIVE_INFINITY)) {
        unlearned += 1;
        continue;
      }
      stored += learnFromJudgements(store, [judgement], provenance, (claim) => fresh.add(claim.id)).claims;
    }
  };
  asOneRead(store, learnAll);
  return { judgements, sentences: sentences.length, judged, unlearned };
}

/**
 * An article that reports both sides (the denial, then the claim denied) does not contradict itself: a sentence whose
 * contradiction involves a claim this document just taught is judged again without those claims, so it is compared
 * with what was known before the document alone. Restating them is left alone (a repeated paragraph stays known).
 */
function judgeBesideOwnClaims(
  sentence: AnalyzedSentence,
  index: ClaimIndex,
  own: ReadonlySet<number>,
  judge: (s: AnalyzedSentence, index: ClaimIndex) => SentenceJudgement,
): SentenceJudgement {
  const judgement = judge(sentence, index);
  if (judgement.verdict !== 'contradicts') return judgement;
  if (!judgement.matches.some((m) => m.relation === 'contradicts' && own.has(m.claim.id))) return judgement;
  return judge(sentence, withoutClaims(index, own));
}

/** The index with some claims hidden from candidate lookup. */
function withoutClaims(index: ClaimIndex, hidden: ReadonlySet<number>): ClaimIndex {
  return {
    candidates: (keys, limit) =>
      index
        .candidates(keys, limit + hidden.size)
        .filter((c) => !hidden.has(c.id))
        .slice(0, limit),
  };
}

/** Serializable reports of judgements, for `check --json`, alerts and chat replies. */
import { type ClaimReport, type ItemReport, type SentenceJudgement, VERDICT_STRENGTH, type Verdict } from './types.ts';

export function toClaimReport(j: SentenceJudgement): ClaimReport {
  return {
    sentence: j.sentence.text,
    verdict: j.verdict,
    reason: j.reason,
    matches: j.matches.map((m) => ({
      claimId: m.claim.id,
      text: m.claim.text,
      relation: m.relation,
      evidence: m.claim.evidence.map((e) => ({ source: e.source, quote: e.quote, published: e.published })),
    })),
    ...(j.judgedBy ? { judgedBy: j.judgedBy } : {}),
  };
}

/** The item's verdict is the strongest of its sentences' (contradicts > new > known > offtopic). */
export function toItemReport(js: readonly SentenceJudgement[]): ItemReport {
  let verdict: Verdict = 'offtopic';
  for (const j of js) if (VERDICT_STRENGTH[j.verdict] > VERDICT_STRENGTH[verdict]) verdict = j.verdict;
  return { verdict, claims: js.map(toClaimReport) };
}

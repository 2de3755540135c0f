/**
 * The optional LLM judge: it wraps the learned engine's verdicts, never its rules or weights. For each sentence the
 * engine reads, the judge may be asked (mode `all`: every on-topic sentence with candidates; `uncertain`: only those
 * in the engine's uncertain band), with the engine's top candidates. Its answer replaces the engine's verdict and says
 * so (`judged by <model>`); a missing, malformed or over-budget answer leaves the engine's verdict standing.
 *
 * Judging stays synchronous (it runs inside the watcher's transaction): `prepare(doc)` asks the model beforehand, for
 * every sentence of the document not yet answered, and stores the answers in the cache; `judge` then reads only the
 * cache. A sentence whose candidates changed in between (claims the same document taught) is a cache miss: the
 * engine judges it.
 */
import { createHash } from 'node:crypto';
import { analyzeDocument, TRAINED_MODEL } from '../claims/index.ts';
import { type LearnedReading, readLearned, type Scores } from '../claims/learned/judge-learned.ts';
import { clip } from '../claims/reason.ts';
import type {
  AnalyzedSentence,
  ClaimIndex,
  ClaimMatch,
  DocumentInput,
  KnownClaim,
  SentenceJudgement,
  Verdict,
} from '../claims/types.ts';
import type { Log } from '../watch/ports.ts';
import { ANSWER_SCHEMA, parseAnswer } from './answer.ts';
import { type JudgeAnswer, type LlmAnswerCache, type LlmBudget, LlmCallError, type LlmClient } from './ports.ts';
import { buildPrompt } from './prompt.ts';

export type LlmMode = 'off' | 'uncertain' | 'all';
export const LLM_MODES: readonly LlmMode[] = ['off', 'uncertain', 'all'];

/** Candidates offered to the judge: the engine's best few, ranked by its pair scores. */
export const OFFERED_CANDIDATES = 5;

/**
 * The engine's uncertain band: its verdict's probability (the sentence model's calibrated softmax) is below this, or
 * it names a runner-up contradiction (probability of contradicts ≥ RUNNER_UP_AT without saying contradicts).
 */
export const UNCERTAIN_BELOW = 0.75;
export const RUNNER_UP_AT = 0.2;

const VERDICTS: readonly Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];

export interface LlmJudgeDeps {
  client: LlmClient;
  cache: LlmAnswerCache;
  budget: LlmBudget;
  log: Log;
  model: string;
  mode: Exclude<LlmMode, 'off'>;
}

/** What one `prepare` did: calls made, answers found in the cache, calls that brought no usable answer. */
export interface PrepareSummary {
  asked: number;
  cached: number;
  failed: number;
  /** Sentences left to the engine because the hourly budget was spent. */
  overBudget: number;
}

export interface LlmJudge {
  readonly model: string;
  readonly mode: Exclude<LlmMode, 'off'>;
  /**
   * Asks the model about each sentence of `doc` (the first `limit`) that it would judge and has no cached answer for.
   * Never throws: a failure is one warning and the engine's verdicts stand.
   */
  prepare(doc: DocumentInput, index: ClaimIndex, limit?: number): Promise<PrepareSummary>;
  /** The engine's judgement, or the cached answer of the judge when there is one. Synchronous. */
  judge(s: AnalyzedSentence, index: ClaimIndex): SentenceJudgement;
  /** Totals since the judge was made (eval prints them). */
  totals(): PrepareSummary & { judged: number };
}

interface Question {
  key: string;
  offered: KnownClaim[];
}

export function createLlmJudge(deps: LlmJudgeDeps): LlmJudge {
  const { client, cache, budget, log, model, mode } = deps;
  const totals = { asked: 0, cached: 0, failed: 0, overBudget: 0, judged: 0 };

  function consider(s: AnalyzedSentence, index: ClaimIndex): { reading: LearnedReading; question: Question | null } {
    const reading = readLearned(s, index, TRAINED_MODEL);
    const { scores } = reading;
    if (!scores || reading.exact) return { reading, question: null };
    if (!s.onTopic && reading.judgement.verdict === 'offtopic') return { reading, question: null };
    if (mode === 'uncertain' && !inUncertainBand(reading.judgement.verdict, scores)) return { reading, question: null };
    const offered = rankCandidates(scores).slice(0, OFFERED_CANDIDATES);
    if (offered.length === 0) return { reading, question: null };
    return { reading, question: { key: answerKey(model, s.text, offered), offered } };
  }

  return {
    model,
    mode,
    async prepare(doc, index, limit) {
      const summary: PrepareSummary = { asked: 0, cached: 0, failed: 0, overBudget: 0 };
      const sentences = analyzeDocument(doc).slice(0, limit ?? Number.POSITIVE_INFINITY);
      const seen = new Set<string>();
      let stopped = false;
      for (const s of sentences) {
        const { question } = consider(s, index);
        if (!question || seen.has(question.key)) continue;
        seen.add(question.key);
        if (cache.get(question.key)) {
          summary.cached++;
          continue;
        }
        if (stopped) {
          summary.failed++;
          continue;
        }
        if (!budget.take()) {
          summary.overBudget++;
          continue;
        }
        summary.asked++;
        const outcome = await ask(s, doc, question);
        if (outcome === 'ok') continue;
        summary.failed++;
        // the server failed (error, timeout): the rest of this document is left to the engine, without more waiting
        if (outcome === 'server') stopped = true;
      }
      if (summary.overBudget > 0) {
        log.warn(
          { model, sentences: summary.overBudget },
          "LLM judge: CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR reached; the engine's verdicts stand for these sentences",
        );
      }
      totals.asked += summary.asked;
      totals.cached += summary.cached;
      totals.failed += summary.failed;
      totals.overBudget += summary.overBudget;
      return summary;
    },
    judge(s, index) {
      const { reading, question } = consider(s, index);
      if (!question || !reading.scores) return reading.judgement;
      const answer = cache.get(question.key);
      if (!answer) return reading.judgement;
      const offered = question.offered.find((c) => c.id === answer.claim);
      if (answer.claim !== null && !offered) return reading.judgement;
      totals.judged++;
      return withAnswer(reading.judgement, reading.scores, answer, offered, model);
    },
    totals: () => ({ ...totals }),
  };

  async function ask(s: AnalyzedSentence, doc: DocumentInput, q: Question): Promise<'ok' | 'answer' | 'server'> {
    const sentence = clip(s.text, 80);
    let content: string;
    try {
      content = await client.complete({
        model,
        messages: buildPrompt({ sentence: s.text, title: doc.title, published: doc.published, candidates: q.offered }),
        schema: { name: ANSWER_SCHEMA.name, schema: ANSWER_SCHEMA.schema },
      });
    } catch (err) {
      const error = err instanceof LlmCallError ? err.message : err instanceof Error ? err.message : String(err);
      log.warn(
        { model, sentence, error },
        "LLM judge: no answer from the server; the engine's verdict stands (and for the rest of this text)",
      );
      return 'server';
    }
    const parsed = parseAnswer(
      content,
      q.offered.map((c) => c.id),
    );
    if (!parsed.ok) {
      log.warn({ model, sentence, problem: parsed.problem }, "LLM judge: answer refused; the engine's verdict stands");
      return 'answer';
    }
    cache.put(q.key, { model, sentence: s.text, answer: parsed.answer });
    return 'ok';
  }
}

/** Whether the engine is unsure of its verdict: see UNCERTAIN_BELOW. */
export function inUncertainBand(verdict: Verdict, scores: Pick<Scores, 'verdict'>): boolean {
  const p = scores.verdict[VERDICTS.indexOf(verdict)] ?? 0;
  if (p < UNCERTAIN_BELOW) return true;
  return verdict !== 'contradicts' && (scores.verdict[1] ?? 0) >= RUNNER_UP_AT;
}

/** The candidates the engine weighed, most likely related first (its support or contradiction score, then wording). */
function rankCandidates(scores: Scores): KnownClaim[] {
  return scores.assessments
    .map((a, i) => ({ a, p: Math.max(scores.support[i] ?? 0, scores.conflict[i] ?? 0) }))
    .sort((x, y) => y.p - x.p || y.a.sim - x.a.sim || x.a.claim.id - y.a.claim.id)
    .map(({ a }) => a.claim);
}

/** The cache key: the model, the sentence, and the claims offered (ids with their text, so a rebuild cannot alias). */
export function answerKey(model: string, sentence: string, offered: readonly KnownClaim[]): string {
  const payload = JSON.stringify([model, sentence, offered.map((c) => [c.id, c.text])]);
  return createHash('sha256').update(payload).digest('hex');
}

/** The engine's judgement replaced by the judge's answer, the reason saying who judged it and what the engine said. */
function withAnswer(
  engine: SentenceJudgement,
  scores: Scores,
  answer: JudgeAnswer,
  claim: KnownClaim | undefined,
  model: string,
): SentenceJudgement {
  const said =
    engine.verdict === answer.verdict ? `the engine said ${engine.verdict} too` : `the engine said ${engine.verdict}`;
  const by = `judged by ${model}: ${answer.reason}`;
  if (!claim || (answer.verdict !== 'known' && answer.verdict !== 'contradicts')) {
    return {
      sentence: engine.sentence,
      verdict: answer.verdict,
      reason: `${by}; ${said}`,
      matches: [],
      judgedBy: model,
    };
  }
  const relation = answer.verdict === 'known' ? 'supports' : 'contradicts';
  const i = scores.assessments.findIndex((a) => a.claim.id === claim.id);
  const p = (relation === 'supports' ? scores.support[i] : scores.conflict[i]) ?? 0;
  const first = claim.evidence[0];
  const word = relation === 'supports' ? 'restates' : 'contradicts';
  const why = `${by} (${word} #${claim.id} "${clip(claim.text, 60)}" (${first?.source ?? 'unknown source'}))`;
  const top: ClaimMatch = { claim, relation, score: Math.round(p * 1000) / 1000, reason: why };
  const others = engine.matches.filter((m) => m.relation === relation && m.claim.id !== claim.id);
  return {
    sentence: engine.sentence,
    verdict: answer.verdict,
    reason: `${why}; ${said}`,
    matches: [top, ...others],
    judgedBy: model,
  };
}

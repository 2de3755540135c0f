/**
 * `eval --llm`: the engine with the LLM judge over it, scored beside the engine alone on the same rows, with what the
 * judge cost (calls made, answers found in the cache, failures, sentences over the hourly budget).
 */
import { type DocumentInput, judgeDocument, type SentenceJudge } from '../claims/index.ts';
import type { ClaimIndex } from '../claims/types.ts';
import type { LlmJudge } from '../llm/llm-judge.ts';
import type { LabelledSentence } from './labelled-set.ts';
import { type EvalInput, type EvalReport, runEval, type SystemReport } from './run.ts';

export interface LlmEvalReport extends EvalReport {
  llm: {
    model: string;
    mode: string;
    /** Requests sent to the server in this run. */
    calls: number;
    cached: number;
    failed: number;
    overBudget: number;
    /** Sentences whose verdict is the judge's. */
    judged: number;
    /** The engine with the judge, scored like `engine`. */
    withJudge: SystemReport;
    /** withJudge minus the engine alone. */
    delta: { macroF1: number; contradictsF1: number };
  };
}

export async function runLlmEval(
  input: Omit<EvalInput, 'judge'> & { index: ClaimIndex; engine: SentenceJudge; llm: LlmJudge },
): Promise<LlmEvalReport> {
  for (const row of input.rows) await input.llm.prepare(toDocument(row), input.index);
  const before = input.llm.totals().judged;
  const base = { rows: input.rows, claims: input.claims, ...(input.baseline ? { baseline: input.baseline } : {}) };
  const alone = runEval({ ...base, judge: (doc) => judgeDocument(doc, input.index, input.engine) });
  const judged = runEval({ ...base, judge: (doc) => judgeDocument(doc, input.index, input.llm.judge) });
  const t = input.llm.totals();
  return {
    ...alone,
    llm: {
      model: input.llm.model,
      mode: input.llm.mode,
      calls: t.asked,
      cached: t.cached,
      failed: t.failed,
      overBudget: t.overBudget,
      judged: t.judged - before,
      withJudge: judged.engine,
      delta: {
        macroF1: judged.engine.macroF1 - alone.engine.macroF1,
        contradictsF1: judged.engine.perClass.contradicts.f1 - alone.engine.perClass.contradicts.f1,
      },
    },
  };
}

/** As runEval reads a row: a one-sentence document with its date. */
function toDocument(row: LabelledSentence): DocumentInput {
  return row.published ? { text: row.sentence, published: row.published } : { text: row.sentence };
}

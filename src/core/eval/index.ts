/**
 * Measuring the engine on a labelled set (claims.md, "Measuring"): parse the set, judge every sentence with the
 * engine and with a keyword baseline over the same known claims, score both by the same rule, report.
 */
export { createKeywordBaseline, DEFAULT_MIN_SHARED, topicKeywordsOf } from './baseline.ts';
export { formatEvalReport, formatLlmSection } from './format.ts';
export { type LabelledSentence, parseLabelledSet, toLabelledSentence, VERDICTS } from './labelled-set.ts';
export { type LlmEvalReport, runLlmEval } from './llm-run.ts';
export {
  type ClassMetrics,
  type ConfusionMatrix,
  classMetrics,
  computeMetrics,
  type SystemMetrics,
} from './metrics.ts';
export { type EvalInput, type EvalReport, engineJudge, type Mistake, runEval, type SystemReport } from './run.ts';
export {
  normalizeForMatch,
  type Outcome,
  type Prediction,
  pointsAtSeed,
  predictionFromJudgements,
  scorePrediction,
} from './scoring.ts';

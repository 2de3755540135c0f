/**
 * Per-class precision, recall and F1, macro-F1 and a confusion matrix, from scored answers.
 *
 * A `known`/`contradicts` answer with the right verdict but the wrong seed sentence (`wrong_seed`) is not a true
 * positive: it counts as a false positive of the predicted class and a false negative of the labelled class, like any
 * other mistake. The confusion matrix keeps it on the diagonal (the verdict was that class) and `wrongSeed` says how
 * many of the diagonal cell were such answers, so `confusion[c][c] - wrongSeed[c]` is the number right.
 */
import type { Verdict } from '../claims/types.ts';
import { VERDICTS } from './labelled-set.ts';
import type { Outcome } from './scoring.ts';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Sentences labelled with the class. */
  support: number;
  /** Answers giving the class. */
  predicted: number;
  /** Answers giving the class that were right (verdict and, for known/contradicts, the seed sentence). */
  correct: number;
}

/** Rows: the label; columns: the verdict given. */
export type ConfusionMatrix = Record<Verdict, Record<Verdict, number>>;

export interface SystemMetrics {
  perClass: Record<Verdict, ClassMetrics>;
  /** Unweighted mean of the four classes' F1. */
  macroF1: number;
  /** Share of sentences answered right. */
  accuracy: number;
  confusion: ConfusionMatrix;
  /** Answers with the labelled verdict that pointed at another seed sentence, by class. */
  wrongSeed: Record<Verdict, number>;
}

export interface ScoredAnswer {
  label: Verdict;
  verdict: Verdict;
  outcome: Outcome;
}

export function computeMetrics(answers: readonly ScoredAnswer[]): SystemMetrics {
  const confusion = perVerdict(() => perVerdict(() => 0));
  const wrongSeed = perVerdict(() => 0);
  const support = perVerdict(() => 0);
  const predicted = perVerdict(() => 0);
  const correct = perVerdict(() => 0);
  for (const a of answers) {
    confusion[a.label][a.verdict] += 1;
    support[a.label] += 1;
    predicted[a.verdict] += 1;
    if (a.outcome === 'right') correct[a.verdict] += 1;
    if (a.outcome === 'wrong_seed') wrongSeed[a.verdict] += 1;
  }
  const perClass = perVerdict((v) => classMetrics(correct[v], predicted[v], support[v]));
  const macroF1 = VERDICTS.reduce((sum, v) => sum + perClass[v].f1, 0) / VERDICTS.length;
  const right = VERDICTS.reduce((sum, v) => sum + correct[v], 0);
  return {
    perClass,
    macroF1,
    accuracy: answers.length === 0 ? 0 : right / answers.length,
    confusion,
    wrongSeed,
  };
}

/** Precision and recall are 0 when nothing was predicted or labelled (no credit for silence); F1 likewise. */
export function classMetrics(correct: number, predicted: number, support: number): ClassMetrics {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = support === 0 ? 0 : correct / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support, predicted, correct };
}

function perVerdict<T>(make: (v: Verdict) => T): Record<Verdict, T> {
  return { known: make('known'), contradicts: make('contradicts'), new: make('new'), offtopic: make('offtopic') };
}

/**
 * Labelled sentences → training rows for `npm run train`: the tuning sets of real reporting, and the desk's marks
 * (`claimwatch feedback export`, read with `--feedback FILE`). A desk mark counts DESK_WEIGHT times an ordinary label:
 * an analyst looked at that very sentence against that very claim, where a tuning-set label is one of thousands
 * written in bulk, and a mark that counted once would hardly move the model.
 */
import { analyzeDocument } from '../core/claims/index.ts';
import type { TrainingRow } from '../core/claims/learned/train.ts';
import type { LabelledSentence } from '../core/eval/labelled-set.ts';

export const DESK_WEIGHT = 3;

/** Rows of one set; `set` names its articles' groups (folds never split an article). */
export function trainingRows(labelled: readonly LabelledSentence[], set: string, weight = 1): TrainingRow[] {
  return labelled.map((r) => ({
    group: `${set}:${r.item ?? r.line}`,
    text: r.sentence,
    label: r.label,
    seed: r.seed,
    sentences: analyzeDocument({ text: r.sentence, ...(r.published ? { published: r.published } : {}) }),
    ...(weight !== 1 ? { weight } : {}),
  }));
}

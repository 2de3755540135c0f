/**
 * Training the learned judgement from labelled sentences (claims.md format, grouped by article). Pure: the caller
 * reads the files and builds each story's seed index. Deterministic: folds come from article ids, the learner starts
 * from zero. Rows come in parts, one per story, each read against its own seeds with its own story active: the
 * model learns what holds across stories (the sentence model sees a story's names as their roles, story-words.ts).
 *
 * 1. Each sentence's candidates are assessed by the rules; the candidate whose evidence holds the labelled seed
 *    sentence is the pair labelled supports (known) or contradicts; every other pair is none.
 * 2. The pair model is fitted on all pairs. The sentence model is fitted on features made with out-of-fold pair
 *    scores (each article's pairs scored by a pair model that never saw that article), as it will meet new text.
 * 3. The L2 penalty, the vocabulary size and the contradicts threshold are chosen on out-of-fold sentence scores:
 *    for each penalty and vocabulary the threshold with the best contradicts F0.5 (a wrong contradiction costs a desk
 *    more than a missed one), then the pair whose macro-F1 is best at its threshold.
 * 4. The verdict trees (boost.ts) are grown on the sentence cues and the out-of-fold sentence probabilities of the
 *    sentences read with their examples; their threshold is chosen the same way, on trees that never saw the fold
 *    (grown on sentence probabilities from an inner split of the other folds).
 */
import { pointsAtSeed } from '../../eval/scoring.ts';
import { activeStory, useStory } from '../../story/active-story.ts';
import type { Story } from '../../story/story.ts';
import { withPinnedFrame } from '../compare.ts';
import { type Assessment, assessCandidates, ruleJudgement } from '../judge.ts';
import { createComparer, termTable } from '../similarity.ts';
import type { AnalyzedSentence, ClaimIndex, SentenceJudgement, Verdict } from '../types.ts';
import { type BoostModel, predictBoost, trainBoost, VERDICT_BOOST } from './boost.ts';
import {
  createExampleIndex,
  type ExampleIndex,
  exampleTerms,
  type LabelledExample,
  NEIGHBOURS,
  type Neighbour,
} from './examples.ts';
import { PAIR_FEATURES, pairFeatures, SENTENCE_FEATURES, sentenceFeatures } from './features.ts';
import {
  decide,
  type JudgeModel,
  learnedCandidates,
  listedCandidates,
  scorePairs,
  VERDICT_INPUTS,
  verdictInput,
} from './judge-learned.ts';
import { predict, type SoftmaxModel, trainSoftmax } from './softmax.ts';
import { roleWords } from './story-words.ts';
import { bagOfWords, vocabulary } from './words-bag.ts';

export interface TrainingRow {
  text: string;
  /** The article the sentence comes from: folds never split an article. */
  group: string;
  label: Verdict;
  seed: { file: string; quote: string } | null;
  /** The labelled sentence as the engine reads it (usually one; a sentence the segmenter cuts gives more). */
  sentences: AnalyzedSentence[];
  /** How much the row counts beside the others (default 1): desk marks count DESK_WEIGHT (scripts/train.ts). */
  weight?: number;
}

const PAIR_CLASSES = ['none', 'supports', 'contradicts'];
const VERDICTS: Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];
export const FOLDS = 5;
const L2_GRID = [0.01, 0.03, 0.1];
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const STEPS = 600;
/** A word joins the vocabulary when this many labelled sentences use it: chosen with the penalty, out of fold. */
const MIN_WORD_ROWS_GRID = [2, 3, 4];
const LEARNING_RATE = 1;

/** A sentence ready for training: its assessed candidates, rule verdict, pair features and pair labels. */
interface Prepared {
  row: number;
  group: string;
  label: Verdict;
  s: AnalyzedSentence;
  assessments: Assessment[];
  rule: SentenceJudgement;
  pairX: number[][];
  pairY: number[];
  /** The words the sentence model weighs (the story's names as roles, see story-words.ts). */
  roles: Set<string>;
  weight: number;
  /** The story the sentence was read in: its sentence features are worked out with it active. */
  story: Story;
  /** The labelled examples nearest the sentence, none from its own fold (so none from its own article). */
  neighbours: Neighbour[];
  /** The sentence again as a story without labelled examples reads it: fitted on, never scored (see withoutExamples). */
  twin?: true;
}

/** One story's labelled rows, with the known claims its seeds give and the story they were built with. */
export interface TrainingPart {
  /** Names the part in the out-of-fold figures. */
  name: string;
  rows: readonly TrainingRow[];
  index: ClaimIndex;
  story: Story;
}

/** Every part's sentences prepared with its own story and claims; rows numbered across the parts. */
function prepareParts(parts: readonly TrainingPart[]): {
  rows: TrainingRow[];
  items: Prepared[];
  rowsOf: Set<number>[];
} {
  const rows: TrainingRow[] = [];
  const items: Prepared[] = [];
  const rowsOf: Set<number>[] = [];
  for (const part of parts) {
    useStory(part.story);
    const offset = rows.length;
    // each story's rows are its examples (as its story file lists them for the running bot, see story-examples.ts)
    const examples = createExampleIndex(part.rows.map(exampleOfRow));
    for (const p of prepare(part.rows, part.index, examples)) items.push({ ...p, row: p.row + offset });
    rows.push(...part.rows);
    rowsOf.push(new Set(part.rows.map((_, i) => i + offset)));
  }
  for (const p of [...items]) items.push(withoutExamples(p));
  return { rows, items, rowsOf };
}

const EXAMPLE_PAIR_COLUMNS = PAIR_FEATURES.flatMap((f, j) => (f.startsWith('example_') ? [j] : []));

/**
 * Every sentence is fitted on twice, with its nearest labelled examples and with none: one model then serves a story
 * with examples and a story without (a new one, or one no one labelled), which would otherwise meet zeros it never saw
 * in training. Out of fold, the twins cost nothing with examples and kept most of the model without them (README).
 */
function withoutExamples(p: Prepared): Prepared {
  // a row the examples left at zero is shared, not copied: fitPairs gives such a pair once, counted twice
  const pairX = p.pairX.map((row) => {
    if (EXAMPLE_PAIR_COLUMNS.every((j) => row[j] === 0)) return row;
    const copy = [...row];
    for (const j of EXAMPLE_PAIR_COLUMNS) copy[j] = 0;
    return copy;
  });
  return { ...p, pairX, neighbours: [], twin: true };
}

/** The words the sentence model weighs, per labelled row (a row's sentences together). */
function rowBags(items: readonly Prepared[]): Set<string>[] {
  const bags = new Map<number, Set<string>>();
  for (const p of items) {
    const bag = bags.get(p.row) ?? new Set<string>();
    for (const w of p.roles) bag.add(w);
    bags.set(p.row, bag);
  }
  return [...bags.values()];
}

/** A labelled row as an example for the others. */
function exampleOfRow(r: TrainingRow): LabelledExample {
  return { text: r.text, label: r.label, seed: r.seed, group: r.group };
}

function prepare(rows: readonly TrainingRow[], index: ClaimIndex, examples: ExampleIndex): Prepared[] {
  const out: Prepared[] = [];
  rows.forEach((r, row) => {
    for (const s of r.sentences) {
      if (s.furniture) continue;
      const candidates = learnedCandidates(s, index);
      const comparer = createComparer(termTable(s.terms));
      try {
        withPinnedFrame(s.frame, () => {
          const assessments = assessCandidates(s, candidates, comparer);
          const rule = ruleJudgement(s, assessments);
          const words = bagOfWords(s.text);
          // out of fold, as the sentence will meet examples: none of its own article, nor of what it is scored with
          const fold = foldOf(r.group);
          const neighbours = examples.neighbours(
            exampleTerms(s.text, words),
            NEIGHBOURS,
            (e) => foldOf(e.group) === fold,
          );
          const pairX = pairFeatures(s, assessments, rule, words, neighbours);
          const relation = r.label === 'known' ? 1 : r.label === 'contradicts' ? 2 : 0;
          const pairY = assessments.map((a) => (relation && r.seed && holdsSeed(a, r.seed) ? relation : 0));
          const weight = r.weight ?? 1;
          const roles = roleWords(s, words);
          const story = activeStory();
          out.push({
            row,
            group: r.group,
            label: r.label,
            s,
            assessments,
            rule,
            pairX,
            pairY,
            roles,
            weight,
            story,
            neighbours,
          });
        });
      } finally {
        comparer.done();
      }
    }
  });
  return out;
}

function holdsSeed(a: Assessment, seed: { file: string; quote: string }): boolean {
  return pointsAtSeed({ verdict: 'known', reason: '', pointsAt: a.claim.evidence }, seed);
}

/** Fold of an article: a stable hash of its id. */
export function foldOf(group: string): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619) >>> 0;
  return h % FOLDS;
}

/** Row weights that give each class the same total weight. */
function balanced(y: readonly number[], k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const c of y) counts[c] = (counts[c] as number) + 1;
  return y.map((c) => y.length / (k * Math.max(1, counts[c] as number)));
}

/** Fits the pair model on near pairs (far ones are unrelated without asking, see scorePairs). */
function fitPairs(items: readonly Prepared[], l2: number): SoftmaxModel {
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const p of items) {
    p.assessments.forEach((a, i) => {
      if (a.far) return;
      x.push(p.pairX[i] as number[]);
      y.push(p.pairY[i] as number);
      w.push(p.weight);
    });
  }
  const weights = weighted(balanced(y, PAIR_CLASSES.length), w);
  // a pair a sentence and its twin share (no example pointed at either claim) is one row counted twice: the same
  // fit, at half the cost (the twins double the pairs)
  const first = new Map<number[], number>();
  const rows: number[][] = [];
  const labels: number[] = [];
  const rowWeights: number[] = [];
  const counts: number[] = [];
  x.forEach((row, i) => {
    const at = first.get(row);
    if (at !== undefined && labels[at] === y[i]) {
      rowWeights[at] = (rowWeights[at] as number) + (weights[i] as number);
      counts[at] = (counts[at] as number) + 1;
      return;
    }
    first.set(row, rows.length);
    rows.push(row);
    labels.push(y[i] as number);
    rowWeights.push(weights[i] as number);
    counts.push(1);
  });
  return trainSoftmax(PAIR_CLASSES, PAIR_FEATURES, rows, labels, {
    l2,
    steps: STEPS,
    learningRate: LEARNING_RATE,
    rowWeights,
    rowCounts: counts,
  });
}

function sentenceRow(
  p: Prepared,
  pair: SoftmaxModel,
  vocab: readonly string[],
  dropped: readonly number[] = [],
): { x: number[]; support: number[]; conflict: number[] } {
  useStory(p.story);
  const { support, conflict } = scorePairs(pair, p.assessments, p.pairX);
  const x = sentenceFeatures(p.s, p.assessments, support, conflict, p.rule, p.neighbours, vocab, p.roles);
  for (const j of dropped) x[j] = 0;
  return { x, support, conflict };
}

/** Features left out of training (an ablation): named pair and sentence features, and `words` for the vocabulary. */
export interface Ablation {
  drop: ReadonlySet<string>;
}

/** The indices of `names` that an ablation drops. */
function droppedOf(names: readonly string[], ablation: Ablation | undefined): number[] {
  return names.flatMap((n, j) => (ablation?.drop.has(n) ? [j] : []));
}

function fitSentences(
  x: number[][],
  y: number[],
  l2: number,
  vocab: readonly string[],
  w: readonly number[],
): SoftmaxModel {
  return trainSoftmax(VERDICTS, [...SENTENCE_FEATURES, ...vocab], x, y, {
    l2,
    steps: STEPS,
    learningRate: LEARNING_RATE,
    rowWeights: weighted(balanced(y, VERDICTS.length), w),
  });
}

/** Class-balancing weights times each row's own weight; rows of weight 1 keep theirs exactly. */
function weighted(base: readonly number[], w: readonly number[]): number[] {
  return base.map((b, i) => (w[i] === 1 ? b : b * (w[i] as number)));
}

/** Out-of-fold pair models: fold f's model never saw fold f's articles. */
function outOfFoldPairs(items: readonly Prepared[], l2: number): SoftmaxModel[] {
  return Array.from({ length: FOLDS }, (_, f) =>
    fitPairs(
      items.filter((p) => foldOf(p.group) !== f),
      l2,
    ),
  );
}

/** Out-of-fold pair scores and sentence features for every prepared sentence. */
function outOfFoldRows(
  items: readonly Prepared[],
  pairs: readonly SoftmaxModel[],
  vocab: readonly string[],
  dropped: readonly number[],
) {
  return items.map((p) => sentenceRow(p, pairs[foldOf(p.group)] as SoftmaxModel, vocab, dropped));
}

export interface FoldScore {
  /** confusion[label][verdict]; a right verdict pointing at the wrong seed counts under 'wrong_seed'. */
  confusion: Record<string, Record<string, number>>;
  macroF1: number;
  contradictsPrecision: number;
  contradictsF1: number;
  contradictsF05: number;
}

export interface TrainResult {
  model: JudgeModel;
  /** Out-of-fold score of the chosen settings (an estimate of unseen text, not a test figure). */
  outOfFold: FoldScore & {
    l2: number;
    minWordRows: number;
    contradictsAt: number;
    sentenceContradictsAt?: number;
    /** Each part's out-of-fold figures with the chosen settings (the choice itself reads the first part only). */
    byPart?: Record<string, Omit<FoldScore, 'confusion'>>;
    /** The first part's, read as a story without labelled examples reads it. */
    withoutExamples?: Omit<FoldScore, 'confusion'>;
    /** The first part's by the sentence model alone (no verdict trees), at its own best threshold. */
    sentenceModelAlone?: Omit<FoldScore, 'confusion'> & { contradictsAt: number };
  };
}

/**
 * Fits the model. `onSetting` sees the out-of-fold score of every setting tried (penalty, vocabulary, threshold): how
 * flat the choice is.
 */
export function train(
  parts: readonly TrainingPart[],
  ablation?: Ablation,
  onSetting?: (score: TrainResult['outOfFold']) => void,
): TrainResult {
  const { rows, items, rowsOf } = prepareParts(parts);
  const pairDropped = droppedOf(PAIR_FEATURES, ablation);
  if (pairDropped.length > 0)
    for (const p of items)
      p.pairX = p.pairX.map((row) => {
        const copy = [...row];
        for (const j of pairDropped) copy[j] = 0;
        return copy;
      });
  const dropped = droppedOf(SENTENCE_FEATURES, ablation);
  const wordGrid = ablation?.drop.has('words') ? [Number.POSITIVE_INFINITY] : MIN_WORD_ROWS_GRID;
  const bags = rowBags(items);
  const y = items.map((p) => VERDICTS.indexOf(p.label));
  let best: TrainResult['outOfFold'] | null = null;
  let bestRun: { oof: ReturnType<typeof outOfFoldRows>; probs: number[][]; vocab: string[] } | null = null;
  // settings are chosen on the first part (the story followed now, with thousands of labelled sentences); the other
  // stories' few hundred teach the model but would make the choice noisy. Every part's figures are reported.
  const main = rowsOf[0];
  for (const l2 of L2_GRID) {
    const pairs = outOfFoldPairs(items, l2);
    for (const minWordRows of wordGrid) {
      const vocab = vocabulary(bags, minWordRows);
      const oof = outOfFoldRows(items, pairs, vocab, dropped);
      const probs = outOfFoldSentences(items, oof, y, l2, vocab, (p) => foldOf(p.group));
      const here = bestThreshold(rows, items, oof, probs, main, { l2, minWordRows }, onSetting);
      if (!best || here.macroF1 > best.macroF1 + 1e-9) {
        best = here;
        bestRun = { oof, probs, vocab };
      }
    }
  }
  const run = bestRun as NonNullable<typeof bestRun>;
  const linear = best as TrainResult['outOfFold'];
  // the verdict trees, out of fold: each fold's trees are grown on the other folds' sentence probabilities, each of
  // those from a sentence model that saw neither that fold nor the sentence's own (an inner split of the others)
  const boosted = new Array<number[]>(items.length);
  for (let f = 0; f < FOLDS; f++) {
    const inner = outOfFoldSentences(items, run.oof, y, linear.l2, run.vocab, (p) =>
      foldOf(p.group) === f ? -1 : innerFoldOf(p.group),
    );
    const trees = fitVerdict(
      items,
      run.oof,
      inner,
      y,
      items.map((p) => foldOf(p.group) !== f),
    );
    items.forEach((p, i) => {
      if (foldOf(p.group) === f) boosted[i] = verdictOf(trees, run.oof[i] as { x: number[] }, run.probs[i] as number[]);
    });
  }
  const chosen = {
    ...bestThreshold(
      rows,
      items,
      run.oof,
      boosted,
      main,
      { l2: linear.l2, minWordRows: linear.minWordRows },
      onSetting,
    ),
    sentenceContradictsAt: linear.contradictsAt,
  };
  const byPart = Object.fromEntries(
    parts.map((part, k) => {
      const { confusion: _, ...score } = scoreRows(rows, items, run.oof, boosted, chosen.contradictsAt, rowsOf[k]);
      return [part.name, score];
    }),
  );
  // the sentence model alone, on the sentences read with their examples and (twins) without: a story without examples
  // is read by it (see scoreSentence)
  const bySentenceModel = (twins: boolean) => {
    const { confusion: _, ...score } = scoreRows(rows, items, run.oof, run.probs, linear.contradictsAt, main, twins);
    return score;
  };
  const withoutExamples = bySentenceModel(true);
  const sentenceModelAlone = bySentenceModel(false);
  return {
    model: fitChosen(items, chosen, dropped, { oof: run.oof, probs: run.probs }),
    outOfFold: {
      ...chosen,
      byPart,
      withoutExamples,
      sentenceModelAlone: { ...sentenceModelAlone, contradictsAt: linear.contradictsAt },
    },
  };
}

/** The threshold that serves contradicts precision best: the highest F0.5 (precision counted twice). */
function bestThreshold(
  rows: readonly TrainingRow[],
  items: readonly Prepared[],
  oof: readonly { support: number[]; conflict: number[] }[],
  probs: readonly number[][],
  main: ReadonlySet<number> | undefined,
  settings: { l2: number; minWordRows: number },
  onSetting?: (score: TrainResult['outOfFold']) => void,
): TrainResult['outOfFold'] {
  let here: TrainResult['outOfFold'] | null = null;
  for (const t of THRESHOLDS) {
    const score = { ...scoreRows(rows, items, oof, probs, t, main), ...settings, contradictsAt: t };
    onSetting?.(score);
    if (!here || score.contradictsF05 > here.contradictsF05 + 1e-9) here = score;
  }
  return here as TrainResult['outOfFold'];
}

/** A second split of the articles, independent of foldOf's: the inner folds of the verdict trees' estimate. */
function innerFoldOf(group: string): number {
  return foldOf(`${group}#inner`);
}

/**
 * Sentence-model probabilities for every item whose `fold` (0 … FOLDS-1) names a fold, each from a sentence model
 * fitted on the items of the other folds. Items of fold -1 are left out: neither fitted on nor scored.
 */
function outOfFoldSentences(
  items: readonly Prepared[],
  oof: readonly { x: number[] }[],
  y: readonly number[],
  l2: number,
  vocab: readonly string[],
  fold: (p: Prepared) => number,
): number[][] {
  const folds = items.map(fold);
  const probs = new Array<number[]>(items.length);
  for (let f = 0; f < FOLDS; f++) {
    const keep = items.map((_, i) => i).filter((i) => folds[i] !== f && folds[i] !== -1);
    const model = fitSentences(
      keep.map((i) => (oof[i] as { x: number[] }).x),
      keep.map((i) => y[i] as number),
      l2,
      vocab,
      keep.map((i) => (items[i] as Prepared).weight),
    );
    items.forEach((_, i) => {
      if (folds[i] === f) probs[i] = predict(model, (oof[i] as { x: number[] }).x);
    });
  }
  return probs;
}

/**
 * The verdict trees grown on the items `use` keeps, from their out-of-fold sentence probabilities: the sentences as
 * read with their examples only, since a story without examples is read by the sentence model.
 */
function fitVerdict(
  items: readonly Prepared[],
  oof: readonly { x: number[] }[],
  probs: readonly (number[] | undefined)[],
  y: readonly number[],
  use: readonly boolean[],
): BoostModel {
  const at = items.flatMap((p, i) => (use[i] && !p.twin ? [i] : []));
  const labels = at.map((i) => y[i] as number);
  const weights = weighted(
    balanced(labels, VERDICTS.length),
    at.map((i) => (items[i] as Prepared).weight),
  );
  return trainBoost(
    VERDICTS,
    VERDICT_INPUTS,
    at.map((i) => verdictInput((oof[i] as { x: number[] }).x, probs[i] as number[])),
    labels,
    weights,
    VERDICT_BOOST,
  );
}

function verdictOf(trees: BoostModel, row: { x: number[] }, linear: readonly number[]): number[] {
  return predictBoost(trees, verdictInput(row.x, linear));
}

/** The settings the out-of-fold search chose: what a model is fitted with on every labelled sentence. */
export interface ChosenSettings {
  l2: number;
  minWordRows: number;
  contradictsAt: number;
  /** The contradicts threshold of the sentence model alone (a story without examples). */
  sentenceContradictsAt?: number;
}

/** The final fit, on all sentences, with chosen settings. */
function fitChosen(
  items: readonly Prepared[],
  chosen: ChosenSettings,
  dropped: readonly number[] = [],
  outOfFold?: { oof: readonly { x: number[] }[]; probs: readonly number[][] },
): JudgeModel {
  const vocab = vocabulary(rowBags(items), chosen.minWordRows);
  const y = items.map((p) => VERDICTS.indexOf(p.label));
  // the verdict trees learn from sentence probabilities as unseen text gets them: out of fold
  let run = outOfFold;
  if (!run) {
    const oof = outOfFoldRows(items, outOfFoldPairs(items, chosen.l2), vocab, dropped);
    run = { oof, probs: outOfFoldSentences(items, oof, y, chosen.l2, vocab, (p) => foldOf(p.group)) };
  }
  const verdict = fitVerdict(
    items,
    run.oof,
    run.probs,
    y,
    items.map(() => true),
  );
  const pair = fitPairs(items, chosen.l2);
  const all = items.map((p) => sentenceRow(p, pair, vocab, dropped).x);
  const sentence = fitSentences(
    all,
    y,
    chosen.l2,
    vocab,
    items.map((p) => p.weight),
  );
  return {
    pair,
    sentence,
    verdict,
    contradictsAt: chosen.contradictsAt,
    ...(chosen.sentenceContradictsAt !== undefined ? { sentenceContradictsAt: chosen.sentenceContradictsAt } : {}),
    matchAt: MATCH_AT,
    conflictMatchAt: CONFLICT_MATCH_AT,
  };
}

/**
 * The final fit alone, with settings a full training chose (model.json keeps them): a few times faster than train(),
 * for checking that the committed weights are what the labelled sets give.
 */
export function fitWithSettings(parts: readonly TrainingPart[], chosen: ChosenSettings): JudgeModel {
  return fitChosen(prepareParts(parts).items, chosen);
}

/**
 * A restated claim is listed beside the best match down to a 1-in-4 chance, with its confidence in the reason: seeds
 * restate one another, and a desk wants every claim a sentence may repeat. Out of fold (`npm run train -- --settings`,
 * at most MAX_MATCHES listed, as the judgement lists them): macro-F1 0.553 listing down to 0.5, 0.561 down to 0.25.
 */
export const MATCH_AT = 0.25;
/**
 * A contradicted claim is listed beside the best one down to the same 1-in-4 chance: the seeds deny and observe the
 * same things in several places, and which one a sentence meets is often a toss-up. Out of fold, listing down to
 * 0.5 gave macro-F1 0.593 (contradicts P 0.553), down to 0.25 gave the figures in README.
 */
export const CONFLICT_MATCH_AT = 0.25;

/** Macro-F1 (with pointing) and contradicts precision of out-of-fold scores at threshold `t`, per labelled row. */
function scoreRows(
  rows: readonly TrainingRow[],
  items: readonly Prepared[],
  oof: readonly { support: number[]; conflict: number[] }[],
  probs: readonly number[][],
  t: number,
  /** Only these rows count (one part's); all when absent. */
  only?: ReadonlySet<number>,
  /** Score the sentences as read without examples (the twins) instead. */
  twins = false,
): FoldScore {
  const model = { contradictsAt: t, matchAt: MATCH_AT, conflictMatchAt: CONFLICT_MATCH_AT } as JudgeModel;
  // a row's answer is its strongest piece's verdict, as eval takes it
  const strength: Record<Verdict, number> = { contradicts: 3, new: 2, known: 1, offtopic: 0 };
  const answer = new Map<number, { verdict: Verdict; right: boolean }>();
  items.forEach((p, i) => {
    if (Boolean(p.twin) !== twins || (only && !only.has(p.row))) return;
    const verdict = decide({ verdict: probs[i] as number[], assessments: p.assessments, byTrees: true }, model);
    const r = rows[p.row] as TrainingRow;
    let right = verdict === r.label;
    if (right && r.seed && (verdict === 'known' || verdict === 'contradicts')) {
      const q =
        verdict === 'known' ? (oof[i] as { support: number[] }).support : (oof[i] as { conflict: number[] }).conflict;
      right = listedCandidates(q, verdict, model).some((j) =>
        holdsSeed(p.assessments[j] as Assessment, r.seed as { file: string; quote: string }),
      );
    }
    const prev = answer.get(p.row);
    if (!prev || strength[verdict] > strength[prev.verdict]) answer.set(p.row, { verdict, right });
  });
  const tp = new Map<Verdict, number>();
  const said = new Map<Verdict, number>();
  const has = new Map<Verdict, number>();
  const confusion: FoldScore['confusion'] = {};
  rows.forEach((r, i) => {
    if (only && !only.has(i)) return;
    const a = answer.get(i) ?? { verdict: 'offtopic' as Verdict, right: r.label === 'offtopic' };
    const cell = a.verdict === r.label && !a.right ? 'wrong_seed' : a.verdict;
    const line = confusion[r.label] ?? {};
    confusion[r.label] = line;
    line[cell] = (line[cell] ?? 0) + 1;
    said.set(a.verdict, (said.get(a.verdict) ?? 0) + 1);
    has.set(r.label, (has.get(r.label) ?? 0) + 1);
    if (a.right) tp.set(r.label, (tp.get(r.label) ?? 0) + 1);
  });
  const f1 = (v: Verdict) => {
    const p = (tp.get(v) ?? 0) / Math.max(1, said.get(v) ?? 0);
    const r = (tp.get(v) ?? 0) / Math.max(1, has.get(v) ?? 0);
    return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
  };
  const per = VERDICTS.map(f1);
  return {
    confusion,
    macroF1: per.reduce((a, x) => a + x.f1, 0) / VERDICTS.length,
    contradictsPrecision: (per[1] as { p: number }).p,
    contradictsF1: (per[1] as { f1: number }).f1,
    contradictsF05: fBeta(per[1] as { p: number; r: number }, 0.5),
  };
}

function fBeta(x: { p: number; r: number }, beta: number): number {
  const b2 = beta * beta;
  return x.p + x.r > 0 ? ((1 + b2) * x.p * x.r) / (b2 * x.p + x.r) : 0;
}

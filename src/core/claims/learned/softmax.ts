/**
 * Multinomial logistic regression: the learner behind the judgement. Small enough to read, deterministic (full-batch
 * gradient descent from zero weights, fixed steps), and its fitted weights are plain JSON (`model.json`).
 */

export interface SoftmaxModel {
  classes: string[];
  features: string[];
  /** Standardization fitted on the training rows: x' = (x - mean) / scale. */
  mean: number[];
  scale: number[];
  /** weights[class][feature]; bias[class]. */
  weights: number[][];
  bias: number[];
}

/** Scores → probabilities, in place (the largest is subtracted first, so no exp overflows). */
function normalize(z: number[]): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    sum += z[c] as number;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}

/** Class probabilities for one feature row. */
export function predict(model: SoftmaxModel, x: readonly number[]): number[] {
  const k = model.classes.length;
  const z = new Array<number>(k);
  for (let c = 0; c < k; c++) {
    const w = model.weights[c] as number[];
    let v = model.bias[c] as number;
    for (let j = 0; j < w.length; j++) {
      v += (w[j] as number) * (((x[j] as number) - (model.mean[j] as number)) / (model.scale[j] as number));
    }
    z[c] = v;
  }
  return normalize(z);
}

export interface TrainOptions {
  /** L2 penalty on the weights (not the bias), per training row. */
  l2: number;
  steps: number;
  learningRate: number;
  /** Weight of each row's loss (e.g. to balance classes); 1 when absent. */
  rowWeights?: readonly number[];
  /**
   * How many identical rows each row stands for (1 when absent): they count as many times in the standardization
   * (the loss counts them through rowWeights, which then hold the rows' weights summed).
   */
  rowCounts?: readonly number[];
}

/** Fits a model to rows `x` with class indices `y`. */
export function trainSoftmax(
  classes: readonly string[],
  features: readonly string[],
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: TrainOptions,
): SoftmaxModel {
  const n = x.length;
  const d = features.length;
  const k = classes.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  const counts = options.rowCounts;
  const rows = counts ? counts.reduce((a, v) => a + v, 0) : n;
  x.forEach((row, i) => {
    const m = counts ? (counts[i] as number) : 1;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (m * (row[j] as number)) / rows;
  });
  x.forEach((row, i) => {
    const m = counts ? (counts[i] as number) : 1;
    for (let j = 0; j < d; j++)
      scale[j] = (scale[j] as number) + (m * ((row[j] as number) - (mean[j] as number)) ** 2) / rows;
  });
  // a feature with (almost) no spread is left unscaled: dividing by rounding noise would blow its values up
  for (let j = 0; j < d; j++) scale[j] = (scale[j] as number) > 1e-12 ? Math.sqrt(scale[j] as number) : 1;
  // Rows are standardized, z = (x - mean) / scale, but kept sparse: z·w = (x/scale)·w - (mean/scale)·w, and the
  // second term is one number per class and step. Word features are mostly 0, so a step costs the nonzero entries
  // (about 40 a row) rather than every feature of every row (over a thousand with the learned words).
  const offset = mean.map((m, j) => m / (scale[j] as number));
  const cols: number[] = [];
  const vals: number[] = [];
  const starts = [0];
  for (const row of x) {
    for (let j = 0; j < d; j++) {
      const v = row[j] as number;
      if (v !== 0) {
        cols.push(j);
        vals.push(v / (scale[j] as number));
      }
    }
    starts.push(cols.length);
  }
  const w = new Float64Array(k * d);
  const bias = new Array<number>(k).fill(0);
  const rw = options.rowWeights ?? new Array<number>(n).fill(1);
  const total = rw.reduce((a, v) => a + v, 0) || 1;
  const gw = new Float64Array(k * d);
  const gb = new Float64Array(k);
  const shift = new Float64Array(k);
  const p = new Array<number>(k);
  for (let step = 0; step < options.steps; step++) {
    gw.fill(0);
    gb.fill(0);
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += (w[c * d + j] as number) * (offset[j] as number);
      shift[c] = v;
    }
    for (let i = 0; i < n; i++) {
      const from = starts[i] as number;
      const to = starts[i + 1] as number;
      for (let c = 0; c < k; c++) {
        let v = (bias[c] as number) - (shift[c] as number);
        const wc = c * d;
        for (let e = from; e < to; e++) v += (w[wc + (cols[e] as number)] as number) * (vals[e] as number);
        p[c] = v;
      }
      normalize(p);
      const wi = (rw[i] as number) / total;
      for (let c = 0; c < k; c++) {
        const err = ((p[c] as number) - (y[i] === c ? 1 : 0)) * wi;
        gb[c] = (gb[c] as number) + err;
        const gc = c * d;
        for (let e = from; e < to; e++) {
          const at = gc + (cols[e] as number);
          gw[at] = (gw[at] as number) + err * (vals[e] as number);
        }
      }
    }
    for (let c = 0; c < k; c++) {
      const errSum = gb[c] as number;
      for (let j = 0; j < d; j++) {
        const at = c * d + j;
        const g = (gw[at] as number) - (offset[j] as number) * errSum;
        w[at] = (w[at] as number) - options.learningRate * (g + options.l2 * (w[at] as number));
      }
      bias[c] = (bias[c] as number) - options.learningRate * errSum;
    }
  }
  const weights = Array.from({ length: k }, (_, c) => Array.from(w.subarray(c * d, (c + 1) * d)));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    classes: [...classes],
    features: [...features],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: weights.map((w) => w.map(round)),
    bias: bias.map(round),
  };
}

/**
 * A model folded for fast prediction: weights divided by their scale, means folded into the bias, so a row costs one
 * multiply-add per feature, and a feature at 0 costs nothing (which lets word features be given as a list of the
 * words present).
 */
export interface CompiledModel {
  classes: number;
  features: number;
  /** weights[c * features + j] */
  weights: Float64Array;
  bias: Float64Array;
}

const compiled = new WeakMap<SoftmaxModel, CompiledModel>();

export function compile(model: SoftmaxModel): CompiledModel {
  let cm = compiled.get(model);
  if (cm) return cm;
  const k = model.classes.length;
  const d = model.features.length;
  const weights = new Float64Array(k * d);
  const bias = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const w = model.weights[c] as number[];
    let b = model.bias[c] as number;
    for (let j = 0; j < d; j++) {
      const v = (w[j] as number) / (model.scale[j] as number);
      weights[c * d + j] = v;
      b -= v * (model.mean[j] as number);
    }
    bias[c] = b;
  }
  cm = { classes: k, features: d, weights, bias };
  compiled.set(model, cm);
  return cm;
}

/**
 * Class probabilities of a row given as its first features (`dense`, from index 0) plus the indices of further
 * features that are 1 (`ones`); every other feature is 0. Equal to `predict` on the same row written out in full.
 */
export function predictSparse(cm: CompiledModel, dense: readonly number[], ones: readonly number[] = []): number[] {
  const k = cm.classes;
  const d = cm.features;
  const z = new Array<number>(k);
  for (let c = 0; c < k; c++) {
    const base = c * d;
    let v = cm.bias[c] as number;
    for (let j = 0; j < dense.length; j++) v += (cm.weights[base + j] as number) * (dense[j] as number);
    for (let i = 0; i < ones.length; i++) v += cm.weights[base + (ones[i] as number)] as number;
    z[c] = v;
  }
  return normalize(z);
}

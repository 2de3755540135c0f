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
  for (const row of x) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (row[j] as number) / n;
  for (const row of x)
    for (let j = 0; j < d; j++) scale[j] = (scale[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] as number) || 1;
  const z = x.map((row) => row.map((v, j) => (v - (mean[j] as number)) / (scale[j] as number)));
  const weights = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const bias = new Array<number>(k).fill(0);
  const rw = options.rowWeights ?? new Array<number>(n).fill(1);
  const total = rw.reduce((a, v) => a + v, 0) || 1;
  // the rows are standardized once, so the model trained on them has mean 0 and scale 1
  const model: SoftmaxModel = {
    classes: [...classes],
    features: [...features],
    mean: new Array<number>(d).fill(0),
    scale: new Array<number>(d).fill(1),
    weights,
    bias,
  };
  for (let step = 0; step < options.steps; step++) {
    const gw = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    const gb = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const zi = z[i] as number[];
      const p = predict(model, zi);
      const wi = (rw[i] as number) / total;
      for (let c = 0; c < k; c++) {
        const err = ((p[c] as number) - (y[i] === c ? 1 : 0)) * wi;
        gb[c] = (gb[c] as number) + err;
        const g = gw[c] as number[];
        for (let j = 0; j < d; j++) g[j] = (g[j] as number) + err * (zi[j] as number);
      }
    }
    for (let c = 0; c < k; c++) {
      const w = weights[c] as number[];
      const g = gw[c] as number[];
      for (let j = 0; j < d; j++)
        w[j] = (w[j] as number) - options.learningRate * ((g[j] as number) + options.l2 * (w[j] as number));
      bias[c] = (bias[c] as number) - options.learningRate * (gb[c] as number);
    }
  }
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

/**
 * Gradient-boosted trees for a few classes (a softmax over summed tree outputs), small enough to read: the verdict
 * model stacks them on the sentence model's probabilities and the dense sentence cues (judge-learned.ts), where a
 * linear model cannot say "a contradiction is likely only when the pair model and the examples agree". Training is
 * deterministic (features cut at fixed quantiles, no sampling), and the fitted trees are plain JSON in model.json.
 * No npm library fits: the JavaScript ones are random forests or wrap native XGBoost builds.
 */

export interface BoostTree {
  /** Per node: the feature it splits on, or -1 for a leaf. */
  feature: number[];
  /** Per node: values at or below go left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Per node: what a leaf adds to its class's score (inner nodes' values are unused). */
  value: number[];
}

export interface BoostModel {
  classes: string[];
  features: string[];
  /** Shrinkage applied to every tree's output. */
  rate: number;
  /** One tree per class per round. */
  trees: BoostTree[][];
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  rate: number;
  /** Least (unweighted) rows in a leaf. */
  minLeaf: number;
  /** Candidate cuts per feature. */
  bins: number;
  /** L2 penalty on leaf values. */
  lambda: number;
}

/** What the verdict model is grown with: chosen out of fold (`npm run train`, see README). */
export const VERDICT_BOOST: BoostOptions = { rounds: 100, depth: 3, rate: 0.05, minLeaf: 20, bins: 32, lambda: 1 };

/** Cuts per feature (midpoints of its values when few, else quantiles) and each row's bin per feature. */
function binned(x: readonly (readonly number[])[], d: number, bins: number): { cuts: number[][]; bin: Uint8Array[] } {
  const cuts: number[][] = [];
  for (let j = 0; j < d; j++) {
    const column = x.map((r) => r[j] as number).sort((a, b) => a - b);
    const values = [...new Set(column)];
    if (values.length <= bins) cuts.push(values.slice(0, -1).map((v, i) => (v + (values[i + 1] as number)) / 2));
    else {
      const at = new Set<number>();
      for (let b = 1; b < bins; b++) at.add(column[Math.floor((b * column.length) / bins)] as number);
      cuts.push([...at].sort((a, b) => a - b));
    }
  }
  const bin = x.map((r) => {
    const out = new Uint8Array(d);
    for (let j = 0; j < d; j++) {
      const c = cuts[j] as number[];
      let b = 0;
      while (b < c.length && (r[j] as number) > (c[b] as number)) b++;
      out[j] = b;
    }
    return out;
  });
  return { cuts, bin };
}

export function trainBoost(
  classes: readonly string[],
  features: readonly string[],
  x: readonly (readonly number[])[],
  y: readonly number[],
  weights: readonly number[],
  o: BoostOptions,
): BoostModel {
  const n = x.length;
  const k = classes.length;
  const d = features.length;
  const { cuts, bin } = binned(x, d, o.bins);
  const score = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: BoostTree[][] = [];
  for (let round = 0; round < o.rounds; round++) {
    const p = score.map(softmax);
    const grown: BoostTree[] = [];
    for (let c = 0; c < k; c++) {
      // Newton steps on the log-loss: gradient and hessian of each row for this class, weighted
      for (let i = 0; i < n; i++) {
        const pc = (p[i] as number[])[c] as number;
        const w = weights[i] as number;
        g[i] = ((y[i] === c ? 1 : 0) - pc) * w;
        h[i] = Math.max(1e-6, pc * (1 - pc)) * w;
      }
      const tree = growTree(bin, cuts, g, h, d, o);
      grown.push(tree);
      for (let i = 0; i < n; i++) {
        const s = score[i] as number[];
        s[c] = (s[c] as number) + o.rate * leafValue(tree, x[i] as readonly number[]);
      }
    }
    trees.push(grown);
  }
  return { classes: [...classes], features: [...features], rate: o.rate, trees };
}

function growTree(
  bin: readonly Uint8Array[],
  cuts: readonly number[][],
  g: Float64Array,
  h: Float64Array,
  d: number,
  o: BoostOptions,
): BoostTree {
  const t: BoostTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (rows: number[], depth: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i] as number;
      H += h[i] as number;
    }
    t.value.push(G / (H + o.lambda));
    if (depth >= o.depth || rows.length < 2 * o.minLeaf) return id;
    const parent = (G * G) / (H + o.lambda);
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    for (let j = 0; j < d; j++) {
      const nb = (cuts[j] as number[]).length + 1;
      if (nb < 2) continue;
      const gs = new Float64Array(nb);
      const hs = new Float64Array(nb);
      const cs = new Int32Array(nb);
      for (const i of rows) {
        const b = (bin[i] as Uint8Array)[j] as number;
        gs[b] = (gs[b] as number) + (g[i] as number);
        hs[b] = (hs[b] as number) + (h[i] as number);
        cs[b] = (cs[b] as number) + 1;
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += gs[b] as number;
        hl += hs[b] as number;
        cl += cs[b] as number;
        if (cl < o.minLeaf || rows.length - cl < o.minLeaf) continue;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return id;
    t.feature[id] = bestFeature;
    t.threshold[id] = (cuts[bestFeature] as number[])[bestBin] as number;
    const left: number[] = [];
    const right: number[] = [];
    for (const i of rows) (((bin[i] as Uint8Array)[bestFeature] as number) <= bestBin ? left : right).push(i);
    t.left[id] = grow(left, depth + 1);
    t.right[id] = grow(right, depth + 1);
    return id;
  };
  grow(
    Array.from({ length: g.length }, (_, i) => i),
    0,
  );
  return t;
}

function leafValue(t: BoostTree, x: readonly number[]): number {
  let node = 0;
  for (let f = t.feature[0] as number; f >= 0; f = t.feature[node] as number)
    node = (x[f] as number) <= (t.threshold[node] as number) ? (t.left[node] as number) : (t.right[node] as number);
  return t.value[node] as number;
}

export function predictBoost(m: BoostModel, x: readonly number[]): number[] {
  const z = new Array<number>(m.classes.length).fill(0);
  for (const round of m.trees)
    round.forEach((t, c) => {
      z[c] = (z[c] as number) + m.rate * leafValue(t, x);
    });
  return softmax(z);
}

function softmax(z: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = z.map((v) => Math.exp(v - max));
  let sum = 0;
  for (const v of e) sum += v;
  return e.map((v) => v / sum);
}

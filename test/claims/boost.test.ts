import { describe, expect, it } from 'vitest';
import { type BoostOptions, predictBoost, trainBoost } from '../../src/core/claims/learned/boost.ts';
import { predict, trainSoftmax } from '../../src/core/claims/learned/softmax.ts';

const OPTIONS: BoostOptions = { rounds: 60, depth: 2, rate: 0.2, minLeaf: 5, bins: 16, lambda: 1 };

/** Points on a grid, labelled by whether a feature lies in a middle band: no linear model separates them. */
function bandSet(): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 20; i++)
    for (let j = 0; j < 20; j++) {
      const a = i / 19;
      const b = j / 19;
      x.push([a, b, (i * 7 + j * 3) % 5]);
      y.push(a > 0.3 && a < 0.7 ? 1 : 0);
    }
  return { x, y };
}

const accuracy = (p: (x: number[]) => number[], x: number[][], y: number[]) =>
  x.filter((r, i) => {
    const q = p(r);
    return ((q[1] as number) > (q[0] as number) ? 1 : 0) === y[i];
  }).length / x.length;

describe('boosted trees (the verdict model)', () => {
  it('GIVEN a class set by a middle band of one feature WHEN fitted THEN the trees learn what a linear model cannot', () => {
    const { x, y } = bandSet();
    const w = y.map(() => 1);
    const trees = trainBoost(['no', 'yes'], ['a', 'b', 'noise'], x, y, w, OPTIONS);
    const linear = trainSoftmax(['no', 'yes'], ['a', 'b', 'noise'], x, y, { l2: 0.01, steps: 300, learningRate: 1 });
    expect(accuracy((r) => predictBoost(trees, r), x, y)).toBeGreaterThan(0.95);
    expect(accuracy((r) => predict(linear, r), x, y)).toBeLessThan(0.7);
  });

  it('GIVEN the same rows twice WHEN fitted THEN the trees are the same, and plain JSON', () => {
    const { x, y } = bandSet();
    const w = y.map(() => 1);
    const a = trainBoost(['no', 'yes'], ['a', 'b', 'noise'], x, y, w, OPTIONS);
    const b = trainBoost(['no', 'yes'], ['a', 'b', 'noise'], x, y, w, OPTIONS);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const read = JSON.parse(JSON.stringify(a));
    expect(predictBoost(read, [0.9, 0.1, 0])).toEqual(predictBoost(a, [0.9, 0.1, 0]));
  });

  it('GIVEN any row WHEN predicted THEN the probabilities are a distribution over the classes', () => {
    const { x, y } = bandSet();
    const trees = trainBoost(
      ['no', 'yes'],
      ['a', 'b', 'noise'],
      x,
      y,
      y.map(() => 1),
      OPTIONS,
    );
    for (const r of [
      [0, 0, 0],
      [1, 0, 4],
      [-5, 9, 2],
    ]) {
      const p = predictBoost(trees, r);
      expect(p).toHaveLength(2);
      expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 12);
    }
  });

  it('GIVEN rows weighted to one class WHEN fitted THEN that class weighs more where the classes mix', () => {
    // one feature that tells nothing: the prediction is the weighted share of each class
    const x = Array.from({ length: 100 }, () => [0]);
    const y = x.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const heavy = y.map((c) => (c === 1 ? 3 : 1));
    const trees = trainBoost(['no', 'yes'], ['flat'], x, y, heavy, { ...OPTIONS, rounds: 200 });
    expect(predictBoost(trees, [0])[1]).toBeCloseTo(0.75, 1);
  });
});

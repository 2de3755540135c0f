import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/claims/types.ts';
import { classMetrics, computeMetrics, type Outcome } from '../../src/core/eval/index.ts';

const a = (label: Verdict, verdict: Verdict, outcome: Outcome = label === verdict ? 'right' : 'wrong') => ({
  label,
  verdict,
  outcome,
});

describe('computeMetrics', () => {
  it('GIVEN a hand-counted set of answers WHEN measured THEN precision, recall, F1 and macro-F1 are the hand figures', () => {
    const answers = [
      a('known', 'known'),
      a('known', 'known'),
      a('known', 'new'),
      a('contradicts', 'contradicts'),
      a('contradicts', 'known'),
      a('new', 'new'),
      a('new', 'new'),
      a('offtopic', 'offtopic'),
    ];
    const m = computeMetrics(answers);
    // known: 2 right of 3 given, 2 of 3 labelled
    expect(m.perClass.known).toEqual({
      precision: 2 / 3,
      recall: 2 / 3,
      f1: 2 / 3,
      support: 3,
      predicted: 3,
      correct: 2,
    });
    // contradicts: 1 of 1 given, 1 of 2 labelled → F1 = 2/3
    expect(m.perClass.contradicts.precision).toBe(1);
    expect(m.perClass.contradicts.recall).toBe(0.5);
    expect(m.perClass.contradicts.f1).toBeCloseTo(2 / 3, 12);
    // new: 2 of 3 given, 2 of 2 labelled → F1 = 0.8
    expect(m.perClass.new.f1).toBeCloseTo(0.8, 12);
    expect(m.perClass.offtopic.f1).toBe(1);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0.8 + 1) / 4, 12);
    expect(m.accuracy).toBe(6 / 8);
    expect(m.confusion.known).toEqual({ known: 2, contradicts: 0, new: 1, offtopic: 0 });
    expect(m.confusion.contradicts).toEqual({ known: 1, contradicts: 1, new: 0, offtopic: 0 });
  });

  it('GIVEN a known answer that points at the wrong seed sentence WHEN measured THEN it is a mistake, shown as wrong seed', () => {
    const m = computeMetrics([a('known', 'known'), a('known', 'known', 'wrong_seed')]);
    expect(m.perClass.known).toMatchObject({ correct: 1, predicted: 2, support: 2, precision: 0.5, recall: 0.5 });
    expect(m.confusion.known.known).toBe(2);
    expect(m.wrongSeed.known).toBe(1);
    expect(m.accuracy).toBe(0.5);
  });

  it('GIVEN a class never predicted and never labelled WHEN measured THEN its figures are 0, not NaN', () => {
    const m = computeMetrics([a('new', 'new')]);
    expect(m.perClass.contradicts).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0, correct: 0 });
    expect(m.macroF1).toBe(0.25);
  });

  it('GIVEN no answers WHEN measured THEN every figure is 0', () => {
    const m = computeMetrics([]);
    expect(m.macroF1).toBe(0);
    expect(m.accuracy).toBe(0);
  });
});

describe('classMetrics', () => {
  it('GIVEN answers that were all wrong WHEN measured THEN F1 is 0 rather than a division by zero', () => {
    expect(classMetrics(0, 5, 5).f1).toBe(0);
  });
});

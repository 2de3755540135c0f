import { describe, expect, it } from 'vitest';
import { judgeDocument } from '../../src/core/claims/index.ts';
import { boundTokens, MAX_TOKEN } from '../../src/core/claims/normalize.ts';
import { buildSeedIndex } from './memory-index.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

describe('hostile text (issue 9, class 11)', () => {
  it('GIVEN a run of characters longer than any word WHEN bounded THEN it is cut into pieces of at most MAX_TOKEN, same length', () => {
    const run = 'x'.repeat(3 * MAX_TOKEN + 10);
    const bounded = boundTokens(`a ${run} b`);
    expect(bounded).toHaveLength(run.length + 4);
    expect(Math.max(...bounded.split(' ').map((w) => w.length))).toBeLessThanOrEqual(MAX_TOKEN);
    expect(boundTokens('North Korea sent troops.')).toBe('North Korea sent troops.');
  });

  it('GIVEN an item holding a 300,000-character word WHEN judged THEN it finishes and the sentence before it is still read', () => {
    const { index } = buildSeedIndex(SEEDS);
    const text = `Kim Jong Un has also sent KN-23 ballistic missiles to Russia. ${'W'.repeat(300_000)} And then.`;
    const js = judgeDocument({ text }, index);
    expect(js[0]?.sentence.text).toBe('Kim Jong Un has also sent KN-23 ballistic missiles to Russia.');
    expect(js[0]?.verdict).toBe('known');
    // the quotes stored or shown are the original text, not the bounded one
    expect(js.every((j) => text.includes(j.sentence.text))).toBe(true);
  }, 20_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoryExamples } from '../../src/app/story-examples.ts';
import { analyzeDocument, judgeDocument, TRAINED_MODEL } from '../../src/core/claims/index.ts';
import { activeExamples, createExampleIndex, useExamples } from '../../src/core/claims/learned/examples.ts';
import { SENTENCE_FEATURES } from '../../src/core/claims/learned/features.ts';
import { scoreSentence } from '../../src/core/claims/learned/judge-learned.ts';
import { compile, predict, predictSparse, trainSoftmax } from '../../src/core/claims/learned/softmax.ts';
import { type TrainingRow, train } from '../../src/core/claims/learned/train.ts';
import { bagOfWords } from '../../src/core/claims/learned/words-bag.ts';
import type { SentenceJudgement } from '../../src/core/claims/types.ts';
import { activeStory } from '../../src/core/story/active-story.ts';
import { buildSeedIndex, type SeedBuild } from './memory-index.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
let seeds: SeedBuild;
beforeAll(() => {
  seeds = buildSeedIndex(SEEDS);
});

const judge = (text: string): SentenceJudgement => {
  const j = judgeDocument({ text, published: '2025-04-28' }, seeds.index)[0];
  if (!j) throw new Error(`no sentence in ${text}`);
  return j;
};

describe("the learned judgement with the story's labelled examples (as the bot reads this story)", () => {
  const before = activeExamples();
  beforeAll(() => useExamples(createExampleIndex(readStoryExamples(SEEDS, activeStory()))));
  afterAll(() => useExamples(before));

  it('GIVEN Moscow confirming the troops fought WHEN judged by the verdict trees THEN it contradicts the Kremlin denial and names it', () => {
    const j = judge('Moscow confirmed that North Korean troops took part in the battle for Kursk.');
    expect(j.verdict).toBe('contradicts');
    const quotes = j.matches.flatMap((m) => m.claim.evidence.map((e) => e.quote));
    expect(quotes.some((q) => /Peskov|hoax|Putin denies/.test(q))).toBe(true);
  });

  it('GIVEN the size of the whole army WHEN judged by the verdict trees THEN it contradicts no figure of troops sent', () => {
    expect(judge('North Korea keeps more than a million soldiers under arms.').verdict).not.toBe('contradicts');
  });

  it('GIVEN a story with examples and one without WHEN scored THEN the trees give the first verdict, the sentence model the second', () => {
    const [s] = analyzeDocument({
      text: 'Moscow confirmed that North Korean troops took part in the battle for Kursk.',
    });
    if (!s) throw new Error('no sentence');
    expect(TRAINED_MODEL.verdict).toBeDefined();
    const withExamples = scoreSentence(s, seeds.index, TRAINED_MODEL);
    useExamples(null);
    const without = scoreSentence(s, seeds.index, TRAINED_MODEL);
    useExamples(createExampleIndex(readStoryExamples(SEEDS, activeStory())));
    expect(withExamples.byTrees).toBe(true);
    expect(without.byTrees).toBe(false);
    expect(withExamples.verdict).not.toEqual(without.verdict);
  });
});

describe('the learned judgement (model.json) against the seeds', () => {
  it('GIVEN Moscow confirming the troops fought WHEN judged THEN it contradicts the Kremlin denial and names it', () => {
    const j = judge('Moscow confirmed that North Korean troops took part in the battle for Kursk.');
    expect(j.verdict).toBe('contradicts');
    const quotes = j.matches.flatMap((m) => m.claim.evidence.map((e) => e.quote));
    expect(quotes.some((q) => /Peskov|hoax|Putin denies/.test(q))).toBe(true);
    expect(j.reason).toMatch(/asserts what .* denies/);
  });

  it('GIVEN the size of the whole army WHEN judged THEN it contradicts no figure of troops sent', () => {
    expect(judge('North Korea keeps more than a million soldiers under arms.').verdict).not.toBe('contradicts');
  });

  it('GIVEN a seed sentence word for word WHEN judged THEN it is known and points at that sentence', () => {
    const quote = 'Kim Jong Un has also sent KN-23 ballistic missiles to Russia';
    const seed = seeds.index.claims.flatMap((c) => c.evidence).find((e) => e.quote.startsWith(quote));
    if (!seed) throw new Error('seed sentence not found');
    const j = judge(seed.quote);
    expect(j.verdict).toBe('known');
    expect(j.matches[0]?.claim.evidence.map((e) => e.quote)).toContain(seed.quote);
  });

  it('GIVEN page furniture WHEN judged THEN it is offtopic', () => {
    expect(judge('Subscribe to our newsletter for daily updates.').verdict).toBe('offtopic');
  });

  it('GIVEN a known or contradicts verdict WHEN reported THEN the reason says how sure the model is', () => {
    const j = judge('Moscow confirmed that North Korean troops took part in the battle for Kursk.');
    expect(j.reason).toMatch(/\(confidence \d+%\)/);
  });

  it('GIVEN the committed weights WHEN read THEN they name the features the code computes', () => {
    expect(TRAINED_MODEL.pair.weights[0]).toHaveLength(TRAINED_MODEL.pair.features.length);
    expect(TRAINED_MODEL.sentence.weights[0]).toHaveLength(TRAINED_MODEL.sentence.features.length);
    expect(TRAINED_MODEL.contradictsAt).toBeGreaterThan(0);
  });
});

describe('training', () => {
  it('GIVEN two separable classes WHEN a softmax model is fitted THEN it tells them apart', () => {
    const x = [
      [0, 1],
      [0.2, 0.9],
      [1, 0],
      [0.9, 0.1],
    ];
    const m = trainSoftmax(['a', 'b'], ['f1', 'f2'], x, [0, 0, 1, 1], { l2: 0.01, steps: 300, learningRate: 0.5 });
    expect(predict(m, [0.1, 1])[0]).toBeGreaterThan(0.8);
    expect(predict(m, [1, 0.05])[1]).toBeGreaterThan(0.8);
  });

  it('GIVEN the same labelled rows twice WHEN trained THEN the weights are the same (training is deterministic)', () => {
    const rows: TrainingRow[] = [
      ['North Korea has sent 12,000 troops to Russia, Seoul says.', 'known', 'a1'],
      ['Kim Jong Un visited a tractor factory.', 'offtopic', 'a2'],
      ['North Korean soldiers fought in Kursk and many were killed.', 'contradicts', 'a3'],
      ['North Korea sent 6,000 military builders to Kursk.', 'new', 'a4'],
      ['The weather in Seoul was sunny.', 'offtopic', 'a5'],
      ['Pyongyang supplied artillery shells to Moscow.', 'known', 'a6'],
    ].map(([text, label, group]) => ({
      text: text as string,
      label: label as TrainingRow['label'],
      group: group as string,
      seed: null,
      sentences: analyzeDocument({ text: text as string }),
    }));
    const parts = [{ name: 'test', rows, index: seeds.index, story: activeStory() }];
    const a = train(parts);
    const b = train(parts);
    expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
  }, 60_000);
});

describe('fast prediction', () => {
  it('GIVEN the committed sentence model WHEN a row is given as cues plus present words THEN it scores as the row written out in full', () => {
    const m = TRAINED_MODEL.sentence;
    const fixed = SENTENCE_FEATURES.length;
    const cues = Array.from({ length: fixed }, (_, j) => (j % 3 === 0 ? 1 : 0.25 * j));
    const ones = [fixed, fixed + 3, m.features.length - 1];
    const dense = [...cues, ...m.features.slice(fixed).map((_, j) => (ones.includes(fixed + j) ? 1 : 0))];
    const slow = predict(m, dense);
    const fast = predictSparse(compile(m), cues, ones);
    fast.forEach((p, c) => {
      expect(p).toBeCloseTo(slow[c] as number, 10);
    });
  });
});

describe('bag of words', () => {
  it('GIVEN plain, typographic and accented text WHEN read THEN possessives, function words and short words drop out', () => {
    expect([...bagOfWords('Russia’s troops and the KN-23 missiles were sent.')].sort()).toEqual([
      'w:kn-23',
      'w:missile',
      'w:russia',
      'w:sent',
      'w:troop',
    ]);
    expect([...bagOfWords('Zelenskyy met Škoda workers in Kyiv.')].sort()).toEqual([
      'w:kyiv',
      'w:met',
      'w:worker',
      'w:zelenskyy',
      'w:škoda',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ClaimFrame, KnownClaim, Relation, SentenceJudgement, Verdict } from '../../src/core/claims/types.ts';
import {
  type LabelledSentence,
  type Prediction,
  predictionFromJudgements,
  scorePrediction,
} from '../../src/core/eval/index.ts';

const FRAME: ClaimFrame = {
  actor: null,
  action: null,
  theme: null,
  quantity: null,
  place: [],
  time: null,
  attribution: null,
  polarity: 'asserted',
  modality: 'asserted',
};

const SEED_003 = '003_5790b87cadae2bc3.txt';
const PESKOV =
  'Kremlin spokesman Dmitry Peskov on Thursday dismissed claims of Pyongyang sending military personnel to fight in Ukraine as a \u201choax.\u201d';
const KYIV =
  'The official said North Korean officers are already on the ground, but Kyiv hasn\u2019t seen any North Korean units fighting yet.';

function claim(id: number, quote: string, source = SEED_003): KnownClaim {
  return { id, text: quote, frame: FRAME, terms: [], evidence: [{ source, quote, published: null, speaker: null }] };
}

function judgement(verdict: Verdict, matches: Array<[KnownClaim, Relation]>): SentenceJudgement {
  return {
    sentence: { text: 's', onTopic: verdict !== 'offtopic', frame: FRAME, terms: [], keys: [] },
    verdict,
    reason: `${verdict} because`,
    matches: matches.map(([c, relation]) => ({ claim: c, relation, score: 1 })),
  };
}

const row = (label: Verdict, seed: LabelledSentence['seed'] = null): LabelledSentence => ({
  line: 7,
  sentence: 'Moscow acknowledged that North Korean troops fought in Kursk.',
  label,
  seed,
  published: '2024-12-12',
});

const peskovSeed = { file: SEED_003, quote: 'dismissed claims of Pyongyang sending military personnel' };

describe('scorePrediction', () => {
  it('GIVEN a contradicts answer pointing at the labelled seed sentence WHEN scored THEN it is right', () => {
    const p: Prediction = { verdict: 'contradicts', pointsAt: [{ source: SEED_003, quote: PESKOV }], reason: '' };
    expect(scorePrediction(row('contradicts', peskovSeed), p)).toBe('right');
  });

  it('GIVEN the right verdict pointing at another sentence of the same seed WHEN scored THEN it is a wrong-seed mistake', () => {
    const p: Prediction = { verdict: 'contradicts', pointsAt: [{ source: SEED_003, quote: KYIV }], reason: '' };
    expect(scorePrediction(row('contradicts', peskovSeed), p)).toBe('wrong_seed');
  });

  it('GIVEN the labelled quote in another seed file WHEN scored THEN it is a wrong-seed mistake', () => {
    const p: Prediction = { verdict: 'known', pointsAt: [{ source: '000_other.txt', quote: PESKOV }], reason: '' };
    expect(scorePrediction(row('known', peskovSeed), p)).toBe('wrong_seed');
  });

  it('GIVEN a known verdict pointing at nothing WHEN scored THEN it is a wrong-seed mistake', () => {
    expect(scorePrediction(row('known', peskovSeed), { verdict: 'known', pointsAt: [], reason: '' })).toBe(
      'wrong_seed',
    );
  });

  it('GIVEN curly quotes, other case and extra spaces in the seed WHEN compared with a plain quote THEN they match', () => {
    const seed = { file: SEED_003, quote: "KYIV HASN'T  seen any North Korean units" };
    const p: Prediction = { verdict: 'known', pointsAt: [{ source: `seeds/${SEED_003}`, quote: KYIV }], reason: '' };
    expect(scorePrediction(row('known', seed), p)).toBe('right');
  });

  it('GIVEN a new or offtopic label WHEN the verdict matches THEN it is right with no seed needed, else wrong', () => {
    expect(scorePrediction(row('new'), { verdict: 'new', pointsAt: [], reason: '' })).toBe('right');
    expect(scorePrediction(row('offtopic'), { verdict: 'new', pointsAt: [], reason: '' })).toBe('wrong');
    expect(scorePrediction(row('contradicts', peskovSeed), { verdict: 'new', pointsAt: [], reason: '' })).toBe('wrong');
  });
});

describe('predictionFromJudgements', () => {
  it('GIVEN a contradicts judgement that also names a supporting claim WHEN read THEN it points only at what it contradicts', () => {
    const j = judgement('contradicts', [
      [claim(1, KYIV), 'supports'],
      [claim(2, PESKOV), 'contradicts'],
    ]);
    const p = predictionFromJudgements([j]);
    expect(p.verdict).toBe('contradicts');
    expect(p.pointsAt).toEqual([{ source: SEED_003, quote: PESKOV }]);
  });

  it('GIVEN a known verdict whose only match to the labelled seed is a contradicts relation WHEN scored THEN it is not right', () => {
    const j = judgement('known', [
      [claim(1, KYIV), 'supports'],
      [claim(2, PESKOV), 'contradicts'],
    ]);
    expect(scorePrediction(row('known', peskovSeed), predictionFromJudgements([j]))).toBe('wrong_seed');
  });

  it('GIVEN a sentence the segmenter cut in two WHEN read THEN the strongest verdict wins with its own matches', () => {
    const p = predictionFromJudgements([
      judgement('known', [[claim(1, KYIV), 'supports']]),
      judgement('contradicts', [[claim(2, PESKOV), 'contradicts']]),
      judgement('offtopic', []),
    ]);
    expect(p.verdict).toBe('contradicts');
    expect(p.pointsAt.map((e) => e.quote)).toEqual([PESKOV]);
  });

  it('GIVEN no sentence left after analysis WHEN read THEN the answer is offtopic', () => {
    expect(predictionFromJudgements([]).verdict).toBe('offtopic');
  });

  it('GIVEN a claim with evidence from several seeds WHEN read THEN the answer points at all of it', () => {
    const c = claim(3, PESKOV);
    c.evidence.push({ source: '002_x.txt', quote: 'other words', published: null, speaker: null });
    const p = predictionFromJudgements([judgement('known', [[c, 'supports']])]);
    expect(p.pointsAt.map((e) => e.source)).toEqual([SEED_003, '002_x.txt']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AnalyzedSentence,
  ClaimFrame,
  KnownClaim,
  Relation,
  SentenceJudgement,
  Verdict,
} from '../../src/core/claims/types.ts';
import { learnFromJudgements } from '../../src/core/learn.ts';
import type { ClaimStore } from '../../src/core/store-ports.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';

const FRAME: ClaimFrame = {
  actor: 'dprk',
  action: 'send',
  theme: 'troops',
  quantity: null,
  place: ['russia'],
  time: null,
  attribution: 'nis',
  polarity: 'asserted',
  modality: 'asserted',
};

function analyzed(text: string): AnalyzedSentence {
  return { text, onTopic: true, frame: FRAME, terms: [text], keys: ['actor:dprk'] };
}

function judgement(
  text: string,
  verdict: Verdict,
  matches: Array<[KnownClaim, Relation, number]> = [],
  reason = 'r',
): SentenceJudgement {
  return {
    sentence: analyzed(text),
    verdict,
    reason,
    matches: matches.map(([claim, relation, score]) => ({ claim, relation, score })),
  };
}

const PROV = { source: 'https://news.example/item', published: '2024-11-05' };

let db: Database;
let store: ClaimStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  store = createSqliteClaimStore(db);
});
afterEach(() => db.close());

function seedClaim(text: string): KnownClaim {
  return store.addClaim(analyzed(text), { source: '000.txt', quote: text, published: '2024-10-15', speaker: null });
}

describe('learnFromJudgements', () => {
  it('GIVEN a new sentence WHEN learned THEN it becomes a claim whose evidence names the source, date and speaker', () => {
    const summary = learnFromJudgements(store, [judgement('Pyongyang sent troops.', 'new')], PROV);
    expect(summary).toEqual({ claims: 1, evidence: 0, relations: 0 });
    const [claim] = store.list({ limit: 5 });
    expect(claim?.text).toBe('Pyongyang sent troops.');
    expect(claim?.evidence).toEqual([
      { source: PROV.source, quote: 'Pyongyang sent troops.', published: '2024-11-05', speaker: 'nis' },
    ]);
  });

  it('GIVEN a known sentence WHEN learned THEN it is evidence on the best supporting match, not a new claim', () => {
    const weak = seedClaim('weak match');
    const strong = seedClaim('strong match');
    learnFromJudgements(
      store,
      [
        judgement('Troops were sent.', 'known', [
          [weak, 'supports', 0.4],
          [strong, 'supports', 0.9],
        ]),
      ],
      PROV,
    );
    expect(store.counts()).toEqual({ claims: 2, evidence: 3, conflicts: 0 });
    expect(store.get(strong.id)?.evidence.map((e) => e.quote)).toEqual(['strong match', 'Troops were sent.']);
    expect(store.get(weak.id)?.evidence).toHaveLength(1);
  });

  it('GIVEN a contradicting sentence WHEN learned THEN it is a new claim related to what it contradicts, with the reason', () => {
    const known = seedClaim('about 3,000 troops');
    learnFromJudgements(
      store,
      [judgement('12,000 troops.', 'contradicts', [[known, 'contradicts', 0.8]], '12,000 vs about 3,000')],
      PROV,
    );
    expect(store.counts()).toEqual({ claims: 2, evidence: 2, conflicts: 1 });
    expect(store.conflicts()[0]).toMatchObject({
      a: { source: PROV.source, quote: '12,000 troops.' },
      b: { claimId: known.id, source: '000.txt', quote: 'about 3,000 troops' },
      reason: '12,000 vs about 3,000',
    });
  });

  it('GIVEN a sentence contradicting several claims WHEN learned THEN the reason is stored only with the claim it names', () => {
    const weaker = seedClaim('about 3,000 troops');
    const best = seedClaim('several thousand troops');
    learnFromJudgements(
      store,
      [
        judgement(
          '12,000 troops.',
          'contradicts',
          [
            [weaker, 'contradicts', 0.5],
            [best, 'contradicts', 0.9],
          ],
          '12,000 vs several thousand',
        ),
      ],
      PROV,
    );
    expect(store.conflicts().map((c) => [c.b.claimId, c.reason])).toEqual([[best.id, '12,000 vs several thousand']]);
  });

  it('GIVEN an offtopic sentence WHEN learned THEN nothing is stored', () => {
    const summary = learnFromJudgements(store, [judgement('Subscribe to our newsletter.', 'offtopic')], PROV);
    expect(summary).toEqual({ claims: 0, evidence: 0, relations: 0 });
    expect(store.counts()).toEqual({ claims: 0, evidence: 0, conflicts: 0 });
  });

  it('GIVEN the same sentence from the same source twice WHEN learned in one call or two THEN it is stored once', () => {
    const j = judgement('North Korea sent troops.', 'new');
    learnFromJudgements(store, [j, j], PROV);
    learnFromJudgements(store, [j], PROV);
    expect(store.counts()).toEqual({ claims: 1, evidence: 1, conflicts: 0 });
  });

  it('GIVEN a known verdict without any supporting match WHEN learned THEN the sentence is kept as a claim', () => {
    learnFromJudgements(store, [judgement('Odd sentence.', 'known')], PROV);
    expect(store.counts().claims).toBe(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyzedSentence, ClaimFrame, Evidence } from '../../src/core/claims/types.ts';
import type { ClaimStore } from '../../src/core/store-ports.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';

const FRAME: ClaimFrame = {
  actor: 'dprk',
  action: 'send',
  theme: 'troops',
  quantity: null,
  place: ['kursk', 'russia'],
  time: '2024-10',
  attribution: 'nis',
  polarity: 'asserted',
  modality: 'reported',
};

function sentence(text: string, keys: string[], frame: Partial<ClaimFrame> = {}): AnalyzedSentence {
  return { text, onTopic: true, frame: { ...FRAME, ...frame }, terms: text.toLowerCase().split(/\W+/), keys };
}

function evidence(source: string, quote: string, published: string | null = '2024-10-18'): Evidence {
  return { source, quote, published, speaker: 'nis' };
}

let db: Database;
let store: ClaimStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  store = createSqliteClaimStore(db, { maxPostingsPerKey: 4 });
});
afterEach(() => db.close());

describe('claim store', () => {
  it('GIVEN a claim WHEN it is read back THEN text, frame (with an open range), terms and evidence survive', () => {
    const s = sentence('More than 10,000 troops', ['actor:dprk'], {
      quantity: { min: 10000, max: Infinity, text: 'more than 10,000' },
    });
    const added = store.addClaim(s, evidence('004.txt', s.text));
    const back = store.get(added.id);
    expect(back?.frame.quantity).toEqual({ min: 10000, max: Infinity, text: 'more than 10,000' });
    expect(back?.terms).toEqual(s.terms);
    expect(back?.evidence).toEqual([evidence('004.txt', s.text)]);
  });

  it('GIVEN an unknown id WHEN it is read THEN the store answers undefined', () => {
    expect(store.get(999)).toBeUndefined();
  });

  it('GIVEN the same evidence twice WHEN it is added THEN it is stored once', () => {
    const claim = store.addClaim(sentence('A', ['k']), evidence('000.txt', 'A'));
    store.addEvidence(claim.id, evidence('001.txt', 'A said again'));
    store.addEvidence(claim.id, evidence('001.txt', 'A said again'));
    store.addEvidence(claim.id, evidence('000.txt', 'A'));
    expect(store.get(claim.id)?.evidence.map((e) => e.source)).toEqual(['000.txt', '001.txt']);
    expect(store.counts()).toEqual({ claims: 1, evidence: 2, conflicts: 0 });
  });

  it('GIVEN the same sentence from the same source WHEN it is added as a claim twice THEN it is one claim', () => {
    const first = store.addClaim(sentence('A', ['k']), evidence('000.txt', 'A'));
    const second = store.addClaim(sentence('A', ['k']), evidence('000.txt', 'A'));
    expect(second.id).toBe(first.id);
    expect(store.counts().claims).toBe(1);
    // …but another source saying it is a separate reading the engine decides about
    store.addClaim(sentence('A', ['k']), evidence('001.txt', 'A'));
    expect(store.counts().claims).toBe(2);
  });

  it('GIVEN claims sharing keys WHEN candidates are asked THEN most keys shared come first, then the oldest', () => {
    const a = store.addClaim(sentence('a', ['x', 'y', 'z']), evidence('s', 'a'));
    const b = store.addClaim(sentence('b', ['x']), evidence('s', 'b'));
    const c = store.addClaim(sentence('c', ['x', 'y']), evidence('s', 'c'));
    const d = store.addClaim(sentence('d', ['y']), evidence('s', 'd'));
    store.addClaim(sentence('e', ['other']), evidence('s', 'e'));
    const found = store.candidates(['x', 'y', 'z', 'x'], 10);
    expect(found.map((k) => k.id)).toEqual([a.id, c.id, b.id, d.id]);
    expect(found[0]?.evidence).toEqual([evidence('s', 'a')]);
    expect(store.candidates(['x', 'y', 'z'], 2).map((k) => k.id)).toEqual([a.id, c.id]);
  });

  it('GIVEN no claim under the keys WHEN candidates are asked THEN none come back', () => {
    store.addClaim(sentence('a', ['x']), evidence('s', 'a'));
    expect(store.candidates(['nothing'], 10)).toEqual([]);
    expect(store.candidates([], 10)).toEqual([]);
  });

  it('GIVEN more claims under a key than the cap WHEN candidates are asked THEN only the newest postings are read', () => {
    const ids = Array.from(
      { length: 10 },
      (_, i) => store.addClaim(sentence(`c${i}`, ['hot']), evidence('s', `c${i}`)).id,
    );
    const found = store.candidates(['hot'], 100).map((c) => c.id);
    expect(found).toHaveLength(4);
    expect(found.sort((x, y) => x - y)).toEqual(ids.slice(-4));
  });

  it('GIVEN claims and quotes WHEN searched THEN matches in text or in evidence quotes come back, best first', () => {
    const troops = store.addClaim(sentence('North Korea sends 12,000 troops', ['k']), evidence('004.txt', 'x'));
    const shells = store.addClaim(sentence('Pyongyang supplies shells', ['k']), evidence('003.txt', 'y'));
    store.addEvidence(shells.id, evidence('001.txt', 'Artillery shells arrive by train from North Korea'));
    expect(store.search('troops', 10).map((c) => c.id)).toEqual([troops.id]);
    expect(store.search('train', 10).map((c) => c.id)).toEqual([shells.id]);
    expect(
      store
        .search('North Korea', 10)
        .map((c) => c.id)
        .sort(),
    ).toEqual([troops.id, shells.id].sort());
    // no claim has every word: any word will do
    expect(store.search('troops hoax', 10).map((c) => c.id)).toEqual([troops.id]);
  });

  it('GIVEN one wording reported by several sources WHEN searched THEN it is found and indexed once', () => {
    const shells = store.addClaim(sentence('Pyongyang supplies shells', ['k']), evidence('003.txt', 'y'));
    for (const source of ['a', 'b', 'c']) store.addEvidence(shells.id, evidence(source, 'Shells arrive by train'));
    store.addEvidence(shells.id, evidence('d', 'Shells arrive by ship'));
    expect(store.search('train', 10).map((c) => c.id)).toEqual([shells.id]);
    expect(store.search('ship', 10).map((c) => c.id)).toEqual([shells.id]);
    const quotes = db.prepare('SELECT quotes FROM claims_fts WHERE rowid = ?').pluck().get(shells.id);
    expect(
      String(quotes)
        .split('\n')
        .filter((q) => q === 'Shells arrive by train'),
    ).toHaveLength(1);
    expect(store.get(shells.id)?.evidence).toHaveLength(5);
  });

  it('GIVEN a query that is only punctuation or FTS syntax WHEN searched THEN nothing is found and nothing throws', () => {
    store.addClaim(sentence('North Korea sends troops', ['k']), evidence('004.txt', 'x'));
    expect(store.search('"*:(', 10)).toEqual([]);
    expect(store.search('troops AND NOT "', 10)).toHaveLength(1);
  });

  it('GIVEN contradicting claims WHEN conflicts are listed THEN each side shows its first evidence and the reason', () => {
    const a = store.addClaim(sentence('several thousand troops', ['k']), evidence('000.txt', 'several thousand'));
    store.addEvidence(a.id, evidence('002.txt', 'later quote'));
    const b = store.addClaim(sentence('12,000 troops', ['k']), evidence('004.txt', '12,000 men'));
    store.addRelation(b.id, a.id, 'contradicts', '12,000 vs several thousand');
    store.addRelation(b.id, a.id, 'contradicts', '12,000 vs several thousand');
    store.addRelation(b.id, a.id, 'supports', 'not a conflict');
    expect(store.conflicts()).toEqual([
      {
        a: { claimId: b.id, source: '004.txt', quote: '12,000 men' },
        b: { claimId: a.id, source: '000.txt', quote: 'several thousand' },
        reason: '12,000 vs several thousand',
      },
    ]);
    expect(store.counts().conflicts).toBe(1);
    expect(store.relations(a.id).map((r) => [r.claim.id, r.relation])).toEqual([
      [b.id, 'contradicts'],
      [b.id, 'supports'],
    ]);
  });

  it('GIVEN no contradictions WHEN conflicts are listed THEN the list is empty', () => {
    const a = store.addClaim(sentence('a', ['k']), evidence('s', 'a'));
    const b = store.addClaim(sentence('b', ['k']), evidence('s', 'b'));
    store.addRelation(a.id, b.id, 'supports', 'same');
    store.addRelation(a.id, a.id, 'contradicts', 'a claim never contradicts itself');
    expect(store.conflicts()).toEqual([]);
  });

  it('GIVEN several claims WHEN listed THEN newest come first and offset pages on', () => {
    const ids = ['a', 'b', 'c'].map((t) => store.addClaim(sentence(t, ['k']), evidence('s', t)).id);
    expect(store.list({ limit: 2 }).map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(store.list({ limit: 2, offset: 2 }).map((c) => c.id)).toEqual([ids[0]]);
  });

  it('GIVEN a relation to a claim that does not exist WHEN it is added THEN the foreign key refuses it', () => {
    const a = store.addClaim(sentence('a', ['k']), evidence('s', 'a'));
    expect(() => store.addRelation(a.id, 999, 'contradicts', 'x')).toThrow(/FOREIGN KEY/);
  });
});

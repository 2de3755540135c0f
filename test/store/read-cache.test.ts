import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalyzedSentence, ClaimFrame } from '../../src/core/claims/types.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { Lru } from '../../src/store/read-cache.ts';

const FRAME: ClaimFrame = {
  actor: 'dprk',
  action: 'send',
  theme: 'troops',
  quantity: null,
  place: [],
  time: null,
  attribution: null,
  polarity: 'asserted',
  modality: 'asserted',
};

function sentence(text: string, keys = ['k']): AnalyzedSentence {
  return { text, onTopic: true, frame: FRAME, terms: [text], keys };
}
function ev(quote: string, source = 's') {
  return { source, quote, published: null, speaker: null };
}

const open: Database[] = [];
const dirs: string[] = [];
function fileDb(): { path: string; db: Database } {
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-cache-'));
  dirs.push(dir);
  const path = join(dir, 'c.db');
  const db = openDatabase(path);
  open.push(db);
  return { path, db };
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('claim store read cache', () => {
  it('GIVEN cached candidates WHEN another connection adds a claim THEN the next lookup sees it', () => {
    const { path, db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('a'), ev('a'));
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a']);
    const other = openDatabase(path);
    open.push(other);
    createSqliteClaimStore(other).addClaim(sentence('b'), ev('b'));
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a', 'b']);
  });

  it('GIVEN cached candidates WHEN the same connection changes claims behind the store THEN the next lookup sees it', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    const a = store.addClaim(sentence('a'), ev('a'));
    expect(store.candidates(['k'], 10)[0]?.evidence).toHaveLength(1);
    createSqliteClaimStore(db).addEvidence(a.id, ev('a again', 'other'));
    expect(store.candidates(['k'], 10)[0]?.evidence).toHaveLength(2);
    db.exec('DELETE FROM claim_keys; DELETE FROM evidence; DELETE FROM claims;');
    expect(store.candidates(['k'], 10)).toEqual([]);
  });

  it('GIVEN a transaction that adds a claim and rolls back WHEN the id is reused THEN no stale claim is returned', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('kept'), ev('kept'));
    expect(() =>
      db.transaction(() => {
        store.addClaim(sentence('rolled back', ['k', 'x']), ev('rolled back'));
        expect(store.candidates(['x'], 10).map((c) => c.text)).toEqual(['rolled back']);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    store.addClaim(sentence('reused id', ['y']), ev('reused id'));
    expect(store.candidates(['x'], 10)).toEqual([]);
    expect(store.candidates(['y'], 10).map((c) => c.text)).toEqual(['reused id']);
  });

  it('GIVEN a claim with much evidence WHEN it is a candidate THEN it carries only the first pieces, while get has all', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db, { candidateEvidence: 2 });
    const a = store.addClaim(sentence('a'), ev('a'));
    for (let i = 0; i < 5; i++) store.addEvidence(a.id, ev(`a ${i}`, `src${i}`));
    expect(store.candidates(['k'], 1)[0]?.evidence.map((e) => e.quote)).toEqual(['a', 'a 0']);
    expect(store.get(a.id)?.evidence).toHaveLength(6);
  });

  it('GIVEN a full LRU WHEN a new entry comes THEN the least recently used one goes', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.size]).toEqual([1, 3, 2]);
  });
});

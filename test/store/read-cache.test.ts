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

  it('GIVEN a batch (one document) WHEN the store writes inside it and another connection writes during it THEN the batch sees its own writes and the next lookup after it sees the other', () => {
    const { path, db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('a'), ev('a'));
    const otherDb = openDatabase(path);
    open.push(otherDb);
    const other = createSqliteClaimStore(otherDb);
    const seen = store.batch?.(() => {
      const first = store.candidates(['k'], 10).map((c) => c.text);
      store.addClaim(sentence('own'), ev('own'));
      other.addClaim(sentence('foreign'), ev('foreign'));
      return [first, store.candidates(['k'], 10).map((c) => c.text)];
    });
    expect(seen).toEqual([['a'], ['a', 'own']]);
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a', 'own', 'foreign']);
  });

  it('GIVEN a batch whose transaction rolls back WHEN looked up after it THEN the rolled-back claim is gone', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('kept'), ev('kept'));
    expect(() =>
      store.batch?.(() =>
        db.transaction(() => {
          store.addClaim(sentence('rolled back'), ev('rolled back'));
          throw new Error('abort');
        })(),
      ),
    ).toThrow('abort');
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['kept']);
  });

  it('GIVEN a claim with much evidence WHEN it is a candidate THEN it carries only the first pieces, while get has all', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db, { candidateEvidence: 2 });
    const a = store.addClaim(sentence('a'), ev('a'));
    for (let i = 0; i < 5; i++) store.addEvidence(a.id, ev(`a ${i}`, `src${i}`));
    expect(store.candidates(['k'], 1)[0]?.evidence.map((e) => e.quote)).toEqual(['a', 'a 0']);
    expect(store.get(a.id)?.evidence).toHaveLength(6);
  });

  it('GIVEN cached postings WHEN a claim is added under a cached key inside a transaction THEN the next lookup in it sees the claim', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('a'), ev('a'));
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a']);
    db.transaction(() => {
      store.addClaim(sentence('b'), ev('b'));
      expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a', 'b']);
    })();
    expect(store.candidates(['k'], 10).map((c) => c.text)).toEqual(['a', 'b']);
  });

  it('GIVEN a cached candidate WHEN evidence is added THEN the next lookup carries it and an earlier result is unchanged', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db, { candidateEvidence: 2 });
    const a = store.addClaim(sentence('a'), ev('a'));
    const before = store.candidates(['k'], 10)[0];
    db.transaction(() => {
      store.addEvidence(a.id, ev('a 1', 'src1'));
      store.addEvidence(a.id, ev('a 2', 'src2'));
    })();
    expect(store.candidates(['k'], 10)[0]?.evidence.map((e) => e.quote)).toEqual(['a', 'a 1']);
    expect(before?.evidence.map((e) => e.quote)).toEqual(['a']);
  });

  it('GIVEN a savepoint that rolls back inside a committed transaction THEN its claim and evidence are not returned', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    const a = store.addClaim(sentence('a'), ev('a'));
    store.candidates(['k'], 10);
    db.transaction(() => {
      try {
        db.transaction(() => {
          store.addClaim(sentence('gone'), ev('gone'));
          store.addEvidence(a.id, ev('gone too', 'other'));
          throw new Error('abort inner');
        })();
      } catch {}
      expect(store.candidates(['k'], 10).map((c) => [c.text, c.evidence.length])).toEqual([['a', 1]]);
      store.addClaim(sentence('kept'), ev('kept'));
    })();
    expect(store.candidates(['k'], 10).map((c) => [c.text, c.evidence.length])).toEqual([
      ['a', 1],
      ['kept', 1],
    ]);
  });

  it('GIVEN cached candidates WHEN other tables on the connection are written THEN the cache is kept', () => {
    const { db } = fileDb();
    const store = createSqliteClaimStore(db);
    store.addClaim(sentence('a'), ev('a'));
    const first = store.candidates(['k'], 10)[0];
    db.exec("INSERT INTO claims_meta (key, value) VALUES ('x', 'y')");
    expect(store.candidates(['k'], 10)[0]).toBe(first);
  });

  it('GIVEN random writes, rollbacks and writes behind the store WHEN looked up THEN the cache answers as the database does', () => {
    const { path, db } = fileDb();
    const other = openDatabase(path);
    open.push(other);
    const cached = createSqliteClaimStore(db, {
      maxPostingsPerKey: 6,
      candidateEvidence: 3,
      cache: { claims: 8, postings: 4 },
    });
    const uncached = createSqliteClaimStore(db, { maxPostingsPerKey: 6, candidateEvidence: 3, cache: false });
    const behind = createSqliteClaimStore(other);
    const random = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const KEYS = ['a', 'b', 'c', 'd', 'e'];
    const keys = () => KEYS.filter(() => random() < 0.4);
    let n = 0;
    const ids = (): number[] => db.prepare<[], number>('SELECT id FROM claims').pluck().all();
    const write = (): void => {
      const r = random();
      const existing = ids();
      if (r < 0.45 || existing.length === 0) cached.addClaim(sentence(`c${n++}`, keys()), ev(`c${n}`, `s${n}`));
      else if (r < 0.85) cached.addEvidence(pick(existing), ev(`e${n++}`, `s${n}`));
      else if (r < 0.9) behind.addEvidence(pick(existing), ev(`b${n++}`, `s${n}`));
      else if (r < 0.95) db.prepare('DELETE FROM evidence WHERE id = (SELECT max(id) FROM evidence)').run();
      else uncached.addClaim(sentence(`u${n++}`, keys()), ev(`u${n}`, `s${n}`));
    };
    const check = (): void => {
      const lookup = keys();
      expect(cached.candidates(lookup, 5)).toEqual(uncached.candidates(lookup, 5));
    };
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.5) write();
      else if (r < 0.7) check();
      else {
        // a transaction, or a savepoint inside one, that may roll back
        const body = () => {
          for (let i = 0; i < 3; i++) {
            write();
            check();
          }
          if (random() < 0.4) throw new Error('roll back');
        };
        try {
          db.transaction(() => {
            if (random() < 0.5) {
              try {
                db.transaction(body)();
              } catch {}
              check();
            } else body();
          })();
        } catch {}
      }
      check();
    }
    expect(ids().length).toBeGreaterThan(20);
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

function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

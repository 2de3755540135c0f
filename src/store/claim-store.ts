/**
 * SQLite adapter for the ClaimStore port: claims with their frame, evidence, relations, an inverted index of keys
 * for candidate lookup, and FTS5 for search. Statements are prepared once per store.
 */
import type { AnalyzedSentence, ClaimFrame, Evidence, KnownClaim, Relation } from '../core/claims/types.ts';
import type { ClaimConflict, ClaimStore } from '../core/store-ports.ts';
import type { Database } from './db.ts';
import { createReadCache } from './read-cache.ts';
import { createSharedKeyRanker } from './shared-keys.ts';

export interface ClaimStoreOptions {
  /** Postings read per key (newest first), so a lookup costs the same with 100 or 100,000 claims. */
  maxPostingsPerKey?: number;
  /** Pieces of evidence each candidate carries (the oldest first); `get` always returns all of them. */
  candidateEvidence?: number;
  /** Sizes of the read caches candidate lookup uses; false turns them off. */
  cache?: { claims: number; postings: number } | false;
}

const DEFAULT_MAX_POSTINGS = 256;
const DEFAULT_CANDIDATE_EVIDENCE = 10;
// Per generation of the two-generation LRU (read-cache.ts): at most twice as many entries are held.
const DEFAULT_CACHE = { claims: 2500, postings: 2048 };

interface ClaimRow {
  id: number;
  text: string;
  frame: string;
  terms: string;
}

interface EvidenceRow {
  claim_id: number;
  source: string;
  quote: string;
  published: string | null;
  speaker: string | null;
}

interface ConflictRow {
  from_id: number;
  to_id: number;
  reason: string;
  a_source: string | null;
  a_quote: string | null;
  b_source: string | null;
  b_quote: string | null;
}

export function createSqliteClaimStore(db: Database, options: ClaimStoreOptions = {}): ClaimStore {
  const maxPostings = options.maxPostingsPerKey ?? DEFAULT_MAX_POSTINGS;
  const candidateEvidence = options.candidateEvidence ?? DEFAULT_CANDIDATE_EVIDENCE;
  const cache = options.cache === false ? undefined : createReadCache<KnownClaim>(db, options.cache ?? DEFAULT_CACHE);
  const ranker = createSharedKeyRanker();
  const sql = {
    insertClaim: db.prepare<[string, string, string], void>('INSERT INTO claims (text, frame, terms) VALUES (?, ?, ?)'),
    insertKey: db.prepare<[string, number], void>('INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?, ?)'),
    insertFts: db.prepare<[number, string, string], void>(
      'INSERT INTO claims_fts (rowid, text, quotes) VALUES (?, ?, ?)',
    ),
    appendFtsQuote: db.prepare<[string, number], void>(
      'UPDATE claims_fts SET quotes = quotes || char(10) || ? WHERE rowid = ?',
    ),
    insertEvidence: db.prepare<[number, string, string, string | null, string | null], void>(
      'INSERT OR IGNORE INTO evidence (claim_id, source, quote, published, speaker) VALUES (?, ?, ?, ?, ?)',
    ),
    claimWithEvidence: db
      .prepare<[string, string, string], number>(
        `SELECT c.id FROM evidence e JOIN claims c ON c.id = e.claim_id
          WHERE e.source = ? AND e.quote = ? AND c.text = ? ORDER BY c.id LIMIT 1`,
      )
      .pluck(),
    claimText: db.prepare<[number], string>('SELECT text FROM claims WHERE id = ?').pluck(),
    // Through the (claim_id, source, quote) index: has another source already given this claim this exact quote?
    quoteKnown: db
      .prepare<[number, string, number], number>('SELECT 1 FROM evidence WHERE claim_id = ? AND quote = ? AND id <> ?')
      .pluck(),
    insertRelation: db.prepare<[number, number, Relation, string], void>(
      'INSERT OR IGNORE INTO claim_relations (from_id, to_id, relation, reason) VALUES (?, ?, ?, ?)',
    ),
    postings: db
      .prepare<[string, number], number>('SELECT claim_id FROM claim_keys WHERE key = ? ORDER BY claim_id DESC LIMIT ?')
      .pluck(),
    claimsByIds: db.prepare<[string], ClaimRow>(
      'SELECT id, text, frame, terms FROM claims WHERE id IN (SELECT value FROM json_each(?))',
    ),
    evidenceByIds: db.prepare<[string], EvidenceRow>(
      `SELECT claim_id, source, quote, published, speaker FROM evidence
        WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, id`,
    ),
    // The first N of each claim through evidence_by_claim: a much-restated claim costs N rows, not all of its own.
    firstEvidenceByIds: db.prepare<[string, number], EvidenceRow>(
      `SELECT e.claim_id, e.source, e.quote, e.published, e.speaker
         FROM json_each(?) j
         JOIN evidence e ON e.id IN (SELECT id FROM evidence WHERE claim_id = j.value ORDER BY id LIMIT ?)
        ORDER BY e.claim_id, e.id`,
    ),
    listIds: db.prepare<[number, number], number>('SELECT id FROM claims ORDER BY id DESC LIMIT ? OFFSET ?').pluck(),
    searchIds: db
      .prepare<[string, number], number>(
        'SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts), rowid LIMIT ?',
      )
      .pluck(),
    relationsOf: db.prepare<[number, number], { other: number; relation: Relation; reason: string }>(
      `SELECT to_id AS other, relation, reason FROM claim_relations WHERE from_id = ?
       UNION ALL
       SELECT from_id AS other, relation, reason FROM claim_relations WHERE to_id = ?`,
    ),
    conflicts: db.prepare<[], ConflictRow>(
      `SELECT r.from_id, r.to_id, r.reason,
              fa.source AS a_source, fa.quote AS a_quote, fb.source AS b_source, fb.quote AS b_quote
         FROM claim_relations r
         LEFT JOIN evidence fa ON fa.id = (SELECT id FROM evidence WHERE claim_id = r.from_id ORDER BY id LIMIT 1)
         LEFT JOIN evidence fb ON fb.id = (SELECT id FROM evidence WHERE claim_id = r.to_id ORDER BY id LIMIT 1)
        WHERE r.relation = 'contradicts'
        ORDER BY r.from_id, r.to_id`,
    ),
    counts: db.prepare<[], { claims: number; evidence: number; conflicts: number }>(
      `SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM evidence) AS evidence,
              (SELECT count(*) FROM claim_relations WHERE relation = 'contradicts') AS conflicts`,
    ),
  };

  /** Loads claims with their evidence (all of it, or the first `evidenceLimit`) in two queries, in `ids` order. */
  function load(ids: readonly number[], evidenceLimit?: number): KnownClaim[] {
    if (ids.length === 0) return [];
    const byId = fetchClaims(ids, evidenceLimit);
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  function fetchClaims(ids: readonly number[], evidenceLimit?: number): Map<number, KnownClaim> {
    const json = JSON.stringify(ids);
    const byId = new Map<number, KnownClaim>();
    for (const row of sql.claimsByIds.all(json)) {
      byId.set(row.id, {
        id: row.id,
        text: row.text,
        frame: parseFrame(row.frame),
        terms: JSON.parse(row.terms) as string[],
        evidence: [],
      });
    }
    const evidence =
      evidenceLimit === undefined ? sql.evidenceByIds.all(json) : sql.firstEvidenceByIds.all(json, evidenceLimit);
    for (const e of evidence) {
      byId.get(e.claim_id)?.evidence.push({
        source: e.source,
        quote: e.quote,
        published: e.published,
        speaker: e.speaker,
      });
    }
    return byId;
  }

  /** Candidate lookup: postings and parsed claims come from the read cache, which the writes below keep current. */
  function candidates(keys: readonly string[], limit: number): KnownClaim[] {
    if (limit <= 0) return [];
    const caches = cache?.current();
    const lists: number[][] = [];
    for (const key of new Set(keys)) {
      let ids = caches?.postings.get(key);
      if (!ids) {
        ids = sql.postings.all(key, maxPostings);
        caches?.postings.set(key, ids);
      }
      lists.push(ids);
    }
    const ranked = ranker.rank(lists, limit);
    if (!caches) return load(ranked, candidateEvidence);
    const missing = ranked.filter((id) => caches.claims.get(id) === undefined);
    if (missing.length > 0)
      for (const [id, claim] of fetchClaims(missing, candidateEvidence)) caches.claims.set(id, claim);
    return ranked.flatMap((id) => caches.claims.get(id) ?? []);
  }

  function addEvidence(claimId: number, evidence: Evidence): void {
    const caches = cache?.current();
    const { changes, lastInsertRowid } = sql.insertEvidence.run(
      claimId,
      evidence.source,
      evidence.quote,
      evidence.published,
      evidence.speaker,
    );
    if (changes === 0) return;
    const cached = caches?.claims.peek(claimId);
    const text = cached ? cached.text : sql.claimText.get(claimId);
    // Search needs each wording once: a syndicated sentence repeated by many sources is not appended again, since
    // rewriting the claim's FTS row costs as much as all the quotes it already holds.
    if (text !== evidence.quote && sql.quoteKnown.get(claimId, evidence.quote, Number(lastInsertRowid)) === undefined)
      sql.appendFtsQuote.run(evidence.quote, claimId);
    // The newest row comes last in id order, so it belongs to a candidate's first pieces only while they are fewer.
    // A new object, not a push: judgements already made keep the claim as it was when they matched it.
    if (cached && cached.evidence.length < candidateEvidence)
      caches?.claims.set(claimId, { ...cached, evidence: [...cached.evidence, copyEvidence(evidence)] });
    cache?.mirrored();
  }

  const addClaim = db.transaction((sentence: AnalyzedSentence, evidence: Evidence): KnownClaim => {
    const caches = cache?.current();
    // The same sentence from the same source is one claim, however often it is learned.
    const existing = sql.claimWithEvidence.get(evidence.source, evidence.quote, sentence.text);
    if (existing !== undefined) return load([existing])[0] as KnownClaim;
    const id = Number(
      sql.insertClaim.run(sentence.text, stringifyFrame(sentence.frame), JSON.stringify(sentence.terms))
        .lastInsertRowid,
    );
    const keys = new Set(sentence.keys);
    for (const key of keys) sql.insertKey.run(key, id);
    sql.insertFts.run(id, sentence.text, evidence.quote === sentence.text ? '' : evidence.quote);
    sql.insertEvidence.run(id, evidence.source, evidence.quote, evidence.published, evidence.speaker);
    const claim: KnownClaim = {
      id,
      text: sentence.text,
      frame: sentence.frame,
      terms: [...sentence.terms],
      evidence: [copyEvidence(evidence)],
    };
    if (caches) {
      for (const key of keys) {
        const ids = caches.postings.peek(key);
        if (ids) caches.postings.set(key, withPosting(ids, id, maxPostings));
      }
      caches.claims.set(id, claim);
      cache?.mirrored();
    }
    return claim;
  });

  return {
    candidates,
    batch: (fn) => (cache ? cache.batch(fn) : fn()),
    addClaim,
    addEvidence: db.transaction(addEvidence),
    addRelation(from, to, relation, reason) {
      if (from === to) return;
      sql.insertRelation.run(from, to, relation, reason);
    },
    get(id) {
      return load([id])[0];
    },
    list({ limit, offset = 0 }) {
      return load(sql.listIds.all(limit, offset));
    },
    search(query, limit) {
      const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0 || limit <= 0) return [];
      const quoted = words.map((w) => `"${w}"`);
      // Every word first; when nothing has them all, any word, best match first.
      let ids = sql.searchIds.all(quoted.join(' '), limit);
      if (ids.length === 0 && words.length > 1) ids = sql.searchIds.all(quoted.join(' OR '), limit);
      return load(ids);
    },
    relations(id) {
      const rows = sql.relationsOf.all(id, id);
      const claims = new Map(load([...new Set(rows.map((r) => r.other))]).map((c) => [c.id, c]));
      return rows.flatMap((r) => {
        const claim = claims.get(r.other);
        return claim ? [{ claim, relation: r.relation, reason: r.reason }] : [];
      });
    },
    conflicts(): ClaimConflict[] {
      return sql.conflicts.all().map((r) => ({
        a: { claimId: r.from_id, source: r.a_source ?? '', quote: r.a_quote ?? '' },
        b: { claimId: r.to_id, source: r.b_source ?? '', quote: r.b_quote ?? '' },
        reason: r.reason,
      }));
    },
    counts() {
      return sql.counts.get() as { claims: number; evidence: number; conflicts: number };
    },
  };
}

/** Evidence as the database gives it back (absent fields are NULL there). */
function copyEvidence(e: Evidence): Evidence {
  return { source: e.source, quote: e.quote, published: e.published ?? null, speaker: e.speaker ?? null };
}

/** A key's cached postings (newest first, at most `max`) with a new claim's id in its place. */
function withPosting(ids: readonly number[], id: number, max: number): number[] {
  const out = ids.filter((x) => x > id);
  out.push(id);
  for (const x of ids) if (x < id) out.push(x);
  return out.length > max ? out.slice(0, max) : out;
}

/** Frames are JSON; an open range's Infinity is kept as the string "Infinity" because JSON has no such number. */
export function stringifyFrame(frame: ClaimFrame): string {
  // A replacer makes JSON.stringify several times slower: only frames holding an open range need one.
  if (!hasInfinity(frame)) return JSON.stringify(frame);
  return JSON.stringify(frame, (_key, value) => (value === Infinity ? 'Infinity' : value));
}

function hasInfinity(value: unknown): boolean {
  if (value === Infinity) return true;
  if (typeof value !== 'object' || value === null) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (hasInfinity(v)) return true;
  return false;
}

export function parseFrame(json: string): ClaimFrame {
  // A reviver makes JSON.parse several times slower: only frames holding an open range need one.
  if (!json.includes('"Infinity"')) return JSON.parse(json) as ClaimFrame;
  return JSON.parse(json, (key, value) =>
    (key === 'min' || key === 'max') && value === 'Infinity' ? Infinity : value,
  ) as ClaimFrame;
}

/** Empties every claims table (the rebuild starts from nothing); ids restart at 1. Call inside a transaction. */
export function clearClaims(db: Database): void {
  db.exec(`
    DELETE FROM claim_relations;
    DELETE FROM claim_keys;
    DELETE FROM evidence;
    DELETE FROM claims_fts;
    DELETE FROM claims;
  `);
}

/**
 * Ports for persistence. The SQLite adapters in src/store implement them; core use cases only see these.
 */
import type { AnalyzedSentence, ClaimIndex, Evidence, KnownClaim, Relation } from './claims/types.ts';

export interface ClaimConflict {
  a: { claimId: number; source: string; quote: string };
  b: { claimId: number; source: string; quote: string };
  reason: string;
}

export interface ClaimStore extends ClaimIndex {
  /** Inserts a claim read from `evidence`, filed under the sentence's keys. */
  addClaim(sentence: AnalyzedSentence, evidence: Evidence): KnownClaim;
  /** Adds evidence to an existing claim; the same (source, quote) twice is stored once. */
  addEvidence(claimId: number, evidence: Evidence): void;
  /** Records that claim `from` supports or contradicts claim `to`, with the engine's reason. Idempotent. */
  addRelation(from: number, to: number, relation: Relation, reason: string): void;
  get(id: number): KnownClaim | undefined;
  /** Newest first. */
  list(opts: { limit: number; offset?: number }): KnownClaim[];
  /** Full-text search over claim text and evidence quotes, best first. */
  search(query: string, limit: number): KnownClaim[];
  /** Claims related to `id` with the relation and reason. */
  relations(id: number): Array<{ claim: KnownClaim; relation: Relation; reason: string }>;
  conflicts(): ClaimConflict[];
  counts(): { claims: number; evidence: number; conflicts: number };
}

/** Runs `fn` in one transaction: all of it is stored or none. Nested calls join the outer transaction. */
export type Transact = <T>(fn: () => T) => T;

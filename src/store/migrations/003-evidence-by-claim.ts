import type { Migration } from './types.ts';

/**
 * Evidence in claim order. A claim that many feed items restate collects thousands of pieces of evidence; with this
 * index, "the first N pieces of each candidate" and "the first piece of each side of a conflict" read N rows, not all.
 */
export const evidenceByClaimMigration: Migration = {
  version: 3,
  name: 'evidence-by-claim',
  sql: 'CREATE INDEX evidence_by_claim ON evidence (claim_id);',
};

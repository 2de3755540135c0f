import type { Migration } from './types.ts';

/**
 * Known claims, their evidence, relations between claims, the inverted index the engine's candidate lookup reads,
 * and a full-text index for `claims search`.
 *
 * `claimwatch build` empties and refills these tables in one transaction, so claim ids are NOT stable across
 * rebuilds: other tables must not hold foreign keys to `claims` (copy what they need to show instead).
 */
export const claimsMigration: Migration = {
  version: 1,
  name: 'claims',
  sql: `
    CREATE TABLE claims (
      id INTEGER PRIMARY KEY,
      text TEXT NOT NULL,
      frame TEXT NOT NULL,
      terms TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );

    CREATE TABLE evidence (
      id INTEGER PRIMARY KEY,
      claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      quote TEXT NOT NULL,
      published TEXT,
      speaker TEXT,
      UNIQUE (claim_id, source, quote)
    );
    CREATE INDEX evidence_by_source_quote ON evidence (source, quote);

    CREATE TABLE claim_relations (
      from_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      to_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      relation TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts')),
      reason TEXT NOT NULL,
      PRIMARY KEY (from_id, to_id, relation)
    ) WITHOUT ROWID;
    CREATE INDEX claim_relations_to ON claim_relations (to_id);
    CREATE INDEX claim_relations_kind ON claim_relations (relation);

    -- Postings: (key, claim_id) ordered so "the newest N claims under a key" is one short index range.
    CREATE TABLE claim_keys (
      key TEXT NOT NULL,
      claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      PRIMARY KEY (key, claim_id)
    ) WITHOUT ROWID;
    CREATE INDEX claim_keys_by_claim ON claim_keys (claim_id);

    -- rowid = claims.id; quotes = the evidence sentences that differ from the claim text.
    CREATE VIRTUAL TABLE claims_fts USING fts5 (text, quotes, tokenize = 'porter unicode61 remove_diacritics 2');

    CREATE TABLE claims_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};

import type { Migration } from './types.ts';

/**
 * What the desk says about alerts and claims (src/core/desk): the sentence each alert's controls act on, the marks
 * analysts gave, claims muted per channel, and claim statuses. Claims are keyed by a hash of their text (as in
 * migration 004), never by id: ids change when the database is rebuilt from seeds, and none of these tables is
 * touched by a rebuild.
 */
export const deskMarksMigration: Migration = {
  version: 7,
  name: 'desk-marks',
  sql: `
    CREATE TABLE alert_subjects (
      ref TEXT PRIMARY KEY,
      outbox_key TEXT NOT NULL,
      channel TEXT NOT NULL,
      sentence TEXT NOT NULL,
      sentence_key TEXT NOT NULL,
      verdict TEXT NOT NULL,
      claim_id INTEGER,
      claim_text TEXT,
      claim_key TEXT,
      claim_source TEXT,
      claim_quote TEXT,
      item_link TEXT,
      published TEXT,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE desk_marks (
      id INTEGER PRIMARY KEY,
      ref TEXT,
      channel TEXT NOT NULL,
      sentence TEXT NOT NULL,
      sentence_key TEXT NOT NULL,
      claim_id INTEGER,
      claim_text TEXT,
      claim_key TEXT,
      claim_source TEXT,
      claim_quote TEXT,
      published TEXT,
      bot_verdict TEXT NOT NULL,
      desk_verdict TEXT NOT NULL,
      user_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      marked_at INTEGER NOT NULL,
      UNIQUE (ref, user_id)
    );
    CREATE INDEX desk_marks_sentence ON desk_marks (sentence_key, marked_at);

    CREATE TABLE channel_mutes (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      claim_key TEXT NOT NULL,
      claim_text TEXT NOT NULL,
      muted_by TEXT NOT NULL,
      muted_at INTEGER NOT NULL,
      UNIQUE (channel, claim_key)
    );

    CREATE TABLE claim_status (
      claim_key TEXT PRIMARY KEY,
      claim_text TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT,
      set_by TEXT NOT NULL,
      set_at INTEGER NOT NULL
    );
  `,
};

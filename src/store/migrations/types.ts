/** One schema step. `version` is stored in PRAGMA user_version once `sql` has run; versions count up from 1. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

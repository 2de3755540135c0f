import type { Migration } from './types.ts';

/**
 * When each row's last error happened (`status` shows it per channel), and which process is delivering a row: a
 * `watch poll` and a running service may deliver the same outbox, and a row one of them claimed is left to it.
 */
export const outboxClaimsMigration: Migration = {
  version: 5,
  name: 'outbox-claims',
  sql: `
    ALTER TABLE outbox ADD COLUMN last_error_at INTEGER;
    ALTER TABLE outbox ADD COLUMN claimed_by INTEGER;
    CREATE INDEX outbox_channel ON outbox (channel, state);
  `,
};

/**
 * SQLite adapter for the OutboxStore port. Rows are keyed by the message's idempotency key, so enqueueing the same
 * alert twice stores it once. Rows for channels in channel_pauses are not due until the channel is resumed.
 *
 * A row being delivered is claimed with the delivering process's pid: another process (a `watch poll` beside the
 * service) leaves it alone while that process lives, and takes it over once it has died (a crash mid-send).
 */
import type { OutboundMessage } from '../core/alerts.ts';
import type { OutboxEntry, OutboxStore } from '../core/watch/ports.ts';
import type { Database } from './db.ts';

interface Row {
  id: number;
  key: string;
  channel: string;
  attempts: number;
  payload: string;
}

const NOT_PAUSED = 'channel NOT IN (SELECT channel FROM channel_pauses)';
const MINE = '(claimed_by IS NULL OR claimed_by = @me)';

export interface OutboxStoreOptions {
  /** This process's claim mark (default: its pid). */
  owner?: number;
  /** Is the process that claimed a row still running? Default: signal 0 to its pid. */
  isAlive?: (pid: number) => boolean;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createSqliteOutboxStore(db: Database, opts: OutboxStoreOptions = {}): OutboxStore {
  const me = opts.owner ?? process.pid;
  const isAlive = opts.isAlive ?? pidIsAlive;
  const q = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO outbox (key, channel, feed_id, payload, next_attempt_at, created_at)
       VALUES (@key, @channel, @feedId, @payload, @now, @now)`,
    ),
    due: db.prepare<[{ now: number; limit: number; me: number }], Row>(
      `SELECT id, key, channel, attempts, payload FROM outbox
       WHERE state = 'pending' AND next_attempt_at <= @now AND ${NOT_PAUSED} AND ${MINE} ORDER BY id LIMIT @limit`,
    ),
    nextDue: db.prepare<[{ me: number }], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending' AND ${NOT_PAUSED} AND ${MINE}`,
    ),
    nextDueByChannel: db.prepare<[{ me: number }], { channel: string; at: number }>(
      `SELECT channel, min(next_attempt_at) AS at FROM outbox
       WHERE state = 'pending' AND ${NOT_PAUSED} AND ${MINE} GROUP BY channel`,
    ),
    otherClaimants: db.prepare<[number], { pid: number }>(
      `SELECT DISTINCT claimed_by AS pid FROM outbox WHERE state = 'pending' AND claimed_by IS NOT NULL AND claimed_by != ?`,
    ),
    release: db.prepare<[number]>(`UPDATE outbox SET claimed_by = NULL WHERE state = 'pending' AND claimed_by = ?`),
    claim: db.prepare<[{ id: number; me: number }]>(
      `UPDATE outbox SET claimed_by = @me WHERE id = @id AND state = 'pending' AND ${MINE}`,
    ),
    sent: db.prepare<[number, number]>(
      `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, last_error_at = NULL, claimed_by = NULL WHERE id = ?`,
    ),
    retry: db.prepare<[number, number, string, number, number]>(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, last_error_at = ?, claimed_by = NULL WHERE id = ?',
    ),
    dead: db.prepare<[number, string, number, number]>(
      `UPDATE outbox SET state = 'dead', attempts = ?, last_error = ?, last_error_at = ?, claimed_by = NULL WHERE id = ?`,
    ),
    channels: db.prepare<
      [],
      { channel: string; pending: number; lastError: string | null; lastErrorAt: number | null }
    >(
      `SELECT c.channel, c.pending, e.last_error AS lastError, e.last_error_at AS lastErrorAt FROM (
         SELECT o.channel, sum(o.state = 'pending') AS pending,
           (SELECT x.id FROM outbox x WHERE x.channel = o.channel AND x.state != 'sent' AND x.last_error IS NOT NULL
            ORDER BY coalesce(x.last_error_at, 0) DESC, x.id DESC LIMIT 1) AS errorId
         FROM outbox o GROUP BY o.channel
       ) c LEFT JOIN outbox e ON e.id = c.errorId ORDER BY c.channel`,
    ),
    counts: db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
    deadList: db.prepare<[number], { key: string; channel: string; attempts: number; error: string | null }>(
      `SELECT key, channel, attempts, last_error AS error FROM outbox WHERE state = 'dead' ORDER BY id DESC LIMIT ?`,
    ),
  };

  /** Rows claimed by a process that has died go back to whoever delivers next (at-least-once after a crash). */
  function releaseDeadClaims(): void {
    for (const { pid } of q.otherClaimants.all(me)) {
      if (isAlive(pid)) continue;
      try {
        q.release.run(pid);
      } catch {
        // a database refusing writes: the rows stay claimed and are taken over on a later round
      }
    }
  }

  return {
    enqueue(rows, now) {
      let inserted = 0;
      for (const r of rows) {
        inserted += q.insert.run({
          key: r.key,
          channel: r.channel,
          feedId: r.feedId,
          payload: JSON.stringify(r.message),
          now,
        }).changes;
      }
      return inserted;
    },
    due(now, limit): OutboxEntry[] {
      releaseDeadClaims();
      return q.due.all({ now, limit, me }).map((r) => ({
        id: r.id,
        key: r.key,
        channel: r.channel,
        attempts: r.attempts,
        message: JSON.parse(r.payload) as OutboundMessage,
      }));
    },
    nextDueAt: () => q.nextDue.get({ me })?.at ?? null,
    nextDueByChannel: () => q.nextDueByChannel.all({ me }),
    claim: (id) => q.claim.run({ id, me }).changes === 1,
    markSent: (id, now) => void q.sent.run(now, id),
    markRetry: (id, attempts, at, error, now) => void q.retry.run(attempts, at, error, now, id),
    markDead: (id, attempts, error, now) => void q.dead.run(attempts, error, now, id),
    channels: () => q.channels.all(),
    counts(channels) {
      const out = { pending: 0, sent: 0, dead: 0 };
      const rows =
        channels === undefined
          ? q.counts.all()
          : channels.length === 0
            ? []
            : (db
                .prepare(
                  `SELECT state, count(*) AS n FROM outbox WHERE channel IN (${channels.map(() => '?').join(',')}) GROUP BY state`,
                )
                .all(...channels) as Array<{ state: string; n: number }>);
      for (const r of rows) out[r.state as keyof typeof out] = r.n;
      return out;
    },
    dead: (limit) => q.deadList.all(limit),
  };
}

/**
 * SQLite adapter for the OutboxStore port. Rows are keyed by the message's idempotency key, so enqueueing the same
 * alert twice stores it once. Rows for channels in channel_pauses are not due until the channel is resumed.
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

export function createSqliteOutboxStore(db: Database): OutboxStore {
  const q = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO outbox (key, channel, feed_id, payload, next_attempt_at, created_at)
       VALUES (@key, @channel, @feedId, @payload, @now, @now)`,
    ),
    due: db.prepare<[number, number], Row>(
      `SELECT id, key, channel, attempts, payload FROM outbox
       WHERE state = 'pending' AND next_attempt_at <= ? AND ${NOT_PAUSED} ORDER BY id LIMIT ?`,
    ),
    nextDue: db.prepare<[], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending' AND ${NOT_PAUSED}`,
    ),
    nextDueByChannel: db.prepare<[], { channel: string; at: number }>(
      `SELECT channel, min(next_attempt_at) AS at FROM outbox WHERE state = 'pending' AND ${NOT_PAUSED} GROUP BY channel`,
    ),
    sent: db.prepare<[number, number]>(`UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`),
    retry: db.prepare<[number, number, string, number]>(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?',
    ),
    dead: db.prepare<[number, string, number]>(
      `UPDATE outbox SET state = 'dead', attempts = ?, last_error = ? WHERE id = ?`,
    ),
    counts: db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
    deadList: db.prepare<[number], { key: string; channel: string; attempts: number; error: string | null }>(
      `SELECT key, channel, attempts, last_error AS error FROM outbox WHERE state = 'dead' ORDER BY id DESC LIMIT ?`,
    ),
  };

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
      return q.due.all(now, limit).map((r) => ({
        id: r.id,
        key: r.key,
        channel: r.channel,
        attempts: r.attempts,
        message: JSON.parse(r.payload) as OutboundMessage,
      }));
    },
    nextDueAt: () => q.nextDue.get()?.at ?? null,
    nextDueByChannel: () => q.nextDueByChannel.all(),
    markSent: (id, now) => void q.sent.run(now, id),
    markRetry: (id, attempts, at, error) => void q.retry.run(attempts, at, error, id),
    markDead: (id, attempts, error) => void q.dead.run(attempts, error, id),
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

/**
 * Outbox → ChatSink. Each row is handed to the sink of its channel's platform with its stable key; delivered rows are
 * marked sent, retryable failures wait with exponential backoff (or the sink's Retry-After), and after `maxAttempts`
 * a row is a dead letter. A channel that refuses the bot is paused (with the reason) and its rows wait for `resume`.
 *
 * Delivery is at-least-once: a crash after the sink accepted a message and before the row is marked sent resends it on
 * restart with the same key, which sinks pass on (Discord nonce, Slack metadata, console line) so it can be recognised.
 */
import { type ChatSink, type DeliveryResult, platformOf } from '../alerts.ts';
import { mapPool } from '../watch/pool.ts';
import type { Clock, CrashHook, Log, OutboxEntry, OutboxStore, WatchStore } from '../watch/ports.ts';

export interface DispatcherConfig {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Rows fetched per round. */
  batch: number;
  /** Channels delivered to at once (each channel's rows go in order). */
  concurrency: number;
}

export const DEFAULT_DISPATCHER_CONFIG: DispatcherConfig = {
  maxAttempts: 8,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  batch: 200,
  concurrency: 8,
};

export interface DispatcherDeps {
  outbox: OutboxStore;
  watch: Pick<WatchStore, 'pausedChannels' | 'pauseChannel'>;
  /** Sinks by platform; a channel whose platform has none is retried (and dead-lettered) like a failing send. */
  sinks: () => readonly ChatSink[];
  clock: Clock;
  log: Log;
  config?: Partial<DispatcherConfig>;
  crash?: CrashHook;
}

export interface DispatchRound {
  sent: number;
  retried: number;
  dead: number;
  /** Rows left waiting because their channel is paused. */
  held: number;
}

export interface Dispatcher {
  /** Delivers the rows due now, once each. */
  dispatchDue(): Promise<DispatchRound>;
  /** Repeats `dispatchDue` until no row is due now (what `run --once` does before exiting). */
  drain(): Promise<DispatchRound>;
  /** When the next pending row is due, or null. */
  nextDueAt(): number | null;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const config = { ...DEFAULT_DISPATCHER_CONFIG, ...deps.config };
  const { outbox, clock, log } = deps;

  async function send(entry: OutboxEntry): Promise<DeliveryResult> {
    const platform = platformOf(entry.channel);
    const sink = deps.sinks().find((s) => s.platform === platform);
    if (!sink) return { ok: false, retryable: true, error: `no ${platform || 'chat'} connection is configured` };
    try {
      return await sink.deliver(entry.message);
    } catch (err) {
      // A sink should answer with a DeliveryResult; a throw is its bug, retried like a network error.
      log.error({ err, key: entry.key, channel: entry.channel }, 'chat sink threw');
      return { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function deliverChannel(rows: OutboxEntry[], paused: Set<string>, round: DispatchRound): Promise<void> {
    for (const entry of rows) {
      if (paused.has(entry.channel)) {
        round.held++;
        continue;
      }
      deps.crash?.('before-send');
      const result = await send(entry);
      const now = clock.now();
      if (result.ok) {
        deps.crash?.('after-send');
        outbox.markSent(entry.id, now);
        round.sent++;
        continue;
      }
      const attempts = entry.attempts + 1;
      if (result.channelUnavailable) {
        deps.watch.pauseChannel(entry.channel, result.error, now);
        paused.add(entry.channel);
        outbox.markRetry(entry.id, entry.attempts, now, result.error);
        log.warn(
          { channel: entry.channel, reason: result.error },
          'channel refused the bot; its subscriptions are paused',
        );
        round.held++;
        continue;
      }
      if (!result.retryable || attempts >= config.maxAttempts) {
        outbox.markDead(entry.id, attempts, result.error);
        log.warn({ key: entry.key, channel: entry.channel, attempts, reason: result.error }, 'message dead-lettered');
        round.dead++;
        continue;
      }
      const backoff = Math.min(config.baseDelayMs * 2 ** (attempts - 1), config.maxDelayMs);
      outbox.markRetry(entry.id, attempts, now + Math.max(backoff, result.retryAfterMs ?? 0), result.error);
      round.retried++;
    }
  }

  async function dispatchDue(): Promise<DispatchRound> {
    const round: DispatchRound = { sent: 0, retried: 0, dead: 0, held: 0 };
    const paused = new Set(deps.watch.pausedChannels().map((p) => p.channel));
    const due = outbox.due(clock.now(), config.batch).filter((e) => !paused.has(e.channel));
    const byChannel = new Map<string, OutboxEntry[]>();
    for (const e of due) byChannel.set(e.channel, [...(byChannel.get(e.channel) ?? []), e]);
    await mapPool([...byChannel.values()], config.concurrency, (rows) => deliverChannel(rows, paused, round));
    return round;
  }

  return {
    dispatchDue,
    async drain() {
      const total: DispatchRound = { sent: 0, retried: 0, dead: 0, held: 0 };
      for (;;) {
        const r = await dispatchDue();
        total.sent += r.sent;
        total.retried += r.retried;
        total.dead += r.dead;
        total.held += r.held;
        if (r.sent + r.retried + r.dead === 0) return total;
      }
    },
    nextDueAt: () => outbox.nextDueAt(),
  };
}

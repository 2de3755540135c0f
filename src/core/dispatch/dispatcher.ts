/**
 * Outbox → ChatSink. Each row is handed to the sink of its channel's platform with its stable key; delivered rows are
 * marked sent, retryable failures wait with exponential backoff (or the sink's Retry-After), and after `maxAttempts`
 * a row is a dead letter. A channel that refuses the bot is paused (with the reason) and its rows wait for `resume`.
 *
 * Delivery is at-least-once: a crash after the sink accepted a message and before the row is marked sent resends it on
 * restart with the same key, which sinks pass on (Discord nonce, Slack metadata, console line) so it can be recognised.
 *
 * Channels are delivered independently: one whose posts hang or time out never holds up another. A channel being
 * delivered is not picked again until it is done, and after a retryable failure its later rows wait behind the failed
 * one (order kept, one timeout per round instead of one per row) while every other channel goes on.
 *
 * A channel whose platform has no sink here (no token configured for it) is held, not tried: its rows wait in the
 * outbox, counting no attempts, until a process with that platform delivers them. A row another live process has
 * claimed (a `watch poll` beside the service) is left to it.
 */
import { type ChatSink, type DeliveryResult, platformOf } from '../alerts.ts';
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
  /** Sinks by platform; a channel whose platform has none is held (its rows wait, no attempt counted). */
  sinks: () => readonly ChatSink[];
  clock: Clock;
  log: Log;
  config?: Partial<DispatcherConfig>;
  crash?: CrashHook;
  /** Called when a channel's delivery ends, so the service can look for more work (`kick`). */
  onChannelDone?: () => void;
}

export interface DispatchRound {
  sent: number;
  retried: number;
  dead: number;
  /** Rows left waiting because their channel is paused or has no sink here. */
  held: number;
}

export interface Dispatcher {
  /**
   * Delivers the rows due now, once each, and resolves when the channels it started are done. Channels already being
   * delivered (by an earlier call still running) are left to that call.
   */
  dispatchDue(): Promise<DispatchRound>;
  /** Starts delivering what is due without waiting for it (the service's loop). */
  kick(): void;
  /** Resolves when no channel is being delivered. */
  idle(): Promise<void>;
  /** Repeats `dispatchDue` until no row is due now (what `run --once` does before exiting). */
  drain(): Promise<DispatchRound>;
  /** When the next row that could be started is due (channels being delivered left out), or null. */
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
      return await sink.deliver(entry.message, { previousAttempts: entry.attempts });
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
      if (unrecorded.has(entry.id)) {
        // sent already; only its record is missing: write that, never send it again
        if (!recordSent(entry, clock.now())) return;
        round.sent++;
        continue;
      }
      deps.crash?.('before-send');
      if (!claim(entry)) {
        // Another process is delivering this channel: its rows wait behind that one, and are looked at again later.
        waitingUntil.set(entry.channel, clock.now() + config.baseDelayMs);
        return;
      }
      const result = await send(entry);
      const now = clock.now();
      if (result.ok) {
        deps.crash?.('after-send');
        if (!recordSent(entry, now)) return;
        round.sent++;
        continue;
      }
      const attempts = entry.attempts + 1;
      if (result.channelUnavailable) {
        deps.watch.pauseChannel(entry.channel, result.error, now);
        paused.add(entry.channel);
        outbox.markRetry(entry.id, entry.attempts, now, result.error, now);
        log.warn(
          { channel: entry.channel, reason: result.error },
          'channel refused the bot; its subscriptions are paused',
        );
        round.held++;
        continue;
      }
      if (!result.retryable || attempts >= config.maxAttempts) {
        outbox.markDead(entry.id, attempts, result.error, now);
        log.warn({ key: entry.key, channel: entry.channel, attempts, reason: result.error }, 'message dead-lettered');
        round.dead++;
        continue;
      }
      const backoff = Math.min(config.baseDelayMs * 2 ** (attempts - 1), config.maxDelayMs);
      const retryAt = now + Math.max(backoff, result.retryAfterMs ?? 0);
      outbox.markRetry(entry.id, attempts, retryAt, result.error, now);
      round.retried++;
      // The channel is failing: its later rows wait behind this one instead of each costing another timeout.
      waitingUntil.set(entry.channel, retryAt);
      return;
    }
  }

  /** Claims a row before it is sent. A database refusing writes cannot take the claim: the row is sent unclaimed. */
  function claim(entry: OutboxEntry): boolean {
    try {
      return outbox.claim(entry.id);
    } catch (err) {
      log.debug({ err, key: entry.key }, 'could not claim an outbox row; sending it unclaimed');
      return true;
    }
  }

  const hasSink = (channel: string) => deps.sinks().some((s) => s.platform === platformOf(channel));

  /**
   * Rows sent whose `sent` mark could not be written (a full disk): they are never sent again while this process
   * runs; the mark is written when the database takes it, and meanwhile their channel waits, with backoff.
   */
  const unrecorded = new Map<number, number>();

  /** Marks a row sent; on failure holds it (and its channel) back instead of letting it be sent twice. */
  function recordSent(entry: OutboxEntry, now: number): boolean {
    try {
      outbox.markSent(entry.id, now);
      unrecorded.delete(entry.id);
      return true;
    } catch (err) {
      const times = (unrecorded.get(entry.id) ?? 0) + 1;
      unrecorded.set(entry.id, times);
      const waitMs = Math.min(config.baseDelayMs * 2 ** (times - 1), config.maxDelayMs);
      waitingUntil.set(entry.channel, now + waitMs);
      log.error(
        { err, key: entry.key, channel: entry.channel, waitMs },
        'an alert was sent but could not be recorded as sent; it will not be sent again, and the record is retried',
      );
      return false;
    }
  }

  /** Channels being delivered, and channels whose failed row holds back the rest until a time. */
  const inFlight = new Map<string, Promise<void>>();
  const waitingUntil = new Map<string, number>();
  let active = 0;
  const queued: Array<() => void> = [];

  /** At most `concurrency` channels deliver at once; the rest start as others finish. */
  async function withSlot(work: () => Promise<void>): Promise<void> {
    if (active >= config.concurrency) await new Promise<void>((resolve) => queued.push(resolve));
    active++;
    try {
      await work();
    } finally {
      active--;
      queued.shift()?.();
    }
  }

  function startDue(round: DispatchRound): Promise<void>[] {
    const now = clock.now();
    for (const [channel, until] of waitingUntil) if (until <= now) waitingUntil.delete(channel);
    const paused = new Set(deps.watch.pausedChannels().map((p) => p.channel));
    const byChannel = new Map<string, OutboxEntry[]>();
    for (const e of outbox.due(now, config.batch)) {
      if (paused.has(e.channel) || !hasSink(e.channel)) {
        round.held++;
        continue;
      }
      if (inFlight.has(e.channel) || waitingUntil.has(e.channel)) continue;
      byChannel.set(e.channel, [...(byChannel.get(e.channel) ?? []), e]);
    }
    return [...byChannel].map(([channel, rows]) => {
      const work = withSlot(() => deliverChannel(rows, paused, round))
        .catch((err: unknown) => log.error({ err, channel }, 'delivery to a channel failed; it is tried again later'))
        .finally(() => {
          inFlight.delete(channel);
          deps.onChannelDone?.();
        });
      inFlight.set(channel, work);
      return work;
    });
  }

  async function dispatchDue(): Promise<DispatchRound> {
    const round: DispatchRound = { sent: 0, retried: 0, dead: 0, held: 0 };
    await Promise.all(startDue(round));
    return round;
  }

  function nextDueAt(): number | null {
    let next: number | null = null;
    for (const { channel, at } of outbox.nextDueByChannel()) {
      if (inFlight.has(channel) || !hasSink(channel)) continue;
      const when = Math.max(at, waitingUntil.get(channel) ?? at);
      if (next === null || when < next) next = when;
    }
    return next;
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
        // rows held wait through every round: count them once, as the last round left them
        total.held = r.held;
        if (r.sent + r.retried + r.dead === 0) return total;
      }
    },
    kick() {
      startDue({ sent: 0, retried: 0, dead: 0, held: 0 });
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
    nextDueAt,
  };
}

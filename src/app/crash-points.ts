/**
 * TEST-ONLY crash hook for the crash suite (test/crash). `CLAIMWATCH_CRASH_AT=POINT[:N]` makes the process SIGKILL
 * itself the N-th time (default 1st) it reaches POINT:
 * - `mid-transaction`: inside a poll's transaction, after the outbox rows are written, before the commit;
 * - `after-commit`: after a poll that enqueued alerts committed, before anything is sent;
 * - `before-send`: before the dispatcher hands a row to the sink;
 * - `after-send`: after the sink accepted a row, before the row is marked sent (the one window that can duplicate).
 * Unset (always, outside tests) it is a no-op.
 */
import type { CrashHook } from '../core/watch/ports.ts';

const POINTS = new Set(['mid-transaction', 'after-commit', 'before-send', 'after-send']);

export function crashHookFromEnv(env: Record<string, string | undefined>): CrashHook | undefined {
  const spec = env.CLAIMWATCH_CRASH_AT?.trim();
  if (!spec) return undefined;
  const [point, nth] = spec.split(':');
  if (!point || !POINTS.has(point)) throw new Error(`CLAIMWATCH_CRASH_AT: unknown point "${point}"`);
  const target = nth ? Number(nth) : 1;
  let seen = 0;
  return (at) => {
    if (at !== point) return;
    seen++;
    if (seen === target) process.kill(process.pid, 'SIGKILL');
  };
}

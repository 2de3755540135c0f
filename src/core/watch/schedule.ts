/**
 * When to poll a feed next. Pure functions of the clock and a random source so tests need no sleeping.
 */

export const MIN_INTERVAL_MS = 60_000;
export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** A server may ask us to wait (Retry-After, Cache-Control), but not for more than a day. */
export const MAX_SERVER_WAIT_MS = 24 * 60 * 60_000;
const JITTER = 0.1;

/** ±10% so feeds added together spread out instead of polling in lock-step. */
function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (1 + (random() * 2 - 1) * JITTER));
}

/** After a successful poll: the feed's interval (at least 1 min), or longer when Cache-Control says the body is fresh. */
export function nextPollAfterSuccess(
  now: number,
  intervalMs: number,
  cacheMaxAgeMs: number | null,
  random: () => number,
): number {
  const base = Math.max(MIN_INTERVAL_MS, intervalMs, Math.min(cacheMaxAgeMs ?? 0, MAX_SERVER_WAIT_MS));
  return now + jittered(base, random);
}

/** After the n-th consecutive failure (n ≥ 1): 5 min × 2ⁿ⁻¹ capped at 6 h, or longer when Retry-After says so. */
export function backoffDelay(failures: number, retryAfterMs: number | undefined): number {
  const exp = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_CAP_MS);
  return Math.max(exp, Math.min(retryAfterMs ?? 0, MAX_SERVER_WAIT_MS));
}

/**
 * A failed Discord send → what the outbox should do. discord.js's REST already waits out short 429s and retries
 * 5xx a few times; what reaches us is final: a long rate limit (RateLimitError), a 5xx that persisted (HTTPError),
 * a Discord API error (403 Missing Access/Permissions, 404 Unknown Channel, 400 bad payload) or a network failure.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryResult } from '../../core/alerts.ts';

/** Discord error codes meaning the channel is gone or closed to the bot. */
const CHANNEL_CODES = new Set([10003, 50001, 50013]);

export function deliveryFailure(err: unknown): Extract<DeliveryResult, { ok: false }> {
  if (err instanceof RateLimitError) {
    return {
      ok: false,
      retryable: true,
      retryAfterMs: Math.max(0, Math.ceil(err.retryAfter)),
      error: 'rate limited by Discord',
    };
  }
  if (err instanceof DiscordAPIError) {
    const what = `Discord ${err.status} (${String(err.code)}): ${err.message}`;
    if (err.status === 403 || err.status === 404 || CHANNEL_CODES.has(Number(err.code))) {
      return { ok: false, retryable: false, channelUnavailable: true, error: what };
    }
    if (err.status === 429 || err.status >= 500) return { ok: false, retryable: true, error: what };
    // 401: the token is wrong, not the message; keep it for when the operator fixes the token
    if (err.status === 401) return { ok: false, retryable: true, error: what };
    return { ok: false, retryable: false, error: what };
  }
  if (err instanceof HTTPError) {
    return {
      ok: false,
      retryable: err.status >= 500 || err.status === 429,
      error: `Discord ${err.status}: ${err.message}`,
    };
  }
  // timeouts, refused connections, resets
  return { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
}

/**
 * Why the Discord bot could not start, in one line naming the cause: a token Discord refused, Discord unreachable, or
 * a gateway that never became ready. Anything else is a bug and keeps its stack.
 */
import { UserError } from '../../core/errors.ts';

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

export function discordStartFailure(err: unknown, apiBase: string, readyTimeoutMs: number): unknown {
  const e = err as { code?: unknown; name?: string; cause?: { code?: unknown } };
  if (e.code === 'TokenInvalid' || e.code === 'TokenMissing') {
    return new UserError(
      'unavailable',
      'Discord refused DISCORD_TOKEN (it is not a valid bot token); copy it again from the Developer Portal → your application → Bot → Reset Token',
      { cause: err },
    );
  }
  const code = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string' && NETWORK_CODES.test(c));
  if (code) {
    return new UserError(
      'unavailable',
      `Cannot reach Discord at ${apiBase} (${code}); check the network, a proxy, or DISCORD_API_BASE`,
      { cause: err },
    );
  }
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new UserError(
      'unavailable',
      `Discord did not finish connecting within ${Math.round(readyTimeoutMs / 1000)} s (the gateway never sent READY); try again`,
      { cause: err },
    );
  }
  return err;
}

/**
 * Turns what can go wrong in a fetch into a FetchFailure with a message a channel admin can act on. Messages name the
 * host, never the full URL (a query string may carry an API key).
 */
import { FetchFailure } from '../core/feed-ports.ts';
import type { Refusal } from './address-policy.ts';
import { BlockedAddressError } from './guarded-connector.ts';

const ALLOW_HINT = 'Private and internal addresses are refused; CLAIMWATCH_ALLOW_HOSTS can allow a trusted host.';

export interface BlockedContext {
  host: string;
  refusal: Refusal;
  /** True when `host` is a name that resolved to the refused address. */
  viaDns: boolean;
  /** 0 for the URL asked for, n for the n-th redirect. */
  hop: number;
}

export function blockedFailure({ host, refusal, viaDns, hop }: BlockedContext): FetchFailure {
  const subject = hop === 0 ? host : `the URL redirects to ${host}, which`;
  let why: string;
  switch (refusal.kind) {
    case 'scheme': {
      const scheme = refusal.scheme.replace(/:$/, '');
      why = hop === 0 ? `${scheme}: URLs are not fetched` : `the URL redirects to a ${scheme}: URL`;
      return new FetchFailure('blocked_url', `Refused: ${why}; only http and https are allowed.`);
    }
    case 'credentials':
      why = hop === 0 ? 'the URL contains a user name or password' : 'the URL redirects to a URL with a password';
      return new FetchFailure('blocked_url', `Refused: ${why}, which is not accepted.`);
    case 'address':
      why = viaDns
        ? `${subject} resolves to a ${refusal.label} address ${refusal.address}`
        : `${hop === 0 ? refusal.address : `the URL redirects to ${refusal.address}, which`} is a ${refusal.label} address`;
      return new FetchFailure('blocked_url', `Refused: ${why}. ${ALLOW_HINT}`);
  }
}

interface ErrorContext {
  host: string;
  hop: number;
  timeouts: { connectMs: number; headersMs: number; bodyMs: number; totalMs: number };
  /** The overall deadline fired. */
  aborted: boolean;
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

const seconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

export function fetchErrorToFailure(err: unknown, ctx: ErrorContext): FetchFailure {
  if (err instanceof FetchFailure) return err;
  const chain = causes(err);
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked)
    return blockedFailure({ host: ctx.host, refusal: blocked.refusal, viaDns: blocked.viaDns, hop: ctx.hop });
  const tooLarge = chain.find((e) => (e as Error | undefined)?.name === 'BodyTooLargeError') as
    | { limit: number }
    | undefined;
  if (tooLarge) {
    const mib = tooLarge.limit / (1024 * 1024);
    const size = mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Math.round(tooLarge.limit / 1024)} KiB`;
    return new FetchFailure('fetch_failed', `The response from ${ctx.host} is larger than the ${size} limit.`, {
      cause: err,
    });
  }
  const code = chain.map((e) => (e as { code?: unknown })?.code).find((c): c is string => typeof c === 'string');
  const host = ctx.host;
  let message: string;
  if (ctx.aborted) message = `Fetching from ${host} took longer than ${seconds(ctx.timeouts.totalMs)} and was stopped.`;
  else if (code === 'UND_ERR_CONNECT_TIMEOUT') message = `Timed out connecting to ${host}.`;
  else if (code === 'UND_ERR_HEADERS_TIMEOUT')
    message = `${host} did not answer within ${seconds(ctx.timeouts.headersMs)}.`;
  else if (code === 'UND_ERR_BODY_TIMEOUT')
    message = `${host} stopped sending the response (nothing for ${seconds(ctx.timeouts.bodyMs)}).`;
  else if (code === 'ECONNREFUSED') message = `${host} refused the connection.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    message = `The host name ${host} could not be resolved.`;
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    message = `The connection to ${host} was closed before the response was complete.`;
  else if (code && /^(Z_|ERR__ERROR|ERR_BROTLI)/.test(code))
    message = `The response from ${host} could not be decompressed.`;
  else if (code && /CERT|SSL|TLS/.test(code)) message = `The TLS certificate of ${host} is not valid (${code}).`;
  else message = `Could not fetch from ${host}${code ? ` (${code})` : ''}.`;
  return new FetchFailure('fetch_failed', message, { cause: err });
}

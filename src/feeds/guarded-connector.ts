/**
 * An undici connector that enforces the address policy at connection time: every address a host name resolves to is
 * checked before a socket is opened (so DNS rebinding to a private address is refused), and the socket's remote
 * address is checked once connected, as a last line of defence.
 */
import dns from 'node:dns';
import net from 'node:net';
import { buildConnector } from 'undici';
import type { AddressPolicy, Refusal } from './address-policy.ts';
import { bareAddress } from './ip-ranges.ts';

/** Resolves a host name to its IP addresses (v4 and v6). Injected in tests; the default asks the system resolver. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const systemResolve: ResolveHost = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
};

/** Thrown inside the connector when the policy refuses an address; the fetcher turns it into FetchFailure('blocked_url'). */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor(
    readonly hostname: string,
    readonly refusal: Refusal,
    /** True when the host name resolved to the refused address (rather than being an IP literal). */
    readonly viaDns: boolean,
  ) {
    super(`${hostname} is refused: ${refusal.kind === 'address' ? refusal.address : refusal.kind}`);
  }
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${hostname} did not resolve to any address`);
  err.code = 'ENOTFOUND';
  return err;
}

/** DNS gets the connect timeout too: a resolver that never answers must not hold a fetch until the overall deadline. */
function withDeadline(lookup: Promise<string[]>, ms: number, hostname: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err: NodeJS.ErrnoException = new Error(`resolving ${hostname} timed out`);
      err.code = 'EAI_AGAIN';
      reject(err);
    }, ms);
  });
  return Promise.race([lookup, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Resolves the host itself, refuses if any address is internal, then connects to the checked IP (trying each in
 * turn), so the address validated is the address used: no second resolution can rebind it. TLS still verifies the
 * certificate against the host name (servername).
 */
export function createGuardedConnector(
  policy: AddressPolicy,
  resolve: ResolveHost,
  connectTimeoutMs: number,
  ca?: string | Buffer,
): buildConnector.connector {
  const base = buildConnector(ca ? { timeout: connectTimeoutMs, ca } : { timeout: connectTimeoutMs });
  return (opts, callback) => {
    const host = bareAddress(opts.hostname);
    const literal = net.isIP(host) !== 0;
    const lookup = literal ? Promise.resolve([host]) : withDeadline(resolve(host), connectTimeoutMs, host);
    lookup.then(
      (addresses) => {
        if (addresses.length === 0) return callback(notFound(host), null);
        for (const address of addresses) {
          const refusal = policy.checkAddress(host, address);
          if (refusal) return callback(new BlockedAddressError(host, refusal, !literal), null);
        }
        const attempt = (i: number) => {
          const address = bareAddress(addresses[i] as string);
          const servername = literal ? undefined : (opts.servername ?? host);
          base({ ...opts, hostname: address, servername }, (err, socket) => {
            if (err || !socket) {
              if (i + 1 < addresses.length) return attempt(i + 1);
              return callback(err ?? new Error('connect failed'), null);
            }
            // Belt and braces: the peer we are actually talking to must pass the policy too.
            const remote = socket.remoteAddress;
            const refusal = remote
              ? policy.checkAddress(host, remote)
              : ({ kind: 'address', address: 'unknown', label: 'unverifiable' } as const);
            if (refusal) {
              socket.destroy();
              return callback(new BlockedAddressError(host, refusal, !literal), null);
            }
            callback(null, socket);
          });
        };
        attempt(0);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null),
    );
  };
}

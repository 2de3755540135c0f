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

function guardedLookup(policy: AddressPolicy, resolve: ResolveHost): net.LookupFunction {
  return (hostname, options, callback) => {
    const fail = (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : '', 0);
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} did not resolve to any address`);
          err.code = 'ENOTFOUND';
          return fail(err);
        }
        for (const address of addresses) {
          const refusal = policy.checkAddress(hostname, address);
          if (refusal) return fail(new BlockedAddressError(hostname, refusal, true));
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const list = addresses
          .map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }))
          .filter((a) => wanted === 0 || a.family === wanted);
        const first = list[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} has no IPv${wanted} address`);
          err.code = 'ENOTFOUND';
          return fail(err);
        }
        if (options.all) callback(null, list);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => fail(err),
    );
  };
}

export function createGuardedConnector(
  policy: AddressPolicy,
  resolve: ResolveHost,
  connectTimeoutMs: number,
): buildConnector.connector {
  const base = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup(policy, resolve) });
  return (opts, callback) => {
    const host = bareAddress(opts.hostname);
    if (net.isIP(host)) {
      const refusal = policy.checkAddress(host, host);
      if (refusal) return callback(new BlockedAddressError(host, refusal, false), null);
    }
    base(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      const remote = socket.remoteAddress;
      const refusal = remote
        ? policy.checkAddress(host, remote)
        : ({ kind: 'address', address: 'unknown', label: 'unverifiable' } as const);
      if (refusal) {
        socket.destroy();
        return callback(new BlockedAddressError(host, refusal, !net.isIP(host)), null);
      }
      callback(null, socket);
    });
  };
}

/**
 * The SSRF policy: which URLs and addresses a fetch may reach. Private, loopback, link-local and other internal
 * addresses are refused unless CLAIMWATCH_ALLOW_HOSTS opens them (host names, `*.suffix` wildcards, IPs or CIDRs).
 * The fetcher asks twice: about the URL before connecting, and about every address a host name resolves to (and the
 * socket's remote address once connected), so DNS cannot smuggle a private address past the URL check.
 */
import net from 'node:net';
import { UserError } from '../core/errors.ts';
import { bareAddress, classifyAddress } from './ip-ranges.ts';

export type Refusal =
  | { kind: 'scheme'; scheme: string }
  | { kind: 'credentials' }
  | { kind: 'address'; address: string; label: string };

export interface AddressPolicy {
  /** Why a URL may not be fetched (scheme, credentials, or an IP-literal host that is internal), or null. */
  checkUrl(url: URL): Refusal | null;
  /** Why `hostname` may not be reached at `address` (a resolved or connected address), or null. */
  checkAddress(hostname: string, address: string): Refusal | null;
}

function normalizeHostname(host: string): string {
  return bareAddress(host).replace(/\.$/, '');
}

/** Builds the policy. Throws UserError('bad_input') naming an allowHosts entry that is neither host nor CIDR. */
export function createAddressPolicy(allowHosts: readonly string[]): AddressPolicy {
  const allowedNames = new Set<string>();
  const allowedSuffixes: string[] = [];
  const allowedNets = new net.BlockList();
  for (const raw of allowHosts) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const addr = bareAddress(slash >= 0 ? entry.slice(0, slash) : entry);
    const family = net.isIPv4(addr) ? 'ipv4' : net.isIPv6(addr) ? 'ipv6' : null;
    if (slash >= 0) {
      const prefix = Number(entry.slice(slash + 1));
      const max = family === 'ipv4' ? 32 : 128;
      if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) throw badEntry(raw);
      allowedNets.addSubnet(addr, prefix, family);
    } else if (family) {
      allowedNets.addAddress(addr, family);
    } else if (entry.startsWith('*.') && isHostName(entry.slice(2))) {
      allowedSuffixes.push(entry.slice(1));
    } else if (isHostName(entry)) {
      allowedNames.add(normalizeHostname(entry));
    } else {
      throw badEntry(raw);
    }
  }

  const nameAllowed = (hostname: string): boolean => {
    const h = normalizeHostname(hostname);
    return allowedNames.has(h) || allowedSuffixes.some((s) => h.endsWith(s));
  };

  const addressRefusal = (address: string): Refusal | null => {
    const ip = bareAddress(address);
    const family = net.isIPv4(ip) ? 'ipv4' : 'ipv6';
    if (net.isIP(ip) && allowedNets.check(ip, family)) return null;
    const blocked = classifyAddress(ip);
    return blocked ? { kind: 'address', address: ip, label: blocked.label } : null;
  };

  return {
    checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'scheme', scheme: url.protocol };
      if (url.username || url.password) return { kind: 'credentials' };
      if (nameAllowed(url.hostname)) return null;
      const host = bareAddress(url.hostname);
      return net.isIP(host) ? addressRefusal(host) : null;
    },
    checkAddress(hostname, address) {
      if (nameAllowed(hostname)) return null;
      return addressRefusal(address);
    },
  };
}

function isHostName(s: string): boolean {
  return /^(?=.{1,253}\.?$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/.test(
    s,
  );
}

function badEntry(raw: string): UserError {
  return new UserError(
    'bad_input',
    `CLAIMWATCH_ALLOW_HOSTS entry "${raw}" is neither a host name nor an IP address or CIDR (such as 10.1.0.0/16)`,
  );
}

/**
 * Which IP addresses a feed fetch must never reach, and why. Every address a fetch would touch (an IP literal in a URL,
 * each address a host name resolves to, the address a socket actually connected to) goes through classifyAddress.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the address they carry.
 */
import net from 'node:net';

interface Range {
  cidr: string;
  label: string;
}

// The label completes "… is a <label> address" / "resolves to a <label> address …".
const V4_RANGES: Range[] = [
  { cidr: '0.0.0.0/8', label: 'unspecified ("this network")' },
  { cidr: '127.0.0.0/8', label: 'loopback' },
  { cidr: '10.0.0.0/8', label: 'private' },
  { cidr: '172.16.0.0/12', label: 'private' },
  { cidr: '192.168.0.0/16', label: 'private' },
  { cidr: '169.254.0.0/16', label: 'link-local/cloud metadata' },
  { cidr: '100.64.0.0/10', label: 'shared (carrier-grade NAT)' },
  { cidr: '192.0.0.0/24', label: 'IETF protocol assignment' },
  { cidr: '192.0.2.0/24', label: 'documentation' },
  { cidr: '198.51.100.0/24', label: 'documentation' },
  { cidr: '203.0.113.0/24', label: 'documentation' },
  { cidr: '192.88.99.0/24', label: 'reserved (6to4 relay)' },
  { cidr: '198.18.0.0/15', label: 'benchmarking' },
  { cidr: '224.0.0.0/4', label: 'multicast' },
  { cidr: '255.255.255.255/32', label: 'broadcast' },
  { cidr: '240.0.0.0/4', label: 'reserved' },
];

const V6_RANGES: Range[] = [
  { cidr: '::/128', label: 'unspecified' },
  { cidr: '::1/128', label: 'loopback' },
  { cidr: 'fc00::/7', label: 'unique-local IPv6' },
  { cidr: 'fe80::/10', label: 'link-local IPv6' },
  { cidr: 'fec0::/10', label: 'site-local IPv6' },
  { cidr: 'ff00::/8', label: 'multicast' },
  { cidr: '100::/64', label: 'discard-only IPv6' },
  { cidr: '2001::/32', label: 'Teredo tunnel' },
  { cidr: '2001:db8::/32', label: 'documentation' },
  { cidr: '64:ff9b:1::/48', label: 'local-use NAT64' },
];

interface CompiledRange {
  list: net.BlockList;
  label: string;
}

function compile(ranges: Range[], family: 'ipv4' | 'ipv6'): CompiledRange[] {
  return ranges.map(({ cidr, label }) => {
    const [addr, prefix] = cidr.split('/') as [string, string];
    const list = new net.BlockList();
    list.addSubnet(addr, Number(prefix), family);
    return { list, label };
  });
}

const V4 = compile(V4_RANGES, 'ipv4');
const V6 = compile(V6_RANGES, 'ipv6');

/** Strips URL brackets and an IPv6 zone id: "[fe80::1%eth0]" → "fe80::1". */
export function bareAddress(host: string): string {
  let h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const zone = h.indexOf('%');
  if (zone >= 0) h = h.slice(0, zone);
  return h.toLowerCase();
}

/** Expands a valid IPv6 string (any compression, optional dotted IPv4 tail) into its 16 bytes. */
export function ipv6Bytes(address: string): Uint8Array {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (net.isIPv4(maybeV4)) {
    const [a, b, c, d] = maybeV4.split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = `${text.slice(0, lastColon + 1)}0:0`; // two placeholder groups, replaced below
  }
  const [head, rest] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  let groups: number[];
  if (rest === null) {
    groups = parse(head);
  } else {
    const h = parse(head);
    const r = parse(rest);
    groups = [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
  }
  if (tail.length) groups.splice(groups.length - 2, 2, ...tail);
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

function v4At(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 4)).join('.');
}

function allZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The IPv4 address an IPv6 address carries, and how: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:AABB:CCDD::. */
export function embeddedIPv4(address: string): { v4: string; form: string } | null {
  const b = ipv6Bytes(address);
  if (allZero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return { v4: v4At(b, 12), form: 'IPv4-mapped' };
  // IPv4-compatible (deprecated); :: and ::1 are judged as themselves.
  if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] ?? 0) <= 1))
    return { v4: v4At(b, 12), form: 'IPv4-compatible' };
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && allZero(b, 4, 12)) {
    return { v4: v4At(b, 12), form: 'NAT64' };
  }
  if (b[0] === 0x20 && b[1] === 0x02) return { v4: v4At(b, 2), form: '6to4' };
  return null;
}

export interface BlockedAddress {
  /** Completes "… is a <label> address". */
  label: string;
}

/** Why an address is not publicly routable, or null when a fetch may reach it. Accepts v4, v6 and bracketed v6. */
export function classifyAddress(host: string): BlockedAddress | null {
  const ip = bareAddress(host);
  if (net.isIPv4(ip)) {
    const hit = V4.find((r) => r.list.check(ip, 'ipv4'));
    return hit ? { label: hit.label } : null;
  }
  if (!net.isIPv6(ip)) return { label: 'malformed' };
  const embedded = embeddedIPv4(ip);
  if (embedded) {
    const inner = classifyAddress(embedded.v4);
    return inner ? { label: `${embedded.form} form of a ${inner.label}` } : null;
  }
  const hit = V6.find((r) => r.list.check(ip, 'ipv6'));
  if (hit) return { label: hit.label };
  // Only 2000::/3 is allocated for global unicast; the rest is reserved.
  const first = ipv6Bytes(ip)[0] ?? 0;
  return (first & 0xe0) === 0x20 ? null : { label: 'reserved IPv6' };
}

import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/feeds/address-policy.ts';
import { classifyAddress, embeddedIPv4, ipv6Bytes } from '../../src/feeds/ip-ranges.ts';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local/cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local IPv6'],
    ['[fe80::1%eth0]', 'link-local IPv6'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped form of a loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped form of a loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped form of a link-local/cloud metadata'],
    ['::127.0.0.1', 'IPv4-compatible form of a loopback'],
    ['::10.0.0.1', 'IPv4-compatible form of a private'],
    ['64:ff9b::10.0.0.1', 'NAT64 form of a private'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 form of a link-local/cloud metadata'],
    ['2002:7f00:1::', '6to4 form of a loopback'],
    ['2002:c0a8:101::1', '6to4 form of a private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['4000::1', 'reserved IPv6'],
  ])('GIVEN %s WHEN classified THEN it is refused as %s', (address, label) => {
    expect(classifyAddress(address)?.label).toContain(label);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '198.20.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('GIVEN public address %s WHEN classified THEN it is allowed', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('GIVEN IPv6 text in any compression WHEN expanded THEN the bytes are right', () => {
    expect(Array.from(ipv6Bytes('::ffff:1.2.3.4').subarray(10))).toEqual([255, 255, 1, 2, 3, 4]);
    expect(Array.from(ipv6Bytes('1:2:3:4:5:6:7:8'))).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(Array.from(ipv6Bytes('1::8'))).toEqual([0, 1, ...new Array(12).fill(0), 0, 8]);
    expect(embeddedIPv4('2002:0a00:0005::')).toEqual({ v4: '10.0.0.5', form: '6to4' });
    expect(embeddedIPv4('2606:4700::1111')).toBeNull();
  });
});

describe('address policy on URLs', () => {
  const policy = createAddressPolicy([]);
  const check = (url: string) => policy.checkUrl(new URL(url));

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
    ['http://2852039166/latest/meta-data/', '169.254.169.254'],
    ['http://012.0.0.1/', '10.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe'],
    ['http://[::1]:8080/', '::1'],
    ['http://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1'],
    ['http://[fd00::1]/', 'fd00::1'],
    ['https://169.254.169.254./', '169.254.169.254'],
  ])('GIVEN the odd literal %s WHEN checked THEN it is refused as %s', (url, address) => {
    expect(check(url)).toMatchObject({ kind: 'address', address });
  });

  it.each(['ftp://example.com/feed', 'file:///etc/passwd', 'gopher://example.com/', 'data:text/xml,<rss/>'])(
    'GIVEN the non-http URL %s WHEN checked THEN it is refused for its scheme',
    (url) => {
      expect(check(url)).toMatchObject({ kind: 'scheme' });
    },
  );

  it('GIVEN credentials in the URL WHEN checked THEN it is refused', () => {
    expect(check('https://user:secret@example.com/feed')).toEqual({ kind: 'credentials' });
  });

  it('GIVEN a public host name or address WHEN checked THEN it passes (its resolved addresses are checked later)', () => {
    expect(check('https://news.example.com/rss')).toBeNull();
    expect(check('http://93.184.215.14/rss')).toBeNull();
  });
});

describe('allowHosts', () => {
  it('GIVEN CIDRs, IPs, names and wildcards WHEN checking THEN exactly those are opened', () => {
    const policy = createAddressPolicy([
      '10.1.0.0/16',
      '127.0.0.1',
      'intranet.corp',
      '*.lab.corp',
      'fd00::/8',
      '[::1]',
    ]);
    expect(policy.checkAddress('x', '10.1.2.3')).toBeNull();
    expect(policy.checkAddress('x', '10.2.0.1')).toMatchObject({ label: 'private' });
    expect(policy.checkAddress('x', '127.0.0.1')).toBeNull();
    expect(policy.checkAddress('x', '::ffff:127.0.0.1')).toBeNull();
    expect(policy.checkAddress('x', '127.0.0.2')).toMatchObject({ label: 'loopback' });
    expect(policy.checkAddress('intranet.corp', '10.9.9.9')).toBeNull();
    expect(policy.checkAddress('INTRANET.corp.', '10.9.9.9')).toBeNull();
    expect(policy.checkAddress('feeds.lab.corp', '192.168.0.4')).toBeNull();
    expect(policy.checkAddress('lab.corp', '192.168.0.4')).not.toBeNull();
    expect(policy.checkAddress('x', 'fd12::1')).toBeNull();
    expect(policy.checkAddress('x', '::1')).toBeNull();
    expect(policy.checkUrl(new URL('http://127.0.0.1:9/'))).toBeNull();
    expect(policy.checkUrl(new URL('http://169.254.169.254/'))).not.toBeNull();
  });

  it('GIVEN allowHosts WHEN the scheme is not http THEN it is still refused', () => {
    expect(createAddressPolicy(['example.com']).checkUrl(new URL('ftp://example.com/'))).toMatchObject({
      kind: 'scheme',
    });
  });

  it.each(['10.0.0.0/33', 'not a host!', '::1/129', 'example.com/24'])(
    'GIVEN the malformed entry %s WHEN the policy is built THEN it throws naming it',
    (entry) => {
      expect(() => createAddressPolicy([entry])).toThrow(entry);
    },
  );
});

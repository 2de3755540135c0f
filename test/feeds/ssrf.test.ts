/**
 * The SSRF guard at work in the reader: internal addresses are refused before any connection, whether named as a
 * literal, reached through DNS, or reached through a redirect. The vitest network guard is the backstop: a connection
 * to 169.254.169.254 would throw a "network guard" error, which these tests would see as a wrong failure code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFeedReader } from '../../src/feeds/feed-reader.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectFailure, loopbackReader, NO_VALIDATORS } from './helpers.ts';

let server: FeedServer;
const readers: { close(): Promise<void> }[] = [];
const track = <T extends { close(): Promise<void> }>(r: T): T => {
  readers.push(r);
  return r;
};

beforeAll(async () => {
  server = await startFeedServer();
  server.setFeed('/feed.xml', { title: 'Loopback', items: [{ guid: 'a', title: 'Troops arrive' }] });
  server.route('/to-metadata', { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' });
  server.route('/to-loopback', { kind: 'redirect', location: 'http://127.0.0.1:9/feed.xml' });
  server.route('/to-private', { kind: 'redirect', location: 'http://10.0.0.1/feed.xml' });
  server.route('/to-decimal', { kind: 'redirect', location: 'http://2852039166/' });
  server.route('/to-mapped', { kind: 'redirect', location: 'http://[::ffff:169.254.169.254]/' });
  server.route('/to-name', { kind: 'redirect', location: 'http://internal.test/feed.xml' });
  server.route('/to-file', { kind: 'redirect', location: 'file:///etc/passwd' });
  server.route('/to-feed', { kind: 'redirect', location: '/feed.xml', status: 301 });
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await server.close();
});

describe('blocked literals', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local\/cloud metadata address/],
    ['http://10.0.0.1/feed.xml', /10\.0\.0\.1 is a private address/],
    ['http://192.168.1.1/', /private address/],
    ['http://172.16.5.5/', /private address/],
    ['http://100.64.1.1/', /carrier-grade NAT/],
    ['http://192.0.0.170/', /IETF protocol assignment/],
    ['http://198.18.0.1/', /benchmarking/],
    ['http://224.0.0.251/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    ['http://240.0.0.1/', /reserved/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://[::1]/', /loopback/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local IPv6/],
    ['http://[ff02::1]/', /multicast/],
    ['http://[::ffff:169.254.169.254]/', /IPv4-mapped form of a link-local\/cloud metadata/],
    ['http://[::a9fe:a9fe]/', /IPv4-compatible form/],
    ['http://[64:ff9b::a9fe:a9fe]/', /NAT64 form of a link-local\/cloud metadata/],
    ['http://[2002:a9fe:a9fe::1]/', /6to4 form of a link-local\/cloud metadata/],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', /Teredo/],
    ['http://2852039166/', /169\.254\.169\.254 is a link-local/],
    ['http://0xa9.0xfe.0xa9.0xfe/', /169\.254\.169\.254 is a link-local/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://127.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback address/],
  ])('GIVEN a default reader WHEN it reads %s THEN it refuses with blocked_url before connecting', async (url, why) => {
    const reader = track(createFeedReader({ allowHosts: [] }));
    const failure = await expectFailure(reader.readFeed(url, NO_VALIDATORS), 'blocked_url', why);
    expect(failure.message).toMatch(/CLAIMWATCH_ALLOW_HOSTS/);
  });

  it('GIVEN no allowHosts WHEN the loopback fake server is read THEN it is refused and the server sees no request', async () => {
    const reader = track(createFeedReader({ allowHosts: [] }));
    const before = server.requests.length;
    await expectFailure(reader.readFeed(server.url('/feed.xml'), NO_VALIDATORS), 'blocked_url', /loopback address/);
    await expectFailure(reader.readArticle(server.url('/feed.xml')), 'blocked_url', /loopback address/);
    expect(server.requests.length).toBe(before);
  });

  it('GIVEN allowHosts ["127.0.0.1"] WHEN the same URL is read THEN the feed comes back', async () => {
    const reader = track(createFeedReader({ allowHosts: ['127.0.0.1'] }));
    const res = await reader.readFeed(server.url('/feed.xml'), NO_VALIDATORS);
    expect(res.status === 'ok' && res.feed.items.map((i) => i.title)).toEqual(['Troops arrive']);
  });

  it.each([
    ['ftp://127.0.0.1/feed.xml', /ftp: URLs are not fetched/],
    ['file:///etc/passwd', /file: URLs are not fetched/],
    ['javascript:alert(1)', /javascript: URLs are not fetched/],
  ])('GIVEN a non-http URL %s WHEN read THEN it is refused even with loopback allowed', async (url, why) => {
    const reader = track(loopbackReader());
    await expectFailure(reader.readFeed(url, NO_VALIDATORS), 'blocked_url', why);
  });

  it('GIVEN a URL with credentials WHEN read THEN it is refused and the password is not in the message', async () => {
    const reader = track(loopbackReader());
    const f = await expectFailure(
      reader.readFeed(`http://admin:hunter2@127.0.0.1:${server.port}/feed.xml`, NO_VALIDATORS),
      'blocked_url',
      /user name or password/,
    );
    expect(f.message).not.toContain('hunter2');
  });

  it('GIVEN text that is not a URL WHEN read THEN it fails with bad_input', async () => {
    const reader = track(loopbackReader());
    await expectFailure(reader.readFeed('not a url', NO_VALIDATORS), 'bad_input', /not a valid URL/);
  });
});

describe('host names resolving into private space (injected resolver)', () => {
  it('GIVEN a name that resolves to 10.0.0.5 WHEN read THEN it is refused naming the address', async () => {
    const reader = track(createFeedReader({ allowHosts: [], resolve: async () => ['10.0.0.5'] }));
    await expectFailure(
      reader.readFeed('http://evil.test/feed.xml', NO_VALIDATORS),
      'blocked_url',
      /evil\.test resolves to a private address 10\.0\.0\.5/,
    );
  });

  it('GIVEN a name with one public and one metadata address WHEN read THEN it is refused', async () => {
    const reader = track(
      createFeedReader({ allowHosts: [], resolve: async () => ['93.184.215.14', '169.254.169.254'] }),
    );
    await expectFailure(
      reader.readFeed('http://mixed.test/', NO_VALIDATORS),
      'blocked_url',
      /resolves to a link-local\/cloud metadata address 169\.254\.169\.254/,
    );
  });

  it('GIVEN a name resolving to ::ffff:10.0.0.1 WHEN read THEN it is refused', async () => {
    const reader = track(createFeedReader({ allowHosts: [], resolve: async () => ['::ffff:10.0.0.1'] }));
    await expectFailure(
      reader.readFeed('http://v6.test/', NO_VALIDATORS),
      'blocked_url',
      /IPv4-mapped form of a private/,
    );
  });

  it('GIVEN a name that resolves to loopback WHEN 127.0.0.1 is allowed THEN the feed is fetched by that name', async () => {
    const asked: string[] = [];
    const reader = track(
      loopbackReader({
        resolve: async (h) => {
          asked.push(h);
          return ['127.0.0.1'];
        },
      }),
    );
    const res = await reader.readFeed(`http://feeds.test:${server.port}/feed.xml`, NO_VALIDATORS);
    expect(res.status).toBe('ok');
    expect(asked).toEqual(['feeds.test']);
    expect(server.requestsTo('/feed.xml').at(-1)?.headers.host).toBe(`feeds.test:${server.port}`);
  });

  it('GIVEN a host name in allowHosts WHEN it resolves to loopback THEN it is allowed by name', async () => {
    const reader = track(createFeedReader({ allowHosts: ['intranet.test'], resolve: async () => ['127.0.0.1'] }));
    const res = await reader.readFeed(`http://intranet.test:${server.port}/feed.xml`, NO_VALIDATORS);
    expect(res.status).toBe('ok');
  });

  it('GIVEN DNS that rebinds to another loopback address on a new connection WHEN read again THEN the second read is refused', async () => {
    server.setFeed('/close.xml', { items: [{ guid: 'x', title: 'x' }] }, { headers: { connection: 'close' } });
    let calls = 0;
    const reader = track(
      loopbackReader({
        resolve: async () => {
          calls++;
          return [calls === 1 ? '127.0.0.1' : '127.0.0.2'];
        },
      }),
    );
    const first = await reader.readFeed(`http://rebind.test:${server.port}/close.xml`, NO_VALIDATORS);
    expect(first.status).toBe('ok');
    await expectFailure(
      reader.readFeed(`http://rebind.test:${server.port}/close.xml`, NO_VALIDATORS),
      'blocked_url',
      /rebind\.test resolves to a loopback address 127\.0\.0\.2/,
    );
    expect(calls).toBe(2);
  });

  it('GIVEN a resolver that never answers WHEN read THEN it fails within the connect timeout', async () => {
    const reader = track(loopbackReader({ resolve: () => new Promise(() => {}), timeouts: { connectMs: 200 } }));
    await expectFailure(
      reader.readFeed('http://slow-dns.test/', NO_VALIDATORS),
      'fetch_failed',
      /could not be resolved/,
    );
  });

  it('GIVEN a resolver that finds nothing WHEN read THEN it fails as unresolvable', async () => {
    const reader = track(loopbackReader({ resolve: async () => [] }));
    await expectFailure(
      reader.readFeed('http://nowhere.test/', NO_VALIDATORS),
      'fetch_failed',
      /could not be resolved/,
    );
  });
});

describe('redirects into private space', () => {
  it.each([
    ['/to-metadata', /redirects to 169\.254\.169\.254, which is a link-local\/cloud metadata address/],
    ['/to-loopback', /redirects to 127\.0\.0\.1, which is a loopback address/],
    ['/to-private', /redirects to 10\.0\.0\.1, which is a private address/],
    ['/to-decimal', /redirects to 169\.254\.169\.254, which is a link-local/],
    ['/to-mapped', /redirects to ::ffff:a9fe:a9fe, which is a IPv4-mapped form of a link-local/],
    ['/to-file', /redirects to a file: URL/],
  ])(
    'GIVEN the fake server redirects %s WHEN read with only the server allowed THEN it is refused',
    async (path, why) => {
      // Only the server's name is opened, so 127.0.0.1 as a redirect target is judged on its own.
      const reader = track(createFeedReader({ allowHosts: ['fake.test'], resolve: async () => ['127.0.0.1'] }));
      await expectFailure(reader.readFeed(`http://fake.test:${server.port}${path}`, NO_VALIDATORS), 'blocked_url', why);
    },
  );

  it('GIVEN a redirect to a name that resolves privately WHEN read THEN the message says where it redirects', async () => {
    const reader = track(
      createFeedReader({
        allowHosts: ['127.0.0.1'],
        resolve: async (h) => (h === 'internal.test' ? ['192.168.0.10'] : ['127.0.0.1']),
      }),
    );
    await expectFailure(
      reader.readFeed(server.url('/to-name'), NO_VALIDATORS),
      'blocked_url',
      /redirects to internal\.test, which resolves to a private address 192\.168\.0\.10/,
    );
  });

  it('GIVEN a relative 301 to an allowed path WHEN read THEN it is followed and finalUrl is the target', async () => {
    const reader = track(loopbackReader());
    const res = await reader.readFeed(server.url('/to-feed'), NO_VALIDATORS);
    expect(res.status === 'ok' && res.finalUrl).toBe(server.url('/feed.xml'));
  });
});

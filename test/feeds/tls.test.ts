/** HTTPS through the guard: the connection goes to the checked IP, yet the certificate is verified for the host name. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectFailure, loopbackReader, NO_VALIDATORS } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../fakes/feed-fixtures/${name}`, import.meta.url));
const cert = fixture('tls-cert.pem'); // self-signed, issued to feeds.test
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ tls: { key: fixture('tls-key.pem'), cert } });
  server.setFeed('/secure.xml', { items: [{ guid: 's', title: 'Over TLS' }] });
});
afterAll(async () => {
  await server.close();
});

describe('https', () => {
  it('GIVEN a trusted certificate for feeds.test WHEN feeds.test is read THEN the feed comes back', async () => {
    const reader = loopbackReader({ ca: cert, resolve: async () => ['127.0.0.1'] });
    try {
      const res = await reader.readFeed(`https://feeds.test:${server.port}/secure.xml`, NO_VALIDATORS);
      expect(res.status === 'ok' && res.feed.items[0]?.title).toBe('Over TLS');
    } finally {
      await reader.close();
    }
  });

  it('GIVEN the same server under another name WHEN read THEN the certificate is refused for that name', async () => {
    const reader = loopbackReader({ ca: cert, resolve: async () => ['127.0.0.1'] });
    try {
      await expectFailure(
        reader.readFeed(`https://other.test:${server.port}/secure.xml`, NO_VALIDATORS),
        'fetch_failed',
        /TLS certificate of other\.test is not valid/,
      );
    } finally {
      await reader.close();
    }
  });

  it('GIVEN the default trust store WHEN a self-signed server is read THEN it is refused', async () => {
    const reader = loopbackReader({ resolve: async () => ['127.0.0.1'] });
    try {
      await expectFailure(
        reader.readFeed(`https://feeds.test:${server.port}/secure.xml`, NO_VALIDATORS),
        'fetch_failed',
        /TLS certificate of feeds\.test is not valid/,
      );
    } finally {
      await reader.close();
    }
  });
});

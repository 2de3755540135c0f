import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

describe('network guard', () => {
  it('GIVEN the test setup WHEN code connects to a non-loopback address THEN the connection is refused', async () => {
    await expect(request('http://169.254.169.254/latest/meta-data/', { headersTimeout: 500 })).rejects.toThrow(
      /network guard/,
    );
    await expect(fetch('http://10.0.0.1/')).rejects.toThrow();
  });

  it('GIVEN a loopback server WHEN code connects to it THEN the request goes through', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await request(`http://127.0.0.1:${port}/`);
    expect(await res.body.text()).toBe('ok');
    server.close();
  });
});

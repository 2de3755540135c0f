/**
 * A loopback HTTP server standing in for the feeds of the world, for tests and benchmarks. It serves real RSS 2.0,
 * RSS 1.0 (RDF) and Atom, with ETag/Last-Modified and 304s, items that can be added between polls, and every fault a
 * hostile or broken feed can show: HTTP errors, 429 with Retry-After, a server that never answers, a body that stalls
 * or trickles, a body far over the cap, a gzip bomb, malformed XML, redirects (into private space, in loops), a feed
 * that rewrites every GUID. Every request is logged.
 *
 * Listens on 127.0.0.1 only; a reader must be created with allowHosts ['127.0.0.1'] to reach it.
 *
 * @example
 * const server = await startFeedServer();
 * server.setFeed('/news.xml', { items: [{ guid: 'a', title: 'First' }] });
 * const reader = createFeedReader({ allowHosts: ['127.0.0.1'] });
 * await reader.readFeed(server.url('/news.xml'), { etag: null, lastModified: null });
 * server.addItems('/news.xml', { guid: 'b', title: 'Second' });
 * await server.close();
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { type FakeFeed, type FakeItem, type FeedFormat, renderFeed } from './feed-fixtures/render.ts';

export type { FakeFeed, FakeItem, FeedFormat } from './feed-fixtures/render.ts';

export type ContentEncoding = 'gzip' | 'deflate' | 'br';

/** What the server does for one path. */
export type Route =
  /** A live feed: rendered per request, with validators (unless rewriteGuids) and optional compression. */
  | {
      kind: 'feed';
      feed: FakeFeed;
      format?: FeedFormat;
      /** Byte encoding of the body (default utf-8); iso-8859-1 encodes as latin1. */
      charset?: 'utf-8' | 'iso-8859-1';
      /** Where the charset is declared: Content-Type, XML prolog, both (default) or neither (XML prolog says UTF-8). */
      declareCharset?: 'header' | 'prolog' | 'both';
      /** Send ETag / Last-Modified and answer matching conditional requests with 304 (default true). */
      validators?: boolean;
      /** Every request gets fresh GUIDs (and no validators): a feed that republishes everything each poll. */
      rewriteGuids?: boolean;
      contentEncoding?: ContentEncoding;
      headers?: Record<string, string>;
    }
  /** A fixed body: malformed XML, an HTML page, JSON, an article page. */
  | { kind: 'body'; body: string | Buffer; contentType?: string; status?: number; headers?: Record<string, string> }
  /** An HTTP error such as 500, or 429 with a Retry-After header. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  /** Accepts the request and never sends a byte. */
  | { kind: 'hang' }
  /** Sends headers and `body`, then nothing more, never ending the response. */
  | { kind: 'stall'; body?: string }
  /** Sends `chunk` every `intervalMs` forever: never idle, never done. */
  | { kind: 'trickle'; chunk?: string; intervalMs: number }
  /** Streams `bytes` bytes of XML-looking filler (stops when the client goes away). */
  | { kind: 'oversize'; bytes: number }
  /** A small gzip body that inflates to `inflatedBytes` (rounded up to whole MiB of spaces in an XML comment). */
  | { kind: 'gzip-bomb'; inflatedBytes: number }
  | { kind: 'custom'; handle(req: http.IncomingMessage, res: http.ServerResponse): void };

export interface LoggedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Response status sent (0 while none). */
  status: number;
  /** Body bytes written so far (after compression). */
  bytesSent: number;
}

export interface FeedServer {
  /** http://127.0.0.1:PORT (https:// when started with tls) */
  readonly origin: string;
  readonly port: number;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Sets (or replaces) what a path serves. */
  route(path: string, route: Route): void;
  /** Shorthand for route(path, { kind: 'feed', feed, ...options }). */
  setFeed(path: string, feed: FakeFeed, options?: Omit<Extract<Route, { kind: 'feed' }>, 'kind' | 'feed'>): void;
  /** Puts new items at the top of a feed route and moves its ETag / Last-Modified on. */
  addItems(path: string, ...items: FakeItem[]): void;
  /** The feed a feed route serves (live: changes show on the next request; call touch() after editing it). */
  feed(path: string): FakeFeed;
  /** Marks a feed route changed (new ETag and Last-Modified). */
  touch(path: string): void;
  /** Every request received, oldest first. */
  readonly requests: LoggedRequest[];
  requestsTo(path: string): LoggedRequest[];
  close(): Promise<void>;
}

interface FeedState {
  version: number;
  lastModified: Date;
  cache: { version: number; body: Buffer } | null;
}

export interface FeedServerOptions {
  /** Serve HTTPS with this key and certificate (see feed-fixtures/tls-*.pem, issued to feeds.test). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const states = new Map<string, FeedState>();
  const requests: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const bombs = new Map<number, Buffer>();
  let rewriteCounter = 0;

  const stateOf = (path: string): FeedState => {
    let s = states.get(path);
    if (!s) {
      s = { version: 1, lastModified: new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000), cache: null };
      states.set(path, s);
    }
    return s;
  };
  const touch = (path: string) => {
    const s = stateOf(path);
    s.version++;
    // Last-Modified has one-second resolution: make sure a change always moves it forward.
    s.lastModified = new Date(Math.max(Math.floor(Date.now() / 1000) * 1000, s.lastModified.getTime() + 1000));
    s.cache = null;
  };
  const feedRoute = (path: string) => {
    const r = routes.get(path);
    if (r?.kind !== 'feed') throw new Error(`feed-server: ${path} is not a feed route`);
    return r;
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = req.url ?? '/';
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, headers: req.headers, status: 0, bytesSent: 0 };
    requests.push(entry);
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer | string, ...rest: never[]) => {
      entry.bytesSent += Buffer.byteLength(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    const send = (status: number, headers: Record<string, string>, body?: string | Buffer) => {
      entry.status = status;
      res.writeHead(status, headers);
      if (body !== undefined) res.write(body);
      res.end();
    };
    const route = routes.get(path.split('?')[0] ?? path);
    if (!route) return send(404, { 'content-type': 'text/plain' }, 'not found');
    switch (route.kind) {
      case 'feed':
        return serveFeed(path.split('?')[0] ?? path, route, req, send);
      case 'body':
        return send(
          route.status ?? 200,
          { 'content-type': route.contentType ?? 'application/xml', ...route.headers },
          route.body,
        );
      case 'status':
        return send(route.status, { 'content-type': 'text/plain', ...route.headers }, route.body ?? '');
      case 'redirect':
        return send(route.status ?? 302, { location: route.location });
      case 'hang':
        return;
      case 'stall':
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(route.body ?? '<?xml version="1.0"?><rss version="2.0"><channel>');
        return;
      case 'trickle': {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const t = setInterval(() => res.write(route.chunk ?? ' '), route.intervalMs);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      case 'oversize':
        return streamFiller(route, res, entry);
      case 'gzip-bomb':
        return send(
          200,
          { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' },
          bomb(route.inflatedBytes),
        );
      case 'custom':
        return route.handle(req, res);
    }
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);

  function serveFeed(
    path: string,
    route: Extract<Route, { kind: 'feed' }>,
    req: http.IncomingMessage,
    send: (status: number, headers: Record<string, string>, body?: string | Buffer) => void,
  ) {
    const state = stateOf(path);
    const validators = route.validators !== false && !route.rewriteGuids;
    const etag = `"v${state.version}-${createHash('sha1').update(path).digest('hex').slice(0, 8)}"`;
    const lastModified = state.lastModified.toUTCString();
    const headers: Record<string, string> = { ...route.headers };
    if (validators) {
      headers.etag = etag;
      headers['last-modified'] = lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const fresh = inm
        ? inm.split(',').some((t) => t.trim() === etag)
        : ims !== undefined && Date.parse(ims) >= state.lastModified.getTime();
      if (fresh) return send(304, headers);
    }
    const charset = route.charset ?? 'utf-8';
    const declare = route.declareCharset ?? 'both';
    headers['content-type'] =
      declare === 'prolog'
        ? 'application/xml'
        : `application/${route.format === 'atom' ? 'atom' : 'rss'}+xml; charset=${charset}`;
    let body: Buffer;
    if (!route.rewriteGuids && state.cache?.version === state.version) {
      body = state.cache.body;
    } else {
      const round = ++rewriteCounter;
      const feed = route.rewriteGuids
        ? { ...route.feed, items: route.feed.items.map((i, n) => ({ ...i, guid: `${i.guid ?? n}#${round}` })) }
        : route.feed;
      const xml = renderFeed(route.format ?? 'rss2', feed, declare === 'header' ? 'UTF-8' : charset.toUpperCase());
      const raw = Buffer.from(xml, charset === 'iso-8859-1' ? 'latin1' : 'utf8');
      body = route.contentEncoding ? compress(raw, route.contentEncoding) : raw;
      if (!route.rewriteGuids) state.cache = { version: state.version, body };
    }
    if (route.contentEncoding) headers['content-encoding'] = route.contentEncoding;
    send(200, headers, body);
  }

  function bomb(inflatedBytes: number): Buffer {
    let b = bombs.get(inflatedBytes);
    if (!b) {
      // gzip members concatenate: one compressed MiB of spaces repeated inflates to N MiB, cheap to build at any size.
      const mib = zlib.gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 });
      const parts = [zlib.gzipSync('<?xml version="1.0"?><rss version="2.0"><channel><!--')];
      for (let n = Math.ceil(inflatedBytes / (1024 * 1024)); n > 0; n--) parts.push(mib);
      parts.push(zlib.gzipSync('--></channel></rss>'));
      b = Buffer.concat(parts);
      bombs.set(inflatedBytes, b);
    }
    return b;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    origin,
    port,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    route(path, route) {
      routes.set(path, route);
      touch(path);
    },
    setFeed(path, feed, options = {}) {
      routes.set(path, { kind: 'feed', feed, ...options });
      touch(path);
    },
    addItems(path, ...items) {
      feedRoute(path).feed.items.unshift(...items);
      touch(path);
    },
    feed: (path) => feedRoute(path).feed,
    touch,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path || r.path.startsWith(`${path}?`)),
    async close() {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function compress(raw: Buffer, encoding: ContentEncoding): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(raw);
  if (encoding === 'deflate') return zlib.deflateSync(raw);
  return zlib.brotliCompressSync(raw);
}

/** Streams filler with backpressure until `bytes` are sent or the client disconnects. */
function streamFiller(route: Extract<Route, { kind: 'oversize' }>, res: http.ServerResponse, entry: LoggedRequest) {
  entry.status = 200;
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.from(`<item><title>${'x'.repeat(64 * 1024 - 28)}</title></item>\n`);
  let left = route.bytes;
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  const pump = () => {
    while (!gone && left > 0) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (!gone) res.end();
  };
  res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  pump();
}

/**
 * GET through the SSRF guard: manual redirects (each hop re-checked, at most maxRedirects), conditional headers,
 * connect/headers/body/overall timeouts, gzip/deflate/br decoded here, and a body cap counted after decompression so a
 * compression bomb is cut off after `maxBodyBytes` instead of being inflated.
 */
import http from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Agent, request } from 'undici';
import { FetchFailure } from '../core/feed-ports.ts';
import type { AddressPolicy } from './address-policy.ts';
import { blockedFailure, fetchErrorToFailure } from './fetch-errors.ts';
import { createGuardedConnector, type ResolveHost } from './guarded-connector.ts';
import { type HeaderBag, headerValue, retryAfterMs } from './http-headers.ts';

export interface FetchTimeouts {
  /** TCP (and TLS) connection set-up. */
  connectMs: number;
  /** From request sent to response headers received. */
  headersMs: number;
  /** Longest silence while the body streams. */
  bodyMs: number;
  /** The whole fetch, redirects and body included. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: FetchTimeouts = {
  connectMs: 10_000,
  headersMs: 15_000,
  bodyMs: 30_000,
  totalMs: 45_000,
};

export interface GuardedFetchOptions {
  policy: AddressPolicy;
  resolve: ResolveHost;
  userAgent: string;
  timeouts: FetchTimeouts;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Trusted CA certificates (PEM) replacing the default set; for tests and private CAs. */
  ca?: string | Buffer;
}

export type FetchOutcome =
  | { kind: 'not-modified'; finalUrl: string; headers: HeaderBag }
  | { kind: 'ok'; finalUrl: string; status: number; headers: HeaderBag; body: Buffer };

export interface GuardedFetch {
  get(url: string, extraHeaders?: Record<string, string>): Promise<FetchOutcome>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createGuardedFetch(opts: GuardedFetchOptions): GuardedFetch {
  const { policy, timeouts } = opts;
  const agent = new Agent({
    connect: createGuardedConnector(policy, opts.resolve, timeouts.connectMs, opts.ca),
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  });

  async function get(url: string, extraHeaders: Record<string, string> = {}): Promise<FetchOutcome> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new FetchFailure('bad_input', `"${url.slice(0, 200)}" is not a valid URL.`);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeouts.totalMs);
    const seen = new Set([current.href]);
    let hop = 0;
    try {
      for (;;) {
        const refusal = policy.checkUrl(current);
        if (refusal) throw blockedFailure({ host: current.hostname, refusal, viaDns: false, hop });
        const res = await request(current, {
          method: 'GET',
          dispatcher: agent,
          signal: controller.signal,
          headers: {
            'user-agent': opts.userAgent,
            accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
            'accept-encoding': 'gzip, deflate, br',
            ...extraHeaders,
          },
        }).catch((err: unknown) => {
          throw fetchErrorToFailure(err, { host: current.hostname, hop, timeouts, aborted: controller.signal.aborted });
        });
        const { statusCode, headers } = res;
        if (REDIRECTS.has(statusCode)) {
          await discard(res.body);
          const location = headerValue(headers, 'location');
          if (!location) {
            throw new FetchFailure('fetch_failed', `${current.host} answered a redirect with no Location.`);
          }
          let next: URL;
          try {
            next = new URL(location, current);
          } catch {
            throw new FetchFailure('fetch_failed', `${current.host} redirects to an invalid URL.`);
          }
          if (seen.has(next.href)) throw new FetchFailure('fetch_failed', `${current.host} redirects in a loop.`);
          if (hop >= opts.maxRedirects) {
            throw new FetchFailure('fetch_failed', `Too many redirects (more than ${opts.maxRedirects}).`);
          }
          seen.add(next.href);
          current = next;
          hop++;
          continue;
        }
        if (statusCode === 304) {
          await discard(res.body);
          return { kind: 'not-modified', finalUrl: current.href, headers };
        }
        if (statusCode < 200 || statusCode > 299) {
          await discard(res.body);
          throw statusFailure(current.host, statusCode, headers);
        }
        const declared = Number(headerValue(headers, 'content-length') ?? Number.NaN);
        if (!headerValue(headers, 'content-encoding') && declared > opts.maxBodyBytes) {
          // Announced as too large: refuse without downloading it.
          await discard(res.body);
          throw fetchErrorToFailure(new BodyTooLargeError(opts.maxBodyBytes), {
            host: current.hostname,
            hop,
            timeouts,
            aborted: false,
          });
        }
        const body = await readCapped(res.body, headerValue(headers, 'content-encoding'), opts.maxBodyBytes).catch(
          (err: unknown) => {
            throw fetchErrorToFailure(err, {
              host: current.hostname,
              hop,
              timeouts,
              aborted: controller.signal.aborted,
            });
          },
        );
        return { kind: 'ok', finalUrl: current.href, status: statusCode, headers, body };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return { get, close: () => agent.close() };
}

/** Drops a body we will not read, keeping the connection for reuse when the body is short. */
async function discard(body: Readable & { dump?(opts: { limit: number }): Promise<void> }): Promise<void> {
  body.on('error', () => {}); // an aborted body emits an error nobody else is listening for
  await body.dump?.({ limit: 64 * 1024 }).catch(() => {});
}

function statusFailure(host: string, status: number, headers: HeaderBag): FetchFailure {
  const text = `${status} ${http.STATUS_CODES[status] ?? ''}`.trim();
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(headerValue(headers, 'retry-after'));
    const hint = wait === undefined ? '' : `; it asks to retry in ${Math.ceil(wait / 1000)} s`;
    return new FetchFailure('fetch_failed', `${host} answered HTTP ${text}${hint}.`, {
      httpStatus: status,
      retryAfterMs: wait,
    });
  }
  return new FetchFailure('fetch_failed', `${host} answered HTTP ${text}.`, { httpStatus: status });
}

function decompressor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  // Lenient on truncated streams, like browsers.
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(flush);
    case 'deflate':
      return zlib.createInflate(flush);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new FetchFailure('fetch_failed', `The response uses an unsupported Content-Encoding "${encoding}".`);
  }
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
  }
}

/** Reads (and decodes) a body, stopping as soon as the decoded size passes `limit`; nothing beyond is inflated. */
async function readCapped(body: Readable, contentEncoding: string | null, limit: number): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'identity')
    .reverse(); // listed in the order applied
  let source: Readable = body;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    if (encodings.length) {
      const decoders = encodings.map(decompressor);
      source = pipeline([body, ...decoders], () => {
        // Errors surface through iteration of the last stream; this callback only keeps pipeline from throwing.
      }) as unknown as Readable;
    }
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw new BodyTooLargeError(limit);
      chunks.push(chunk);
    }
  } catch (err) {
    // Stop the download (and any inflation) at once; late errors from the torn-down streams are expected.
    for (const s of new Set([source, body])) {
      s.on('error', () => {});
      s.destroy();
    }
    throw err;
  }
  return Buffer.concat(chunks, total);
}

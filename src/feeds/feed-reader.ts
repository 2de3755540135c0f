/**
 * The FeedReader adapter: guarded fetch (SSRF policy, redirects, timeouts, caps, decompression) → charset decoding →
 * rss-parser for feeds, readability for article pages.
 */
import type { Article, FeedReader, FeedReadResult, Validators } from '../core/feed-ports.ts';
import { FetchFailure } from '../core/feed-ports.ts';
import { VERSION } from '../version.ts';
import { createAddressPolicy } from './address-policy.ts';
import { decodeBody } from './charset.ts';
import { extractArticle } from './extract-article.ts';
import { type ResolveHost, systemResolve } from './guarded-connector.ts';
import { createGuardedFetch, DEFAULT_TIMEOUTS, type FetchTimeouts } from './guarded-fetch.ts';
import { createHtmlToText } from './html-text.ts';
import { cacheMaxAgeMs, headerValue, mediaType } from './http-headers.ts';
import { createFeedParser } from './parse-feed.ts';

export type { ResolveHost } from './guarded-connector.ts';
export type { FetchTimeouts } from './guarded-fetch.ts';

export const DEFAULT_USER_AGENT = `claimwatch/${VERSION} (+https://github.com/claimwatch)`;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface FeedReaderOptions {
  /** CLAIMWATCH_ALLOW_HOSTS: host names, `*.suffix`, IPs or CIDRs that may be reached although internal. */
  allowHosts: string[];
  /** Cap on a response body after decompression (default 5 MiB). */
  maxBodyBytes?: number;
  userAgent?: string;
  /** Any subset; the rest default to connect 10 s, headers 15 s, body idle 30 s, total 45 s. */
  timeouts?: Partial<FetchTimeouts>;
  /** Redirect hops followed before giving up (default 5). */
  maxRedirects?: number;
  /** Host name → addresses. Tests inject one; the default is the system resolver (dns.lookup). */
  resolve?: ResolveHost;
  /** CA certificates (PEM) to trust instead of Node's default set: for tests, or an intranet's private CA. */
  ca?: string | Buffer;
}

/** A FeedReader that also owns a connection pool; close() releases it (a service calls it on shutdown). */
export interface ClosableFeedReader extends FeedReader {
  close(): Promise<void>;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function createFeedReader(opts: FeedReaderOptions): ClosableFeedReader {
  const fetcher = createGuardedFetch({
    policy: createAddressPolicy(opts.allowHosts),
    resolve: opts.resolve ?? systemResolve,
    userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: opts.maxRedirects ?? 5,
    ca: opts.ca,
  });
  const parser = createFeedParser();
  const htmlToText = createHtmlToText();

  return {
    async readFeed(url: string, validators: Validators): Promise<FeedReadResult> {
      const conditional: Record<string, string> = {};
      if (validators.etag) conditional['if-none-match'] = validators.etag;
      if (validators.lastModified) conditional['if-modified-since'] = validators.lastModified;
      const res = await fetcher.get(url, conditional);
      if (res.kind === 'not-modified') {
        if (Object.keys(conditional).length === 0) {
          throw new FetchFailure('fetch_failed', `${new URL(url).host} answered 304 Not Modified to a plain request.`);
        }
        return { status: 'not-modified', cacheMaxAgeMs: cacheMaxAgeMs(res.headers) };
      }
      const text = decodeBody(res.body, headerValue(res.headers, 'content-type'));
      const feed = await parser.parse(text, res.finalUrl);
      return {
        status: 'ok',
        finalUrl: res.finalUrl,
        feed,
        etag: headerValue(res.headers, 'etag'),
        lastModified: headerValue(res.headers, 'last-modified'),
        cacheMaxAgeMs: cacheMaxAgeMs(res.headers),
      };
    },

    async readArticle(url: string): Promise<Article> {
      const res = await fetcher.get(url);
      if (res.kind === 'not-modified') throw new FetchFailure('fetch_failed', 'The page answered 304 Not Modified.');
      const contentType = headerValue(res.headers, 'content-type');
      const type = mediaType(contentType);
      if (type && !HTML_TYPES.has(type)) {
        throw new FetchFailure('fetch_failed', `The page at ${new URL(res.finalUrl).host} is ${type}, not a web page.`);
      }
      const { title, text } = extractArticle(decodeBody(res.body, contentType), res.finalUrl, htmlToText);
      if (!text)
        throw new FetchFailure('fetch_failed', `The page at ${new URL(res.finalUrl).host} has no readable text.`);
      return { url: res.finalUrl, title, text };
    },

    close: () => fetcher.close(),
  };
}

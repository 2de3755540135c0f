/**
 * Port through which core reads feeds and article pages. src/feeds implements it with undici behind the SSRF guard,
 * rss-parser and readability; core never sees HTTP.
 */
import { UserError, type UserErrorCode } from './errors.ts';

export interface FeedItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  /** ISO 8601 when the feed gives a parseable date. */
  published: string | null;
  /** Plain text of the item (content:encoded, content or summary, HTML stripped). */
  text: string;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedReadResult =
  | { status: 'not-modified'; cacheMaxAgeMs: number | null }
  | {
      status: 'ok';
      /** URL after redirects. */
      finalUrl: string;
      feed: ParsedFeed;
      etag: string | null;
      lastModified: string | null;
      /** From Cache-Control max-age (or Expires), when the server gives one. */
      cacheMaxAgeMs: number | null;
    };

export interface Article {
  url: string;
  title: string | null;
  text: string;
}

export interface FeedReader {
  /** Conditional GET of a feed, then parse. Throws FetchFailure (blocked, unreachable, HTTP error, too large, not a feed). */
  readFeed(url: string, validators: Validators): Promise<FeedReadResult>;
  /** Fetches a web page through the same guard and extracts the article text. Throws FetchFailure. */
  readArticle(url: string): Promise<Article>;
}

/** A failed fetch, with what the scheduler needs to back off: the HTTP status and Retry-After when there was one. */
export class FetchFailure extends UserError {
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: Extract<UserErrorCode, 'blocked_url' | 'fetch_failed' | 'not_a_feed' | 'bad_input'>,
    message: string,
    details: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }
}

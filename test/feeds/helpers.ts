import { expect } from 'vitest';
import { FetchFailure } from '../../src/core/feed-ports.ts';
import { type ClosableFeedReader, createFeedReader, type FeedReaderOptions } from '../../src/feeds/feed-reader.ts';

export const NO_VALIDATORS = { etag: null, lastModified: null } as const;

/** A reader that may reach the loopback fake server, with short timeouts so fault tests finish quickly. */
export function loopbackReader(overrides: Partial<FeedReaderOptions> = {}): ClosableFeedReader {
  return createFeedReader({
    allowHosts: ['127.0.0.1'],
    maxBodyBytes: 256 * 1024,
    timeouts: { connectMs: 2_000, headersMs: 500, bodyMs: 500, totalMs: 3_000 },
    ...overrides,
  });
}

/** Awaits a promise that must reject with a FetchFailure of `code` whose message matches `message`. */
export async function expectFailure(
  promise: Promise<unknown>,
  code: FetchFailure['code'],
  message?: RegExp,
): Promise<FetchFailure> {
  const err = await promise.then(
    () => {
      throw new Error('expected a FetchFailure, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchFailure);
  const failure = err as FetchFailure;
  expect({ code: failure.code, message: failure.message }).toMatchObject({ code });
  if (message) expect(failure.message).toMatch(message);
  return failure;
}

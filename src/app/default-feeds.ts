/**
 * The default watch list on disk: `feeds.json` in the seeds folder, a JSON array of `{url, name, fullText?}`,
 * validated with zod (a malformed file stops start-up with a message naming the file and the entry). At start the
 * service subscribes it to the console channel once, when the database has never watched a feed
 * (src/core/watch/default-feeds.ts decides when).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import type { Transact } from '../core/store-ports.ts';
import { type DefaultFeed, defaultFeedsBlocked, subscribeDefaultFeeds } from '../core/watch/default-feeds.ts';
import type { Clock, WatchStore } from '../core/watch/ports.ts';
import type { Logger } from '../logger.ts';

export const DEFAULT_FEEDS_FILE = 'feeds.json';

const entry = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    name: z.string().trim().min(1, 'must not be empty').max(200),
    fullText: z.boolean().optional(),
  })
  .strict();

const feedList = z.array(entry).superRefine((feeds, ctx) => {
  const seen = new Set<string>();
  feeds.forEach((f, i) => {
    if (seen.has(f.url)) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `${f.url} is listed twice` });
    seen.add(f.url);
  });
});

/** The list in `file`; a file that is not JSON, or an entry that is not `{url, name, fullText?}`, is a UserError. */
export function readDefaultFeeds(file: string): DefaultFeed[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError('bad_input', `default watch list ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = feedList.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const [index, ...field] = issue.path;
    if (typeof index !== 'number') return issue.message;
    const name = (value as Array<{ name?: unknown }>)[index]?.name;
    const label = `entry ${index + 1}${typeof name === 'string' && name.trim() ? ` ("${name.trim()}")` : ''}`;
    return `${label}${field.length > 0 ? ` ${field.join('.')}` : ''}: ${issue.message}`;
  });
  throw new UserError('bad_input', `default watch list ${file}: ${lines.join('; ')}`);
}

export interface DefaultFeedsDeps {
  watch: WatchStore;
  transact: Transact;
  clock?: Clock;
  logger: Logger;
}

/** Subscribes `<seedsDir>/feeds.json` to `channel` when this database has never had a feed; logs what it did. */
export function applyDefaultFeeds(deps: DefaultFeedsDeps, seedsDir: string, channel: string): number {
  const { watch, transact, logger } = deps;
  if (defaultFeedsBlocked(watch)) return 0;
  const file = join(seedsDir, DEFAULT_FEEDS_FILE);
  if (!existsSync(file)) {
    logger.info({ file }, 'no default watch list in the seeds folder; no feed is watched yet');
    return 0;
  }
  const feeds = readDefaultFeeds(file);
  if (feeds.length === 0) return 0;
  const clock = deps.clock ?? { now: () => Date.now() };
  const outcome = subscribeDefaultFeeds({ watch, transact, clock }, feeds, channel, file);
  if (!('subscribed' in outcome)) return 0;
  logger.info(
    { file, channel, feeds: outcome.subscribed.map((f) => `#${f.id} ${f.title ?? f.url}`) },
    `subscribed the ${outcome.subscribed.length} feeds of the default watch list to ${channel}; ` +
      'remove one with `claimwatch watch remove ID` (it is not added again), or set CLAIMWATCH_DEFAULT_FEEDS=off',
  );
  return outcome.subscribed.length;
}

/**
 * An item's identity within its feed: guid, else link, else a hash of title and date. Long values are hashed so keys
 * stay small; the prefix keeps a guid from ever colliding with a link.
 */
import { createHash } from 'node:crypto';
import type { FeedItem } from '../feed-ports.ts';

const MAX_RAW = 200;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function keyed(prefix: string, value: string): string {
  return value.length <= MAX_RAW ? `${prefix}:${value}` : `${prefix}#:${sha256(value)}`;
}

export function itemKey(item: FeedItem): string {
  const guid = item.guid?.trim();
  if (guid) return keyed('g', guid);
  const link = item.link?.trim();
  if (link) return keyed('l', link);
  return `h:${sha256(`${item.title ?? ''}\n${item.published ?? ''}`)}`;
}

/** The outbox key of one item's alert to one channel: stable across polls, retries and restarts. */
export function alertKey(feedId: number, key: string, channel: string): string {
  return `alert:${feedId}:${sha256(key).slice(0, 24)}:${channel}`;
}

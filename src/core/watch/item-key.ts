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

/**
 * Every key an item is known by: its own (above), then its link and its content, so a feed that rewrites every GUID
 * (or posts one story twice) does not bring back an item already seen. An item is new only when no key is seen.
 */
export function itemKeys(item: FeedItem): string[] {
  const keys = [itemKey(item)];
  const link = item.link?.trim();
  if (link) {
    const l = keyed('l', link);
    if (!keys.includes(l)) keys.push(l);
  }
  const content = `${item.title ?? ''}\n${item.text ?? ''}`.replace(/\s+/g, ' ').trim().toLowerCase();
  if (content.length >= CONTENT_MIN) keys.push(`c:${sha256(content.slice(0, CONTENT_CHARS))}`);
  return keys;
}

/** Content this short (a bare title) says too little to tell two items apart. */
const CONTENT_MIN = 40;
/** The content key reads the title and the start of the text: later edits of a long text still match. */
const CONTENT_CHARS = 500;

/** The outbox key of one item's alert to one channel: stable across polls, retries and restarts. */
export function alertKey(feedId: number, key: string, channel: string): string {
  return `alert:${feedId}:${sha256(key).slice(0, 24)}:${channel}`;
}

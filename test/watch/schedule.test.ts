import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/core/feed-ports.ts';
import { alertKey, itemKey } from '../../src/core/watch/item-key.ts';
import { backoffDelay, nextPollAfterSuccess } from '../../src/core/watch/schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('poll schedule', () => {
  it('GIVEN an interval WHEN jittered THEN the next poll falls within ±10% of it', () => {
    expect(nextPollAfterSuccess(0, 10 * MIN, null, () => 0)).toBe(9 * MIN);
    expect(nextPollAfterSuccess(0, 10 * MIN, null, () => 0.5)).toBe(10 * MIN);
    expect(nextPollAfterSuccess(0, 10 * MIN, null, () => 0.999_999)).toBeLessThanOrEqual(11 * MIN);
  });

  it('GIVEN an interval under one minute WHEN scheduled THEN the one-minute floor applies', () => {
    expect(nextPollAfterSuccess(0, 5_000, null, () => 0.5)).toBe(MIN);
  });

  it('GIVEN Cache-Control max-age WHEN longer than the interval THEN it wins, capped at a day; WHEN shorter THEN the interval wins', () => {
    expect(nextPollAfterSuccess(0, 10 * MIN, 2 * HOUR, () => 0.5)).toBe(2 * HOUR);
    expect(nextPollAfterSuccess(0, 10 * MIN, 1_000 * HOUR, () => 0.5)).toBe(24 * HOUR);
    expect(nextPollAfterSuccess(0, 10 * MIN, 30_000, () => 0.5)).toBe(10 * MIN);
  });

  it('GIVEN consecutive failures WHEN backing off THEN 5 min × 2ⁿ⁻¹, capped at 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, undefined) / MIN)).toEqual([
      5, 10, 20, 40, 80, 160, 320, 360,
    ]);
  });

  it('GIVEN Retry-After WHEN longer than the backoff THEN it wins (capped at a day); WHEN shorter THEN backoff wins', () => {
    expect(backoffDelay(1, 3 * HOUR)).toBe(3 * HOUR);
    expect(backoffDelay(1, 100 * HOUR)).toBe(24 * HOUR);
    expect(backoffDelay(3, 1_000)).toBe(20 * MIN);
  });
});

describe('item identity', () => {
  const base: FeedItem = { guid: null, link: null, title: 'T', published: '2024-10-20T00:00:00.000Z', text: '' };

  it('GIVEN a guid, a link, or neither WHEN keyed THEN guid wins, then link, then a hash of title and date', () => {
    expect(itemKey({ ...base, guid: 'abc', link: 'https://x/1' })).toBe('g:abc');
    expect(itemKey({ ...base, link: 'https://x/1' })).toBe('l:https://x/1');
    expect(itemKey(base)).toMatch(/^h:[0-9a-f]{64}$/);
    expect(itemKey(base)).toBe(itemKey({ ...base, text: 'edited body' }));
    expect(itemKey(base)).not.toBe(itemKey({ ...base, title: 'Other' }));
  });

  it('GIVEN a very long guid WHEN keyed THEN the key is a hash, still distinct from a link of the same text', () => {
    const long = 'x'.repeat(5_000);
    expect(itemKey({ ...base, guid: long }).length).toBeLessThan(80);
    expect(itemKey({ ...base, guid: long })).not.toBe(itemKey({ ...base, link: long }));
  });

  it('GIVEN the same item and channel WHEN keyed twice THEN the alert key is stable; other channels differ', () => {
    expect(alertKey(1, 'g:a', 'console:x')).toBe(alertKey(1, 'g:a', 'console:x'));
    expect(alertKey(1, 'g:a', 'console:x')).not.toBe(alertKey(1, 'g:a', 'console:y'));
    expect(alertKey(1, 'g:a', 'console:x')).not.toBe(alertKey(2, 'g:a', 'console:x'));
  });
});

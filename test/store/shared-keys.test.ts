import { describe, expect, it } from 'vitest';
import { createSharedKeyRanker } from '../../src/store/shared-keys.ts';

/** The obvious ranking: count every id, most keys first, ties to the smaller id. */
function naive(lists: number[][], limit: number): number[] {
  const counts = new Map<number, number>();
  for (const ids of lists) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, Math.max(0, limit))
    .map(([id]) => id);
}

describe('shared key ranking', () => {
  it('GIVEN postings of several keys WHEN ranked THEN most keys shared come first, ties to the oldest id', () => {
    const ranker = createSharedKeyRanker();
    expect(
      ranker.rank(
        [
          [9, 5, 1],
          [5, 3],
          [5, 1],
        ],
        10,
      ),
    ).toEqual([5, 1, 3, 9]);
    expect(
      ranker.rank(
        [
          [9, 5, 1],
          [5, 3],
          [5, 1],
        ],
        2,
      ),
    ).toEqual([5, 1]);
  });

  it('GIVEN no postings or no room WHEN ranked THEN nothing comes back', () => {
    const ranker = createSharedKeyRanker();
    expect(ranker.rank([], 5)).toEqual([]);
    expect(ranker.rank([[], []], 5)).toEqual([]);
    expect(ranker.rank([[1, 2]], 0)).toEqual([]);
  });

  it('GIVEN many random lookups on one ranker WHEN ranked THEN each answers as a fresh count does', () => {
    const ranker = createSharedKeyRanker();
    let x = 7;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    for (let call = 0; call < 300; call++) {
      const maxId = 1 + Math.floor(random() * (call < 150 ? 50 : 5000));
      const lists = Array.from({ length: Math.floor(random() * 12) }, () =>
        [...new Set(Array.from({ length: Math.floor(random() * 300) }, () => 1 + Math.floor(random() * maxId)))].sort(
          (a, b) => b - a,
        ),
      );
      const limit = Math.floor(random() * 30);
      expect(ranker.rank(lists, limit)).toEqual(naive(lists, limit));
    }
  });
});

/**
 * Read-through caches for the claim store's hot path (candidate postings and parsed claims), so a long-running
 * process does not re-read and re-parse the same rows for every sentence.
 *
 * They are only trusted outside transactions, and only while nothing has written the database since they were
 * filled: another connection's commit moves PRAGMA data_version, any write on this connection (ours or another
 * module's, committed or later rolled back) moves total_changes(). Either change empties them.
 */
import type { Database } from './db.ts';

export class Lru<K, V> {
  readonly #max: number;
  readonly #map = new Map<K, V>();

  constructor(max: number) {
    this.#max = max;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as K);
  }

  clear(): void {
    this.#map.clear();
  }

  get size(): number {
    return this.#map.size;
  }
}

export interface ReadCache<C> {
  /** The caches when they can be trusted now, else undefined (inside a transaction). */
  current(): { claims: Lru<number, C>; postings: Lru<string, number[]> } | undefined;
}

export function createReadCache<C>(db: Database, sizes: { claims: number; postings: number }): ReadCache<C> {
  const version = db
    .prepare<[], [number, number]>('SELECT (SELECT data_version FROM pragma_data_version()), total_changes()')
    .raw();
  const caches = { claims: new Lru<number, C>(sizes.claims), postings: new Lru<string, number[]>(sizes.postings) };
  let seen = '';
  return {
    current() {
      if (db.inTransaction) return undefined;
      const [dataVersion, changes] = version.get() as [number, number];
      const now = `${dataVersion}:${changes}`;
      if (now !== seen) {
        caches.claims.clear();
        caches.postings.clear();
        seen = now;
      }
      return caches;
    },
  };
}

/**
 * Read-through caches for the claim store's hot path (candidate postings and parsed claims), so a long-running
 * process does not re-read and re-parse the same rows for every sentence, inside transactions as well as outside.
 *
 * The store keeps them up to date for its own writes (a new claim adds its id to the postings of its keys, new
 * evidence extends one claim). Everything else empties them:
 * - another connection's commit moves PRAGMA data_version;
 * - any other write to the cached tables on this connection (another store, raw SQL, a rebuild) fires TEMP triggers
 *   that stamp a fresh random number into a TEMP table;
 * - a rollback (of a transaction or savepoint) puts back the stamp from before the rolled-back writes, because TEMP
 *   tables are transactional too.
 * The store records the stamp after each write it has mirrored, so any stamp it did not see means "reload".
 */
import type { Database } from './db.ts';

/**
 * A least-recently-used cache in two generations (the newest `max` entries used, and the `max` before them): a hit in
 * the newer one changes nothing. A Map kept in exact LRU order (delete + set on every hit) rebuilds its hash table
 * every few thousand hits, and those tables lived long enough to be promoted: most of the old-generation garbage of a
 * busy poll came from them.
 */
export class Lru<K, V> {
  readonly #max: number;
  #recent = new Map<K, V>();
  #older = new Map<K, V>();

  constructor(max: number) {
    this.#max = Math.max(1, max);
  }

  get(key: K): V | undefined {
    const value = this.#recent.get(key);
    if (value !== undefined) return value;
    const old = this.#older.get(key);
    if (old !== undefined) {
      this.#older.delete(key);
      this.#keep(key, old);
    }
    return old;
  }

  /** Reads without making the entry recently used (for updates that should not keep it alive). */
  peek(key: K): V | undefined {
    return this.#recent.get(key) ?? this.#older.get(key);
  }

  set(key: K, value: V): void {
    if (this.#recent.has(key)) {
      this.#recent.set(key, value);
      return;
    }
    this.#older.delete(key);
    this.#keep(key, value);
  }

  clear(): void {
    this.#recent = new Map();
    this.#older = new Map();
  }

  get size(): number {
    return this.#recent.size + this.#older.size;
  }

  #keep(key: K, value: V): void {
    this.#recent.set(key, value);
    if (this.#recent.size >= this.#max) {
      // The older generation, not used since the last turn, goes; what was recent becomes older.
      this.#older = this.#recent;
      this.#recent = new Map();
    }
  }
}

export interface ClaimCaches<C> {
  claims: Lru<number, C>;
  /** Postings per key, newest claim first, as the store reads them. */
  postings: Lru<string, number[]>;
}

export interface ReadCache<C> {
  /** The caches, emptied first when the database changed in a way the store did not mirror; undefined when off. */
  current(): ClaimCaches<C> | undefined;
  /** The store wrote the cached tables and brought the caches up to date: its own stamp is not a foreign change. */
  mirrored(): void;
  /**
   * Runs `fn` with one check that the database is unchanged for every lookup inside it (about 3 µs saved per lookup
   * after the first). For synchronous work that writes only through this store and does not carry on after a
   * rolled-back write: judging and learning one document.
   */
  batch<T>(fn: () => T): T;
}

/** Tables the caches hold rows of; the FTS index and relations are never cached. */
const WATCHED_TABLES = ['claims', 'evidence', 'claim_keys'];

const disabled: ReadCache<never> = { current: () => undefined, mirrored: () => {}, batch: (fn) => fn() };

export function createReadCache<C>(db: Database, sizes: { claims: number; postings: number }): ReadCache<C> {
  // TEMP objects made inside a transaction vanish if it rolls back: a store made there (a rebuild) reads uncached.
  if (db.inTransaction) return disabled;
  installStamp(db);
  // two plain statements cost less than one that reads the pragma as a table-valued function (~3 µs against ~5)
  const versionOf = db.prepare<[], number>('PRAGMA data_version').pluck();
  const ownStampOf = db.prepare<[], number>('SELECT n FROM temp.claimwatch_cache_stamp').pluck();
  const stampOf = { get: (): [number, number] => [versionOf.get() as number, ownStampOf.get() as number] };
  const caches: ClaimCaches<C> = { claims: new Lru(sizes.claims), postings: new Lru(sizes.postings) };
  let seenVersion = Number.NaN;
  let seenStamp = Number.NaN;
  // inside batch(): checked already, and only this store has written since
  let held = false;
  return {
    current() {
      if (held) return caches;
      const [version, stamp] = stampOf.get() as [number, number];
      if (version !== seenVersion || stamp !== seenStamp) {
        caches.claims.clear();
        caches.postings.clear();
        seenVersion = version;
        seenStamp = stamp;
      }
      return caches;
    },
    mirrored() {
      const [version, stamp] = stampOf.get() as [number, number];
      seenVersion = version;
      seenStamp = stamp;
    },
    batch(fn) {
      if (held) return fn();
      this.current();
      held = true;
      try {
        return fn();
      } finally {
        // the next lookup checks again: a write rolled back inside fn shows there as a stamp not seen
        held = false;
      }
    },
  };
}

/** The stamp table and one trigger per table and kind of write; shared by every store on the connection. */
function installStamp(db: Database): void {
  const triggers = WATCHED_TABLES.flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (op) =>
        `CREATE TEMP TRIGGER IF NOT EXISTS claimwatch_cache_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table}
         BEGIN UPDATE temp.claimwatch_cache_stamp SET n = random(); END;`,
    ),
  );
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS claimwatch_cache_stamp (n INTEGER NOT NULL);
    INSERT INTO temp.claimwatch_cache_stamp (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.claimwatch_cache_stamp);
    ${triggers.join('\n')}
  `);
}

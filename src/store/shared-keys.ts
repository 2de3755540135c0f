/**
 * Ranks claims by how many of a sentence's keys they are filed under. A sentence's keys can name thousands of claims
 * (a common key holds hundreds of postings), and this runs for every sentence judged, so it counts in typed arrays
 * reused from one call to the next instead of building a Map and buckets per call: it allocates only its answer.
 */
export interface SharedKeyRanker {
  /** The `limit` ids appearing in the most lists, ties to the smallest (oldest) id. */
  rank(lists: ReadonlyArray<readonly number[]>, limit: number): number[];
}

export function createSharedKeyRanker(): SharedKeyRanker {
  let counts = new Uint16Array(1024); // by claim id; all zero between calls
  let touched = new Int32Array(1024); // ids counted in this call
  let ties = new Int32Array(1024);
  let histogram = new Int32Array(64); // how many ids have each count

  return {
    rank(lists, limit) {
      if (limit <= 0 || lists.length === 0) return [];
      let postings = 0;
      let maxId = 0;
      for (const ids of lists) {
        postings += ids.length;
        for (const id of ids) if (id > maxId) maxId = id;
      }
      if (maxId >= counts.length) counts = new Uint16Array(capacity(counts.length, maxId + 1));
      if (postings > touched.length) touched = new Int32Array(capacity(touched.length, postings));
      if (lists.length >= histogram.length) histogram = new Int32Array(lists.length + 1);
      let n = 0;
      for (const ids of lists) {
        for (const id of ids) {
          const c = counts[id] as number;
          if (c === 0) touched[n++] = id;
          counts[id] = c + 1;
        }
      }
      try {
        return select(n, limit);
      } finally {
        for (let i = 0; i < n; i++) counts[touched[i] as number] = 0;
      }
    },
  };

  function select(n: number, limit: number): number[] {
    histogram.fill(0);
    let top = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[touched[i] as number] as number;
      histogram[c] = (histogram[c] as number) + 1;
      if (c > top) top = c;
    }
    // The lowest count still needed: every id above it is taken, ids at it fill what is left, smallest first.
    let cut = top;
    let above = 0;
    while (cut > 1 && above + (histogram[cut] as number) < limit) above += histogram[cut--] as number;
    const better: number[] = [];
    let tied = 0;
    if (n > ties.length) ties = new Int32Array(capacity(ties.length, n));
    for (let i = 0; i < n; i++) {
      const id = touched[i] as number;
      const c = counts[id] as number;
      if (c > cut) better.push(id);
      else if (c === cut) ties[tied++] = id;
    }
    better.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
    const atCut = ties.subarray(0, tied).sort();
    for (let i = 0; i < atCut.length && better.length < limit; i++) better.push(atCut[i] as number);
    return better;
  }
}

/** Doubles `size` until it holds `atLeast`. */
function capacity(size: number, atLeast: number): number {
  let n = size;
  while (n < atLeast) n *= 2;
  return n;
}

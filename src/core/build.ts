/**
 * Builds the known claims from the seed documents. Seeds are read in name order and each sentence is judged against
 * what the earlier sentences taught, so the same claim told by several seeds becomes one claim with several pieces of
 * evidence, and seeds that disagree leave contradicts relations behind: the conflicts `build` reports.
 */
import { judgeSentenceByRules } from './claims/index.ts';
import { judgeAndLearn } from './learn.ts';
import { parseSeed } from './seeds/index.ts';
import type { ClaimStore } from './store-ports.ts';

export interface SeedDocument {
  /** File name, e.g. `000_fbbbb50a1d4c2436.txt`; it is the source of every claim the seed gives. */
  name: string;
  text: string;
}

export interface SeedConflict {
  a: { source: string; quote: string };
  b: { source: string; quote: string };
  reason: string;
}

export interface BuildResult {
  claims: number;
  evidence: number;
  conflicts: SeedConflict[];
  /** What the bot had learned before the rebuild (feeds, `check --learn`), kept and judged again against the seeds. */
  kept?: { sentences: number; claims: number; evidence: number };
}

/** How far a build has got: `done` of `total` seeds learned, `claims` in the store; reported before each seed and at the end. */
export interface BuildProgress {
  done: number;
  total: number;
  claims: number;
}

/** Learns every seed into `store` (which the caller has emptied, inside one transaction). */
export function buildKnownClaims(
  seeds: readonly SeedDocument[],
  store: ClaimStore,
  onProgress?: (p: BuildProgress) => void,
): BuildResult {
  const ordered = [...seeds].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const [i, seed] of ordered.entries()) {
    if (onProgress) onProgress({ done: i, total: ordered.length, claims: i === 0 ? 0 : store.counts().claims });
    const { text, published } = parseSeed(seed.text);
    judgeAndLearn(
      store,
      { text, ...(published ? { published } : {}) },
      { source: seed.name, published },
      judgeSentenceByRules,
    );
  }
  const counts = store.counts();
  onProgress?.({ done: ordered.length, total: ordered.length, claims: counts.claims });
  return {
    claims: counts.claims,
    evidence: counts.evidence,
    conflicts: store.conflicts().map(({ a, b, reason }) => ({
      a: { source: a.source, quote: a.quote },
      b: { source: b.source, quote: b.quote },
      reason,
    })),
  };
}

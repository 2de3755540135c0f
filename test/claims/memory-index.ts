/**
 * A tiny in-memory ClaimIndex for tests and tuning: postings by key, candidates ranked by keys shared. Builds the seed
 * index the way `claimwatch build` does (new → claim, known → evidence, contradicts → claim + relation).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, judgeSentenceByRules as judgeSentence } from '../../src/core/claims/index.ts';
import type {
  AnalyzedSentence,
  ClaimIndex,
  Evidence,
  KnownClaim,
  SentenceJudgement,
} from '../../src/core/claims/types.ts';

export interface MemoryIndex extends ClaimIndex {
  add(s: AnalyzedSentence, ev: Evidence): KnownClaim;
  addEvidence(id: number, ev: Evidence): void;
  claims: KnownClaim[];
  conflicts: Array<{ from: number; to: number; reason: string }>;
}

export function createMemoryIndex(maxPostings = 1000): MemoryIndex {
  const postings = new Map<string, number[]>();
  const claims: KnownClaim[] = [];
  const conflicts: MemoryIndex['conflicts'] = [];
  return {
    claims,
    conflicts,
    add(s, ev) {
      const claim: KnownClaim = { id: claims.length + 1, text: s.text, frame: s.frame, terms: s.terms, evidence: [ev] };
      claims.push(claim);
      for (const k of s.keys) {
        const list = postings.get(k) ?? [];
        if (list.length < maxPostings) list.push(claim.id);
        postings.set(k, list);
      }
      return claim;
    },
    addEvidence(id, ev) {
      const c = claims[id - 1];
      if (c && !c.evidence.some((e) => e.source === ev.source && e.quote === ev.quote)) c.evidence.push(ev);
    },
    candidates(keys, limit) {
      const counts = new Map<number, number>();
      for (const k of keys) for (const id of postings.get(k) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([id]) => claims[id - 1] as KnownClaim);
    },
  };
}

export interface SeedBuild {
  index: MemoryIndex;
  judgements: Array<{ source: string; j: SentenceJudgement }>;
}

/** Reads seeds sorted by name; a first line `date YYYY-MM-DD` dates the file. */
export function buildSeedIndex(dir: string): SeedBuild {
  const index = createMemoryIndex();
  const judgements: SeedBuild['judgements'] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const date = /^\s*date\s+(\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? null;
    for (const s of analyzeDocument({ text, ...(date ? { published: date } : {}) })) {
      if (!s.onTopic) continue;
      const j = judgeSentence(s, index);
      judgements.push({ source: file, j });
      const ev: Evidence = { source: file, quote: s.text, published: date, speaker: s.frame.attribution };
      if (j.verdict === 'known' && j.matches[0]) index.addEvidence(j.matches[0].claim.id, ev);
      else {
        const c = index.add(s, ev);
        if (j.verdict === 'contradicts')
          for (const m of j.matches) index.conflicts.push({ from: c.id, to: m.claim.id, reason: j.reason });
      }
    }
  }
  return { index, judgements };
}

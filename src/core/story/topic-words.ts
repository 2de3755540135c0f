/**
 * The story's own words, read from the seeds: content words most seed documents use ("wildfire", "drone", "troops"),
 * names left out (a word the seeds mostly capitalise is a name, and names are the story's actors and places). With
 * the story's places or actors they put a sentence in the story, as war words do in a war.
 */
import type { SeedDocument } from '../build.ts';
import { createSegmenter } from '../claims/segment.ts';
import { wordInfo } from '../claims/words.ts';
import { parseSeed } from '../seeds/index.ts';

/** Share of the seed documents a word must appear in (at least two documents). */
const DOCUMENT_SHARE = 0.6;

export function deriveTopicWords(seeds: readonly SeedDocument[]): string[] {
  const segmenter = createSegmenter();
  const docs = new Map<string, number>();
  const uses = new Map<string, { count: number; capitalised: number }>();
  for (const seed of seeds) {
    const seen = new Set<string>();
    for (const span of segmenter.segment(parseSeed(seed.text).text)) {
      span.tokens.forEach((token, k) => {
        const term = wordInfo(token).term;
        if (!term) return;
        seen.add(term);
        // a capital at a sentence's start says nothing
        if (k === 0) return;
        const u = uses.get(term) ?? { count: 0, capitalised: 0 };
        u.count += 1;
        if (span.caps[k]) u.capitalised += 1;
        uses.set(term, u);
      });
    }
    for (const t of seen) docs.set(t, (docs.get(t) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(seeds.length * DOCUMENT_SHARE));
  return [...docs]
    .filter(([term, n]) => {
      const u = uses.get(term);
      return n >= need && u !== undefined && u.capitalised * 2 < u.count;
    })
    .map(([term]) => term.slice(2))
    .sort();
}

/**
 * The story's own words, read from the seeds: content words most seed documents use ("wildfire", "drone", "troops"),
 * names left out (a word the seeds mostly capitalise is a name, and names are the story's actors and places). With
 * the story's places or actors they put a sentence in the story, as war words do in a war.
 */
import type { SeedDocument } from '../build.ts';
import { bagOfWords } from '../claims/learned/words-bag.ts';
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

/** Seed sentences shorter than this (in word keys) say too little to measure how much the other seeds share. */
const SHARE_MIN_WORDS = 4;

/**
 * The seeds' words, and how much of a seed sentence's words the other seed documents use (the mean over the seed
 * sentences): the yardstick for a new sentence's share of the seeds' words, since five long seeds share more of any
 * sentence's words than five short ones.
 */
export function deriveSeedVocabulary(seeds: readonly SeedDocument[]): { words: string[]; share: number } {
  const segmenter = createSegmenter();
  const docs = seeds.map((seed) => {
    const text = parseSeed(seed.text).text;
    return { bag: bagOfWords(text), sentences: segmenter.segment(text).map((s) => text.slice(s.start, s.end)) };
  });
  const uses = new Map<string, number>();
  for (const d of docs) for (const w of d.bag) uses.set(w, (uses.get(w) ?? 0) + 1);
  let sum = 0;
  let count = 0;
  for (const d of docs)
    for (const sentence of d.sentences) {
      const bag = [...bagOfWords(sentence)];
      if (bag.length < SHARE_MIN_WORDS) continue;
      // used by another seed: by more documents than this one
      sum += bag.filter((w) => (uses.get(w) ?? 0) > 1).length / bag.length;
      count += 1;
    }
  return { words: [...uses.keys()].sort(), share: count > 0 ? sum / count : 0 };
}

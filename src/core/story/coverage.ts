/**
 * Which of the story's names the seeds use, and where: for `claimwatch story`, so a desk sees what the engine will
 * recognise and which entries of its story file no seed ever names.
 */
import type { SeedDocument } from '../build.ts';
import { createPhraseMatcher } from '../claims/matcher.ts';
import { createSegmenter } from '../claims/segment.ts';
import { parseSeed } from '../seeds/index.ts';
import type { Story } from './story.ts';

export type EntryKind = 'actor' | 'place' | 'source';

export interface EntryCoverage {
  kind: EntryKind;
  id: string;
  /** The label (sources) or name (actors) the engine shows, else the id. */
  label: string;
  phrases: number;
  /** Seed sentences that name it. */
  sentences: number;
  /** The first of them: its seed file and its text. */
  first: { seed: string; sentence: string } | null;
  /** For places, what contains it; for sources, the side it speaks for. */
  detail: string | null;
}

export function storyCoverage(story: Story, seeds: readonly SeedDocument[]): EntryCoverage[] {
  const entries = new Map<string, EntryCoverage>();
  const add = (kind: EntryKind, id: string, label: string, phrases: number, detail: string | null) =>
    entries.set(`${kind}:${id}`, { kind, id, label, phrases, sentences: 0, first: null, detail });
  for (const [id, a] of Object.entries(story.data.actors))
    add('actor', id, story.actorName(id), a.phrases.length, id === story.subject ? 'the subject' : null);
  for (const [id, p] of Object.entries(story.data.places))
    add('place', id, id, p.phrases.length, p.parent ? `in ${p.parent}` : 'a country');
  for (const [id, s] of Object.entries(story.data.sources))
    add('source', id, s.label, s.phrases.length, `speaks for ${s.side}`);

  const match = createPhraseMatcher(story);
  const segmenter = createSegmenter();
  for (const seed of seeds) {
    const { text } = parseSeed(seed.text);
    for (const span of segmenter.segment(text)) {
      const named = new Set<string>();
      for (const hit of match(span.tokens)) {
        for (const tag of hit.tags) {
          if (tag.kind === 'actor' || tag.kind === 'place' || tag.kind === 'source') named.add(`${tag.kind}:${tag.id}`);
        }
      }
      for (const key of named) {
        const e = entries.get(key);
        if (!e) continue;
        e.sentences += 1;
        e.first ??= { seed: seed.name, sentence: text.slice(span.start, span.end).trim() };
      }
    }
  }
  return [...entries.values()];
}

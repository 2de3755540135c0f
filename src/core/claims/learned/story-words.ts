/**
 * The words the sentence model weighs, with the story's own names replaced by their role: "North Korea" and "Iran"
 * become `w:@subject` in their stories, "Russia" `w:@theatre`, a story's place `w:@place`. Weights learned on one
 * story's names would otherwise mean nothing on the next story, or worse: in this story "Iran" is other news, while
 * in a story of Iran's drones it is the subject. Words that are no name of the story stay as they are.
 */
import { activeStory, storyVersion } from '../../story/active-story.ts';
import type { AnalyzedSentence } from '../types.ts';
import { bagOfWords } from './words-bag.ts';

/** The active story's name keys, and per word whether it names the story (kept: words recur). */
let namesOf: { version: number; keys: Set<string>; named: Map<string, boolean> } | undefined;
const NAMED_MAX = 50_000;

/**
 * The word keys of every phrase naming one of the story's actors, places or sources, and of the phrases its file adds
 * to the engine's themes ("KN-23"): the story's own, learned on one story and meaningless on the next.
 */
function names(): NonNullable<typeof namesOf> {
  const version = storyVersion();
  if (namesOf?.version === version) return namesOf;
  const story = activeStory();
  const keys = new Set<string>();
  for (const table of [story.actorPhrases, story.placePhrases, story.sourcePhrases, story.themePhrases])
    for (const list of Object.values(table))
      for (const p of list) {
        for (const k of bagOfWords(p)) keys.add(k);
        // written as one word too ("kn-23", "north-korean")
        for (const k of bagOfWords(p.replaceAll(' ', '-'))) keys.add(k);
      }
  namesOf = { version, keys, named: new Map() };
  return namesOf;
}

/** A name of the story, or a hyphenated word made with one ("russia-ukraine"): its role stands for it. */
function isName(w: string): boolean {
  const n = names();
  let named = n.named.get(w);
  if (named === undefined) {
    named =
      n.keys.has(w) ||
      (w.includes('-') &&
        w
          .slice(2)
          .split('-')
          .some((part) => [...bagOfWords(part)].some((k) => n.keys.has(k))));
    if (n.named.size < NAMED_MAX) n.named.set(w, named);
  }
  return named;
}

/** `words` (bagOfWords of the sentence) with the story's names as roles, read from the sentence's terms. */
export function roleWords(s: AnalyzedSentence, words: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) if (!isName(w)) out.add(w);
  const story = activeStory();
  for (const t of s.terms) {
    const colon = t.indexOf(':');
    const kind = t.slice(0, colon);
    const id = t.slice(colon + 1);
    if (kind === 'x') {
      out.add(id === story.subject ? 'w:@subject' : story.theatre.has(id) ? 'w:@theatre' : 'w:@actor');
    } else if (kind === 'p') {
      if (!story.countries.has(id)) out.add('w:@place');
    } else if (kind === 's') out.add('w:@source');
  }
  return out;
}

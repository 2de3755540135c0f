/**
 * A story read from the seeds alone, for a seeds folder without a story file: the names the seeds use more than once
 * (capitalised runs of words), each an actor, a place or a source by how the seeds use it (after "in", "near" … a
 * place; before "said" or after "according to" a source; else an actor), demonyms folded into their country ("Iranian"
 * into "Iran"), the actor named most as the story's subject and the next ones as its theatre. Crude by design: a story
 * file states what this cannot see, and `claimwatch story` shows what it found.
 */
import type { SeedDocument } from '../build.ts';
import { createSegmenter } from '../claims/segment.ts';
import { parseSeed } from '../seeds/index.ts';
import { compileStory, type Story, type StoryData, storySchema } from './story.ts';

/** Words that start a sentence or a capitalised run without naming anything. */
const NOT_NAMES = new Set(
  (
    'the a an and or but if in on at by for from with as of to into this that these those it its he she they we you i ' +
    'his her their our my your there here when while after before since during then than so not no yes one two three ' +
    'some many most more other such all each both which who what where why how however also meanwhile last first new ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december mr mrs ms dr said says according read more photo image video'
  ).split(' '),
);
const LOCATIVE = new Set(['in', 'near', 'at', 'into', 'from', 'across', 'outside', 'around', 'inside', 'to', 'on']);
const SPEECH = new Set(['said', 'says', 'told', 'announced', 'stated', 'reported', 'claimed', 'warned', 'added']);
const DEMONYM_ENDINGS = ['ians', 'ian', 'ans', 'an', 'ns', 'n', 'ese', 'is', 'i', 'ish'];
/** A name must recur: in this many seed sentences at least. */
const MIN_SENTENCES = 2;

interface Name {
  phrase: string;
  sentences: number;
  /** Sentences where it is capitalised away from the sentence's start: a name, not a capitalised first word. */
  inner: number;
  locative: number;
  speech: number;
}

function collectNames(seeds: readonly SeedDocument[]): Map<string, Name> {
  const segmenter = createSegmenter();
  const names = new Map<string, Name>();
  for (const seed of seeds) {
    const { text } = parseSeed(seed.text);
    for (const span of segmenter.segment(text)) {
      const { tokens, caps } = span;
      const seen = new Set<string>();
      let k = 0;
      while (k < tokens.length) {
        if (!caps[k] || !/^[a-z][a-z.]*$/.test(tokens[k] ?? '') || NOT_NAMES.has(tokens[k] ?? '')) {
          k += 1;
          continue;
        }
        let end = k + 1;
        while (end < tokens.length && end - k < 4 && caps[end] && /^[a-z][a-z.]*$/.test(tokens[end] ?? '')) end += 1;
        const phrase = tokens.slice(k, end).join(' ');
        const n = names.get(phrase) ?? { phrase, sentences: 0, inner: 0, locative: 0, speech: 0 };
        if (!seen.has(phrase)) {
          seen.add(phrase);
          n.sentences += 1;
          if (k > 0 && /^[a-z]/.test(tokens[k - 1] ?? '')) n.inner += 1;
          if (LOCATIVE.has(tokens[k - 1] ?? '') || (tokens[k - 2] === 'the' && tokens[k - 1] === 'island'))
            n.locative += 1;
          if (SPEECH.has(tokens[end] ?? '') || (tokens[k - 2] === 'according' && tokens[k - 1] === 'to')) n.speech += 1;
        }
        names.set(phrase, n);
        k = end;
      }
    }
  }
  return names;
}

/** The country a demonym names, among the names found ("iranian" → "iran", "north korean" → "north korea"). */
function countryOf(phrase: string, names: ReadonlySet<string>): string | null {
  const at = phrase.lastIndexOf(' ') + 1;
  const head = phrase.slice(0, at);
  const word = phrase.slice(at);
  for (const end of DEMONYM_ENDINGS) {
    if (!word.endsWith(end) || word.length - end.length < 3) continue;
    const root = word.slice(0, -end.length);
    for (const c of [root, `${root}a`, `${root}e`, `${root}ia`]) {
      const country = head + c;
      if (country !== phrase && names.has(country)) return country;
    }
  }
  return null;
}

const idOf = (phrase: string) => phrase.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export function deriveStoryData(seeds: readonly SeedDocument[]): StoryData {
  const found = [...collectNames(seeds).values()]
    .filter((n) => n.sentences >= MIN_SENTENCES && n.inner > 0)
    .sort((a, b) => b.sentences - a.sentences || a.phrase.localeCompare(b.phrase));
  const all = new Set(found.map((n) => n.phrase));
  const actors = new Map<string, { phrases: string[]; sentences: number }>();
  const places: StoryData['places'] = {};
  const sources: StoryData['sources'] = {};
  // demonyms first fold into their country, which becomes an actor (and a place: "in Iran")
  const folded = new Set<string>();
  for (const n of found) {
    const country = countryOf(n.phrase, all);
    if (!country) continue;
    const a = actors.get(country) ?? { phrases: [country], sentences: 0 };
    a.phrases.push(n.phrase);
    a.sentences += n.sentences;
    actors.set(country, a);
    folded.add(n.phrase);
  }
  for (const n of found) {
    if (folded.has(n.phrase)) continue;
    const a = actors.get(n.phrase);
    if (a) {
      a.sentences += n.sentences;
      continue;
    }
    const id = idOf(n.phrase);
    if (!id) continue;
    if (n.speech * 3 >= n.sentences) {
      // a source speaks for the country its name carries ("Ukrainian Air Force"), else for itself
      const side = n.phrase
        .split(' ')
        .map((w) => countryOf(w, all) ?? (actors.has(w) ? w : null))
        .find(Boolean);
      sources[id] = { label: n.phrase, side: side ?? id, rank: 2, theatre: false, phrases: [n.phrase] };
    } else if (n.locative * 2 >= n.sentences) places[id] = { parent: 'world', phrases: [n.phrase] };
    else actors.set(n.phrase, { phrases: [n.phrase], sentences: n.sentences });
  }
  const ranked = [...actors.entries()].sort((a, b) => b[1].sentences - a[1].sentences || a[0].localeCompare(b[0]));
  const subject = ranked[0];
  const data = {
    topic: subject ? `the story of the seeds (${subject[0]})` : 'the story of the seeds',
    subject: subject ? idOf(subject[0]) : 'subject',
    theatre: ranked
      .slice(1, 4)
      .filter(([, a]) => subject && a.sentences * 5 >= subject[1].sentences * 2)
      .map(([p]) => idOf(p)),
    actors: Object.fromEntries(
      ranked.length > 0 ? ranked.map(([p, a]) => [idOf(p), { phrases: a.phrases }]) : [['subject', {}]],
    ),
    places: {
      world: { parent: null, phrases: [] },
      // a country is a place too ("in Iran"), under no other
      ...Object.fromEntries(ranked.filter(([, a]) => a.phrases.length > 1).map(([p]) => [idOf(p), { parent: null }])),
      ...places,
    },
    sources,
  };
  return storySchema.parse(data);
}

export function deriveStory(seeds: readonly SeedDocument[]): Story {
  return compileStory(deriveStoryData(seeds));
}

/**
 * The words of a sentence as the learned sentence model sees them: lower case, crudely stemmed, function words
 * dropped. Which words count is learned: training keeps those used in enough labelled sentences (the model's
 * `w:` features), so the vocabulary is data in model.json, not a list in code.
 */
import { stem } from '../words.ts';

/** English function words: they tell nothing about what a sentence claims. */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for from with as is are was were be been being has have had do does did ' +
    'this that these those it its he she they them their his her we our you your i not no so than then there here ' +
    'which who whom whose what when where why how all any some such also into over after before about against between ' +
    'during under more most other only own same very can will would could should may might must said says say'
  ).split(' '),
);

/** A word's feature key (`w:` + stem), or null for a function word or one under three letters; kept per word. */
const keys = new Map<string, string | null>();
const KEYS_MAX = 50_000;

function keyOf(raw: string): string | null {
  let k = keys.get(raw);
  if (k !== undefined) return k;
  const w = raw.endsWith("'s") || raw.endsWith('’s') ? raw.slice(0, -2) : raw;
  k = w.length < 3 || FUNCTION_WORDS.has(w) ? null : `w:${stem(w)}`;
  if (keys.size < KEYS_MAX) keys.set(raw, k);
  return k;
}

/**
 * Text of ASCII letters (most English news, typographic quotes and dashes allowed) is split by a cheaper pattern;
 * on such text the Unicode one gives the same words.
 */
const NOT_ASCII = /[^\s\x20-\x7e\u2018\u2019\u201c\u201d\u2013\u2014]/;
const WORDS_ASCII = /[a-z][a-z0-9'’-]*/g;
const WORDS_UNICODE = /[\p{L}][\p{L}\p{N}'’-]*/gu;

export function bagOfWords(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  const words = lower.match(NOT_ASCII.test(lower) ? WORDS_UNICODE : WORDS_ASCII) ?? [];
  for (const raw of words) {
    const k = keyOf(raw);
    if (k) out.add(k);
  }
  return out;
}

/** Words used in at least `minRows` of the labelled rows' bags, sorted: the vocabulary training keeps. */
export function vocabulary(bags: readonly ReadonlySet<string>[], minRows: number): string[] {
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df.entries()]
    .filter(([, n]) => n >= minRows)
    .map(([w]) => w)
    .sort();
}

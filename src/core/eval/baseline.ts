/**
 * The keyword baseline: what a feed bot with a keyword filter does. A sentence is on topic when it names one of the
 * story's keywords; it is `known` when it shares at least `minShared` content words with a known claim's sentence
 * (and then points at that claim, as the engine's matches do: all its evidence), else `new`. It never says `contradicts`: words cannot tell "12,000" from
 * "several thousand" or an assertion from a denial. It reads the same known claims as the engine.
 */
import { normalizeTypography } from '../claims/normalize.ts';
import type { KnownClaim } from '../claims/types.ts';
import type { Prediction } from './scoring.ts';

/**
 * The story's keywords as one would type them into a feed bot's filter: the names (capitalised words and runs of
 * them: countries, places, people, bodies) that at least two of the known claims' source documents use, or the one
 * document when there is only one. Read from the claims, so any story's seeds give their own keywords.
 */
export function topicKeywordsOf(claims: readonly KnownClaim[]): string[] {
  const docsOf = new Map<string, Set<string>>();
  const sources = new Set<string>();
  for (const c of claims)
    for (const e of c.evidence) {
      sources.add(e.source);
      for (const name of namesIn(e.quote)) {
        const docs = docsOf.get(name) ?? new Set<string>();
        docs.add(e.source);
        docsOf.set(name, docs);
      }
    }
  const least = Math.min(2, sources.size);
  return [...docsOf.entries()]
    .filter(([, docs]) => docs.size >= least)
    .map(([name]) => name)
    .sort();
}

/** Words that start a sentence or a date in capitals without naming anything. */
const NOT_NAMES = new Set(
  (
    'a an the this that these those it its he she they we i in on at by for from with as of and or but if when while ' +
    'after before since until during according however also meanwhile still yet some many most several one two three ' +
    'last next first his her their our there here what which who why how such both each every earlier later ' +
    'mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december now today yesterday tomorrow then thus so not no all'
  ).split(' '),
);

/** Runs of capitalised words (1–3), lower-cased, in a text; a lone sentence-opening word that names nothing is dropped. */
function namesIn(text: string): string[] {
  const out: string[] = [];
  // words and punctuation apart: a comma or full stop ends a run ("… hit Nairobi. The Red Cross …")
  const tokens =
    normalizeTypography(text)
      .replace(/'s\b/g, '')
      .match(/[\p{L}\p{N}-]+|[^\s\p{L}\p{N}-]/gu) ?? [];
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && NOT_NAMES.has((run[0] as string).toLowerCase())) run.shift();
    if (run.length > 0 && run.length <= 3) out.push(run.join(' ').toLowerCase());
    run = [];
  };
  for (const t of tokens) {
    if (/^\p{Lu}[\p{L}-]*$/u.test(t) && t.length > 1) run.push(t);
    else flush();
  }
  flush();
  return out;
}

export const DEFAULT_MIN_SHARED = 4;

const STOPWORDS = new Set(
  (
    'the and for that with from this have has had was were are been being its their there they them his her our ' +
    'but not who which what when where will would could can may might also than then into onto over under about ' +
    'after before said says told say according more most some such these those other any all one two per very ' +
    'just now yet already still only both each between while during against because since until upon within out'
  ).split(' '),
);

export interface KeywordBaselineOptions {
  topicKeywords?: readonly string[];
  minShared?: number;
}

interface Indexed {
  claim: KnownClaim;
  quote: string;
  words: Set<string>;
}

export function createKeywordBaseline(
  claims: readonly KnownClaim[],
  opts: KeywordBaselineOptions = {},
): (sentence: string) => Prediction {
  const minShared = opts.minShared ?? DEFAULT_MIN_SHARED;
  // a keyword matches the start of words ("north korea" in "north korean", "russia" in "russian")
  const topic = (opts.topicKeywords ?? topicKeywordsOf(claims)).map((k) => ` ${words(k).join(' ')}`);
  const known: Indexed[] = claims.flatMap((c) =>
    c.evidence.map((e) => ({ claim: c, quote: e.quote, words: new Set(contentWords(e.quote)) })),
  );
  return (sentence) => {
    const padded = ` ${words(sentence).join(' ')} `;
    const hit = topic.find((k) => padded.includes(k));
    if (!hit) return { verdict: 'offtopic', pointsAt: [], reason: 'no topic keyword' };
    const mine = new Set(contentWords(sentence));
    let best: Indexed | undefined;
    let bestShared = 0;
    for (const k of known) {
      let shared = 0;
      for (const w of mine) if (k.words.has(w)) shared += 1;
      if (shared > bestShared) {
        best = k;
        bestShared = shared;
      }
    }
    if (best && bestShared >= minShared) {
      return {
        verdict: 'known',
        pointsAt: best.claim.evidence.map((e) => ({ source: e.source, quote: e.quote })),
        reason: `shares ${bestShared} keywords with claim #${best.claim.id}: "${best.quote}"`,
      };
    }
    return {
      verdict: 'new',
      pointsAt: [],
      reason: `keyword "${hit.trim()}", at most ${bestShared} shared with a claim`,
    };
  };
}

function words(text: string): string[] {
  return normalizeTypography(text)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

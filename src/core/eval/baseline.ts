/**
 * The keyword baseline: what a feed bot with a keyword filter does. A sentence is on topic when it names one of the
 * story's keywords; it is `known` when it shares at least `minShared` content words with a known claim's sentence
 * (and then points at that claim, as the engine's matches do: all its evidence), else `new`. It never says `contradicts`: words cannot tell "12,000" from
 * "several thousand" or an assertion from a denial. It reads the same known claims as the engine.
 */
import { normalizeTypography } from '../claims/normalize.ts';
import type { KnownClaim } from '../claims/types.ts';
import type { Prediction } from './scoring.ts';

/** The story's keywords as one would type them into a feed bot's filter. */
export const DEFAULT_TOPIC_KEYWORDS: readonly string[] = [
  'north korea',
  'north korean',
  'north koreans',
  'pyongyang',
  'dprk',
  'kim jong un',
  'russia',
  'russian',
  'russians',
  'moscow',
  'kremlin',
  'putin',
  'ukraine',
  'ukrainian',
  'ukrainians',
  'kyiv',
  'kursk',
  'donetsk',
  'donbas',
];

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
  const topic = (opts.topicKeywords ?? DEFAULT_TOPIC_KEYWORDS).map((k) => ` ${words(k).join(' ')} `);
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

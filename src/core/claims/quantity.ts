/**
 * Figures as ranges, read from the engine's tokens: "12,000" → [12000, 12000]; "about X" → X ± 10%;
 * "nearly X" → [0.9X, X]; "more than / at least X" → [X, ∞); "up to X" → (0, X]; "several thousand" → [2000, 7999];
 * "thousands", "dozens", "hundreds" likewise; "half" → a share.
 */
import { activeStory } from '../story/active-story.ts';

export type QuantityUnit = 'count' | 'share' | 'per_year' | 'per_month' | 'capacity';

export interface ParsedQuantity {
  min: number;
  max: number;
  text: string;
  unit: QuantityUnit;
  /** Token span [start, end) of the figure and its qualifier. */
  start: number;
  end: number;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};
const MULTIPLIERS: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
  k: 1000,
  mln: 1e6,
  bn: 1e9,
};
/** Plural vague amounts: "thousands" of something. */
const VAGUE_PLURALS: Readonly<Record<string, [number, number]>> = {
  dozens: [24, 199],
  // "a handful of officers"
  handful: [2, 9],
  hundreds: [200, 999],
  thousands: [2000, 99_999],
  millions: [2e6, 999e6],
};
const SHARES: Readonly<Record<string, number>> = {
  half: 0.5,
  third: 1 / 3,
  quarter: 0.25,
  fifth: 0.2,
  tenth: 0.1,
  majority: 0.6,
  most: 0.7,
};
const SEVERAL = new Set(['several', 'few', 'some', 'multiple']);
const ABOUT = new Set([
  'about',
  'approximately',
  'around',
  'roughly',
  'some',
  'estimated',
  'approx',
  'circa',
  '~',
  'reportedly',
]);
const NEARLY = new Set(['nearly', 'almost']);
const NOT_A_COUNT_BEFORE = new Set([
  'article',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'oct.',
  'nov.',
  'dec.',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'no.',
  'number',
  'covid',
  'su',
  'mig',
  'f',
  'g7',
  'g20',
  'brigade',
]);
const NOT_A_COUNT_AFTER = new Set([
  'kilometers',
  'kilometres',
  'km',
  'miles',
  'mile',
  'meters',
  'metres',
  'days',
  'day',
  'weeks',
  'week',
  'months',
  'month',
  'years',
  'year',
  'hours',
  'hour',
  'minutes',
  'st',
  'nd',
  'rd',
  'th',
  'am',
  'pm',
  'mm',
  'degrees',
  'kg',
  'tons',
  'tonnes',
  'channel',
  'per',
]);

const A_MULTIPLE = new Set(['hundred', 'thousand', 'million']);
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

function isDigit(tok: string): boolean {
  const c = tok.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function numericValue(tok: string, next?: string): number | null {
  // "a thousand containers", "more than a hundred"
  if (tok === 'a' && next !== undefined && A_MULTIPLE.has(next)) return 1;
  if (isDigit(tok)) {
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(tok)) return Number(tok.replace(/,/g, ''));
    if (/^\d+(\.\d+)?$/.test(tok)) return Number(tok);
    return null;
  }
  return own(WORD_NUMBERS, tok) ?? null;
}

/** Words that can start a figure; anything else is skipped with one lookup. */
const FIGURE_WORDS = new Set<string>();

function isYear(tok: string, next: string | undefined): boolean {
  return (
    /^(19|20)\d\d$/.test(tok) && (next === undefined || !/^(troops|soldiers|men|shells|containers|workers)$/.test(next))
  );
}

/** Reads every figure in a token list. Years, dates, distances and model numbers are not figures. */
export function parseQuantities(tokens: readonly string[]): ParsedQuantity[] {
  const out: ParsedQuantity[] = [];
  let i = 0;
  if (FIGURE_WORDS.size === 0) {
    for (const table of [WORD_NUMBERS, VAGUE_PLURALS, SHARES]) for (const k of Object.keys(table)) FIGURE_WORDS.add(k);
    for (const k of SEVERAL) FIGURE_WORDS.add(k);
    FIGURE_WORDS.add('a');
  }
  while (i < tokens.length) {
    const tok = tokens[i] ?? '';
    if (!isDigit(tok) && !FIGURE_WORDS.has(tok)) {
      i += 1;
      continue;
    }
    const vague = own(VAGUE_PLURALS, tok);
    if (vague) {
      // "tens of thousands", "hundreds of thousands"
      let [min, max] = vague;
      let end = i + 1;
      const startTok = i;
      if ((tok === 'hundreds' || tok === 'dozens') && tokens[i + 1] === 'of' && tokens[i + 2] === 'thousands') {
        [min, max] = tok === 'hundreds' ? [200_000, 999_999] : [24_000, 199_999];
        end = i + 3;
      }
      if (tok === 'thousands' && tokens[i - 1] === 'of' && tokens[i - 2] === 'tens') [min, max] = [20_000, 99_999];
      out.push({ min, max, text: tokens.slice(startTok, end).join(' '), unit: 'count', start: startTok, end });
      i = end;
      continue;
    }
    let value = numericValue(tok, tokens[i + 1]);
    if (value === null || (tok === 'one' && !own(MULTIPLIERS, tokens[i + 1] ?? ''))) {
      // "half" / "a third" as shares of a whole.
      const share = own(SHARES, tok);
      if (share !== undefined && tokens[i + 1] === 'of') {
        const q = qualify(tokens, i, share, share);
        out.push({ ...q, text: tokens.slice(q.start, i + 1).join(' '), unit: 'share', end: i + 1 });
      } else if (
        SEVERAL.has(tok) &&
        (tokens[i + 1] === 'thousand' || tokens[i + 1] === 'hundred' || tokens[i + 1] === 'dozen')
      ) {
        const mult = tokens[i + 1] === 'thousand' ? 1000 : tokens[i + 1] === 'hundred' ? 100 : 12;
        out.push({
          min: 2 * mult,
          max: 8 * mult - 1,
          text: `${tok} ${tokens[i + 1]}`,
          unit: 'count',
          start: i,
          end: i + 2,
        });
        i += 2;
        continue;
      }
      i += 1;
      continue;
    }
    const prev = tokens[i - 1] ?? '';
    const next = tokens[i + 1];
    // "Group of Seven", "G7": names, not figures
    if (prev === 'of' && tokens[i - 2] === 'group') {
      i += 1;
      continue;
    }
    if (
      isYear(tok, next) ||
      NOT_A_COUNT_BEFORE.has(prev) ||
      activeStory().beforeNameNumbers.has(prev) ||
      (next !== undefined && NOT_A_COUNT_AFTER.has(next))
    ) {
      i += 1;
      continue;
    }
    let end = i + 1;
    // "100 000" written with a space; "three thousand"; "4.8 million"; "twenty six".
    while (end < tokens.length) {
      const t = tokens[end] ?? '';
      const mult = own(MULTIPLIERS, t);
      if (mult) {
        value *= mult;
        end += 1;
      } else if (/^\d{3}$/.test(t) && value >= 1 && value < 1000 && Number.isInteger(value)) {
        value = value * 1000 + Number(t);
        end += 1;
      } else if (value >= 20 && value < 100 && own(WORD_NUMBERS, t) !== undefined && (own(WORD_NUMBERS, t) ?? 0) < 10) {
        value += own(WORD_NUMBERS, t) ?? 0;
        end += 1;
      } else break;
    }
    if (tokens[end] === 'percent' || tokens[end] === '%' || (tokens[end] === 'per' && tokens[end + 1] === 'cent')) {
      const q = qualify(tokens, i, value / 100, value / 100);
      const stop = tokens[end] === 'per' ? end + 2 : end + 1;
      out.push({
        min: q.min,
        max: q.max,
        text: tokens.slice(q.start, stop).join(' '),
        unit: 'share',
        start: q.start,
        end: stop,
      });
      i = stop;
      continue;
    }
    if (NOT_A_COUNT_AFTER.has(tokens[end] ?? '')) {
      i = end;
      continue;
    }
    let q = qualify(tokens, i, value, value);
    // "10,000 to 12,000", "between 10,000 and 12,000", "10,000-12,000": a stated range
    const joiner = tokens[end] ?? '';
    const upper =
      joiner === 'to' || joiner === '-' || (joiner === 'and' && tokens[q.start - 1] === 'between')
        ? readPlain(tokens, end + 1)
        : null;
    if (upper && upper.value > value) {
      q = { min: value, max: upper.value, start: joiner === 'and' ? q.start - 1 : q.start };
      end = upper.end;
    }
    let unit: QuantityUnit = 'count';
    const after = tokens.slice(end, end + 8).join(' ');
    if (/\b(a|per|each|every) year\b|\bannually\b|\bayear\b/.test(after)) unit = 'per_year';
    else if (/\b(a|per|each|every) month\b|\bmonthly\b/.test(after)) unit = 'per_month';
    const before = tokens.slice(Math.max(0, q.start - 4), q.start).join(' ');
    if (/\b(holding|hold|capacity|carry|carrying|capable)\b/.test(before)) unit = 'capacity';
    out.push({ min: q.min, max: q.max, text: tokens.slice(q.start, end).join(' '), unit, start: q.start, end });
    i = end;
  }
  return out;
}

/** A bare figure at `at` ("12,000", "12 thousand"), for the upper end of a range. */
function readPlain(tokens: readonly string[], at: number): { value: number; end: number } | null {
  const tok = tokens[at] ?? '';
  if (!isDigit(tok)) return null;
  let value = numericValue(tok);
  if (value === null) return null;
  let end = at + 1;
  const mult = own(MULTIPLIERS, tokens[end] ?? '');
  if (mult) {
    value *= mult;
    end += 1;
  }
  return { value, end };
}

/** Shares stay fractions; counts are whole. */
function roundFigure(x: number): number {
  return x < 1 ? x : Math.round(x);
}

/** Applies the qualifier before a figure ("more than", "up to", "about", "nearly", "at least"). */
function qualify(
  tokens: readonly string[],
  i: number,
  lo: number,
  hi: number,
): { min: number; max: number; start: number } {
  const p1 = tokens[i - 1] ?? '';
  const p2 = tokens[i - 2] ?? '';
  const p3 = tokens[i - 3] ?? '';
  const about = { min: roundFigure(lo * 0.9), max: roundFigure(hi * 1.1) };
  if (p1 === 'estimated' && p2 === 'an') return { ...about, start: i - 2 };
  if (ABOUT.has(p1)) return { ...about, start: i - 1 };
  if (p1 === 'a' && (p2 === 'some' || p2 === 'about')) return { ...about, start: i - 2 };
  if (NEARLY.has(p1)) return { min: roundFigure(lo * 0.9), max: hi, start: i - 1 };
  if ((p1 === 'to' && p2 === 'close') || (p1 === 'under' && p2 === 'just'))
    return { min: roundFigure(lo * 0.9), max: hi, start: i - 2 };
  if (p1 === 'than' && (p2 === 'fewer' || p2 === 'less') && p3 === 'no')
    return { min: lo, max: Number.POSITIVE_INFINITY, start: i - 3 };
  if (p1 === 'than' && p2 === 'more' && p3 === 'no') return { min: 1, max: hi, start: i - 3 };
  if (
    (p1 === 'than' && (p2 === 'more' || p2 === 'over')) ||
    (p1 === 'least' && p2 === 'at') ||
    (p1 === 'of' && (p2 === 'upwards' || p2 === 'excess'))
  ) {
    return { min: lo, max: Number.POSITIVE_INFINITY, start: i - 2 };
  }
  if (p1 === 'over' || p1 === 'above' || p1 === 'exceeding')
    return { min: lo, max: Number.POSITIVE_INFINITY, start: i - 1 };
  if (p1 === 'as' && p2 === 'many' && p3 === 'as') return { min: 1, max: hi, start: i - 3 };
  // "as few as 500": a low estimate, about that many
  if (p1 === 'as' && p2 === 'few' && p3 === 'as')
    return { min: roundFigure(lo * 0.9), max: roundFigure(hi * 1.1), start: i - 3 };
  if (
    (p1 === 'to' && p2 === 'up') ||
    (p1 === 'most' && p2 === 'at') ||
    (p1 === 'than' && (p2 === 'less' || p2 === 'fewer')) ||
    (p1 === 'of' && p2 === 'maximum')
  ) {
    return { min: 1, max: hi, start: i - 2 };
  }
  if (p1 === 'under' || p1 === 'below') return { min: 1, max: hi, start: i - 1 };
  return { min: lo, max: hi, start: i };
}

/** Whether two ranges share any value. */
export function rangesOverlap(a: { min: number; max: number }, b: { min: number; max: number }): boolean {
  return a.min <= b.max && b.min <= a.max;
}

/** "12,000", "about 3,000", "more than 10,000": the figure as a reader would write it. */
export function formatRange(q: { min: number; max: number; text: string }): string {
  return q.text;
}

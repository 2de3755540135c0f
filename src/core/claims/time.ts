/**
 * The time a sentence states ("On June 19", "In October 2024", "Oct. 3", "since 2023"), as an ISO date or period.
 * Relative phrases ("last week", "on Thursday") and targets ("by the end of 2024") are not stated times.
 */

const MONTH_TABLE: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  'jan.': 1,
  february: 2,
  feb: 2,
  'feb.': 2,
  march: 3,
  'mar.': 3,
  april: 4,
  apr: 4,
  'apr.': 4,
  may: 5,
  june: 6,
  jun: 6,
  'jun.': 6,
  july: 7,
  jul: 7,
  'jul.': 7,
  august: 8,
  aug: 8,
  'aug.': 8,
  september: 9,
  sept: 9,
  'sept.': 9,
  sep: 9,
  'sep.': 9,
  october: 10,
  oct: 10,
  'oct.': 10,
  november: 11,
  nov: 11,
  'nov.': 11,
  december: 12,
  dec: 12,
  'dec.': 12,
};
const MONTHS = new Map(Object.entries(MONTH_TABLE));
const YEAR_LEAD = new Set([
  'in',
  'since',
  'during',
  'summer',
  'spring',
  'autumn',
  'fall',
  'winter',
  'early',
  'late',
  'of',
]);
const DATE_LEAD = new Set([
  'in',
  'on',
  'since',
  'early',
  'late',
  'mid',
  'during',
  'from',
  'until',
  'last',
  'this',
  'of',
  'by',
]);

const pad = (n: number) => String(n).padStart(2, '0');

export function statedTime(tokens: readonly string[], publishedYear: string | null): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const c0 = tok.charCodeAt(0);
    const month = c0 >= 48 && c0 <= 57 ? undefined : MONTHS.get(tok);
    if (month === undefined && !(c0 >= 48 && c0 <= 57)) continue;
    if (month !== undefined) {
      const next = tokens[i + 1] ?? '';
      if (tok === 'may' && !/^\d/.test(next) && !DATE_LEAD.has(tokens[i - 1] ?? '')) continue;
      if (tok === 'march' && !/^\d/.test(next) && !DATE_LEAD.has(tokens[i - 1] ?? '')) continue;
      let day: number | null = null;
      let year: string | null = null;
      let k = i + 1;
      if (/^\d{1,2}$/.test(tokens[k] ?? '') && Number(tokens[k]) <= 31) {
        day = Number(tokens[k]);
        k += 1;
      }
      if (tokens[k] === ',') k += 1;
      if (/^(19|20)\d\d$/.test(tokens[k] ?? '')) year = tokens[k] ?? null;
      const y = year ?? publishedYear;
      if (!y) return day ? `--${pad(month)}-${pad(day)}` : `--${pad(month)}`;
      return day ? `${y}-${pad(month)}-${pad(day)}` : `${y}-${pad(month)}`;
    }
    if (/^(19|20)\d\d$/.test(tok)) {
      const prev = tokens[i - 1] ?? '';
      if (prev === 'of' && tokens[i - 2] === 'end') continue;
      if (YEAR_LEAD.has(prev)) return tok;
    }
  }
  return null;
}

function parts(t: string): [string | null, string | null, string | null] {
  const m = /^(\d{4}|-)-?(\d{2})?-?(\d{2})?$/.exec(t.replace(/^--/, '-'));
  if (!m) return [t.slice(0, 4), null, null];
  return [m[1] === '-' ? null : (m[1] ?? null), m[2] ?? null, m[3] ?? null];
}

/**
 * Whether two times lie more than a year apart by their years ('1960-05-22' and '2023-08', not '2023' and '2024-01'):
 * a figure of then and one of now count different events. A time without a year is apart from none.
 */
export function yearsApart(a: string | null, b: string | null): boolean {
  const ya = a ? parts(a)[0] : null;
  const yb = b ? parts(b)[0] : null;
  if (!ya || !yb || !/^\d{4}$/.test(ya) || !/^\d{4}$/.test(yb)) return false;
  return Math.abs(Number(ya) - Number(yb)) > 1;
}

/** Whether two stated periods can be the same time ('2024-10' and '2024-10-03' can; '2024-06' and '2024-10' cannot). */
export function periodsCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const pa = parts(a);
  const pb = parts(b);
  for (let k = 0; k < 3; k++) {
    const x = pa[k];
    const y = pb[k];
    if (x && y && x !== y) return false;
    if (!x || !y) {
      // a year alone says nothing of the month; stop comparing at the first missing part
      if (k > 0) break;
    }
  }
  return true;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A stated time as a reader wants it: dates with a year stay ISO (2024-10-23); a date whose year neither the sentence
 * nor its article gives is written with its month's name ("23 October", "June"), not as ISO's bare "--10-23".
 */
export function displayTime(t: string): string {
  const m = /^--(\d{2})(?:-(\d{2}))?$/.exec(t);
  if (!m) return t;
  const month = MONTH_NAMES[Number(m[1]) - 1];
  if (!month) return t;
  return m[2] ? `${Number(m[2])} ${month}` : month;
}

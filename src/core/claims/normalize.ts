/**
 * Text clean-up before analysis. Every replacement is one character for one character, so offsets in the
 * normalized text are offsets in the original and quotes keep the source's own typography.
 */

/** Every character the replacements below change, by code. */
const CHANGED = new Set(
  [...'\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032\u201C\u201D\u201E\u00AB\u00BB\u2013\u2012\u2011\u2010\u2212']
    .concat([...'\u00A0\u2009\u202F\u2007\u200B\uFEFF\t\r'])
    .map((c) => c.charCodeAt(0)),
);

/** Whether any character needs changing: a loop over char codes, most of which are plain ASCII. */
function needsChange(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xa0 && c !== 9 && c !== 13 && c !== 0x60) continue;
    if (CHANGED.has(c)) return true;
  }
  return false;
}

const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032]/g;
const QUOTES = /[\u201C\u201D\u201E\u00AB\u00BB]/g;
const DASHES = /[\u2013\u2012\u2011\u2010\u2212]/g;
const SPACES = /[\u00A0\u2009\u202F\u2007\u200B\uFEFF\t\r]/g;

/** Straight quotes and apostrophes, plain hyphens and spaces; same length as the input. */
export function normalizeTypography(text: string): string {
  // most text needs nothing; the rest is four native replaces rather than a callback per character
  if (!needsChange(text)) return text;
  return text.replace(APOSTROPHES, "'").replace(QUOTES, '"').replace(DASHES, '-').replace(SPACES, ' ');
}

/** Longest run of non-space characters the tokenizer is shown: no word or link is longer, and wink's per-token
 * tests backtrack on longer runs (a 100,000-character token took 11 s). */
export const MAX_TOKEN = 256;
const LONG_RUN = new RegExp(`\\S{${MAX_TOKEN + 1},}`, 'g');

/** Breaks every run of more than MAX_TOKEN non-space characters with a space every MAX_TOKEN; same length. */
export function boundTokens(text: string): string {
  if (text.length <= MAX_TOKEN) return text;
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    for (let i = 0; i < run.length; i += MAX_TOKEN + 1) {
      out += run.slice(i, i + MAX_TOKEN);
      if (i + MAX_TOKEN < run.length) out += ' ';
    }
    return out;
  });
}

const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b/i;

/** A seed may start with `date YYYY-MM-DD` (sometimes on the same line as the text). Blanks it out, same length. */
export function splitDateLine(text: string): { date: string | null; body: string } {
  const m = DATE_LINE.exec(text);
  if (!m) return { date: null, body: text };
  return { date: m[1] ?? null, body: ' '.repeat(m[0].length) + text.slice(m[0].length) };
}

const FURNITURE_START =
  /^(join us|follow (us|our|the|world|live)|subscribe|sign up|read (more|also|next|the full)|see also|also read|related( articles?| stories| news)?:|advertisement|sponsored|share (this|on|via)|click here|you can also highlight|download (our|the) app|support (our|independent)|get (our|the) (newsletter|latest)|newsletter|photo:|image:|video:|watch:|listen:|credit:|copyright|all rights reserved|\(c\)|©|comments?$|leave a comment|most read|trending|recommended|more from|editor's (picks?|note)|reporting by|editing by|tags?:|topics?:|loading|cookies?|accept (all )?cookies|we use cookies|privacy policy|terms of (use|service)|skip to|menu$|home$)/i;

const BOILERPLATE =
  /\b(did not|didn't|has not|hasn't|have not|could not|couldn't|was not|were not)( immediately)? (respond|reply|return|comment|available)\b[^.]*\b(comment|request|calls?|inquir|questions?)|\b(declined|refused) to comment\b|\bcould not be reached\b|\bnot immediately available\b|\bno immediate comment\b|\bcould not (independently )?(verify|confirm) (the|this|these|that) (report|claim|account|information|figure)s?\.?$/i;

function wordCount(t: string): number {
  let n = 1;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 32) n += 1;
  return n;
}

/**
 * A cheap first look for a handle, a link, a keyboard prompt or a trailing " on Telegram": most sentences have none,
 * and the full pattern would scan every one of them.
 */
function mayPointElsewhere(t: string): boolean {
  if (t.includes('@') || t.includes('://') || t.includes('ctrl') || t.includes('Ctrl') || t.includes('CTRL'))
    return true;
  // "… on Telegram." ends the text: the platform names are at most 9 letters
  const tail = t.slice(-16).toLowerCase();
  return tail.includes('on ');
}

/** Page furniture: prompts, credits, buttons, emoji lines. Not news, whatever the topic. */
export function isFurniture(sentence: string): boolean {
  const t = sentence.trim();
  if (t.length === 0) return true;
  if (!/[a-z]/i.test(t)) return true;
  if (FURNITURE_START.test(t)) return true;
  if (
    mayPointElsewhere(t) &&
    /press ctrl ?\+ ?enter|@[a-z0-9_]{3,}|https?:\/\/|\bon (telegram|twitter|x|facebook|instagram|whatsapp|youtube)\.?$/i.test(
      t,
    ) &&
    /\b(follow|join|subscribe|coverage|channel|us)\b/i.test(t)
  ) {
    return true;
  }
  // newsroom boilerplate, when that is all the sentence says ("X did not respond to a request for comment")
  if (t.length <= 120 && wordCount(t) <= 14 && BOILERPLATE.test(t)) return true;
  // A shouted line ("JOIN US ON TELEGRAM") is a button, not a sentence.
  let capitals = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capitals += 1;
  }
  return capitals >= 6 && !/\d{2,}/.test(t);
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'at',
  'by',
  'with',
  'as',
  'vs',
  'from',
]);

/**
 * A related-article headline dropped into the body: Title Case words, no closing punctuation. Only meaningful for a
 * line inside a longer text; a lone sentence may well be a headline the user wants checked.
 */
export function looksLikeHeadline(line: string): boolean {
  const t = line.trim();
  if (/[.!?"']$/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  if (words.length < 3 || words.length > 20) return false;
  let caps = 0;
  let content = 0;
  for (const w of words) {
    if (SMALL_WORDS.has(w.toLowerCase())) continue;
    content += 1;
    if (/^[A-Z0-9]/.test(w)) caps += 1;
  }
  return content > 0 && caps / content >= 0.75;
}

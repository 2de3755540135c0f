/**
 * A seed document as it sits in seeds/: an optional `date YYYY-MM-DD` first line (it may share its line with the text
 * and follow a stray space), raw paragraphs, page furniture, and sometimes a whole article pasted twice.
 * Parsing keeps the words exactly as written (evidence quotes them) and only normalises line breaks and spacing.
 */

export interface ParsedSeed {
  /** The article's date from its date line, or null. */
  published: string | null;
  /** Paragraphs separated by a blank line, each kept once, in first-seen order. */
  text: string;
  /** How many repeated paragraphs were dropped. */
  repeatedParagraphs: number;
}

const DATE_LINE = /^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})(?![\d-])[^\S\n]*/i;

export function parseSeed(raw: string): ParsedSeed {
  let text = raw
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n');
  let published: string | null = null;
  const date = DATE_LINE.exec(text);
  if (date && isCalendarDate(date[1] as string)) {
    published = date[1] as string;
    text = text.slice(date[0].length);
  }
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  let repeatedParagraphs = 0;
  for (const line of text.split('\n')) {
    const paragraph = normaliseSpacing(line);
    if (paragraph === '') continue;
    if (seen.has(paragraph)) {
      repeatedParagraphs++;
      continue;
    }
    seen.add(paragraph);
    paragraphs.push(paragraph);
  }
  return { published, text: paragraphs.join('\n\n'), repeatedParagraphs };
}

/** Collapses runs of spaces, tabs and no-break spaces; removes zero-width characters. */
export function normaliseSpacing(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

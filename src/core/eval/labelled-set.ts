/**
 * The labelled-set format of claims.md: JSON lines of
 * `{"sentence", "label", "seed_file"?, "seed_quote"?, "published"?}`; `seed_file` and `seed_quote` are required for
 * `known` and `contradicts` (they say which seed sentence a right answer must point at) and ignored otherwise.
 */
import type { Verdict } from '../claims/types.ts';
import { UserError } from '../errors.ts';

export const VERDICTS: readonly Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];

export interface LabelledSentence {
  /** 1-based line number in the file, for messages. */
  line: number;
  sentence: string;
  label: Verdict;
  /** The seed a `known`/`contradicts` answer must point at, and a fragment of that seed's sentence. */
  seed: { file: string; quote: string } | null;
  published: string | null;
  /** The article it was taken from (`item_id` in the real sets), when given. */
  item?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Parses a whole labelled set. A malformed line, or a set without any line, throws a UserError naming the line. */
export function parseLabelledSet(text: string): LabelledSentence[] {
  const rows: LabelledSentence[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new UserError('bad_input', `line ${line}: not valid JSON (${(err as Error).message})`);
    }
    const row = toLabelledSentence(value, line);
    if (typeof row === 'string') throw new UserError('bad_input', `line ${line}: ${row}`);
    rows.push(row);
  });
  if (rows.length === 0) throw new UserError('bad_input', 'the labelled set has no sentences');
  return rows;
}

/** One parsed line, or a message saying what is wrong with it. */
export function toLabelledSentence(value: unknown, line: number): LabelledSentence | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.sentence !== 'string' || v.sentence.trim() === '') return '"sentence" must be a non-empty string';
  if (typeof v.label !== 'string' || !(VERDICTS as readonly string[]).includes(v.label)) {
    return `"label" must be one of ${VERDICTS.join(', ')}`;
  }
  const label = v.label as Verdict;
  if (v.published !== undefined && v.published !== null) {
    if (typeof v.published !== 'string' || !ISO_DATE.test(v.published)) {
      return '"published" must be a date written YYYY-MM-DD';
    }
  }
  let seed: LabelledSentence['seed'] = null;
  if (label === 'known' || label === 'contradicts') {
    if (typeof v.seed_file !== 'string' || v.seed_file.trim() === '') {
      return `"seed_file" is required for a ${label} label`;
    }
    if (typeof v.seed_quote !== 'string' || v.seed_quote.trim() === '') {
      return `"seed_quote" is required for a ${label} label`;
    }
    seed = { file: v.seed_file.trim(), quote: v.seed_quote };
  }
  return {
    line,
    sentence: v.sentence,
    label,
    seed,
    published: typeof v.published === 'string' ? v.published : null,
    item: typeof v.item_id === 'string' ? v.item_id : null,
  };
}

/**
 * Dates rows from their articles: a row with an `item_id` and no `published` takes the date of that item in
 * `items` (the real sets keep articles in items.jsonl beside claims.jsonl, as ../shared/realnews does).
 */
export function dateFromItems(rows: LabelledSentence[], itemsText: string): LabelledSentence[] {
  const dates = new Map<string, string>();
  for (const raw of itemsText.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    try {
      const v = JSON.parse(raw) as { id?: unknown; published?: unknown };
      if (typeof v.id === 'string' && typeof v.published === 'string' && ISO_DATE.test(v.published)) {
        dates.set(v.id, v.published.slice(0, 10));
      }
    } catch {
      // an unreadable items line only means its rows stay undated
    }
  }
  return rows.map((r) => (r.published || !r.item ? r : { ...r, published: dates.get(r.item) ?? null }));
}

/** Reads a labelled set from disk, dated from the items.jsonl beside it when there is one. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { dateFromItems, type LabelledSentence, parseLabelledSet } from '../core/eval/labelled-set.ts';

export function readLabelledSet(file: string): LabelledSentence[] {
  const rows = parseLabelledSet(readText(file));
  const items = join(dirname(file), 'items.jsonl');
  return existsSync(items) && items !== file ? dateFromItems(rows, readFileSync(items, 'utf8')) : rows;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new UserError('bad_input', `cannot read the labelled set ${file}: ${why}`, { cause: err });
  }
}

/**
 * The story's labelled examples (the story file's `examples`, see learned/examples.ts): read at build from the files
 * the story file names, stored with the claims, and put to use when a claims database is opened, so a database
 * judges the same way wherever it is opened from.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LabelledExample, lazyExampleIndex, useExamples } from '../core/claims/learned/examples.ts';
import { createDeskService } from '../core/desk/desk-service.ts';
import { UserError } from '../core/errors.ts';
import type { Story } from '../core/story/story.ts';
import { createSqliteClaimStore } from '../store/claim-store.ts';
import type { Database } from '../store/db.ts';
import { createSqliteDeskStore } from '../store/desk-store.ts';
import { readLabelledSet } from './labelled-files.ts';
import { storyFilePath } from './story-file.ts';

const META_KEY = 'examples';

/** The examples `story` names, read from the files beside its story file; a missing or bad file is the user's error. */
export function readStoryExamples(seedsDir: string, story: Story): LabelledExample[] {
  return readExampleFiles(seedsDir, story.data.examples);
}

/** The examples of labelled sets named by paths from the seeds folder. */
export function readExampleFiles(seedsDir: string, paths: readonly string[]): LabelledExample[] {
  return paths.flatMap((path) => {
    const file = resolve(seedsDir, path);
    if (!existsSync(file)) {
      throw new UserError(
        'bad_input',
        `${storyFilePath(seedsDir)}: examples names ${path}, but ${file} does not exist`,
      );
    }
    return readLabelledSet(file).map((r) => ({
      text: r.sentence,
      label: r.label,
      seed: r.seed,
      group: `${path}:${r.item ?? r.line}`,
    }));
  });
}

/** Records `examples` with the claims (inside the build's transaction). */
export function storeExamples(db: Database, examples: readonly LabelledExample[]): void {
  db.prepare('INSERT OR REPLACE INTO claims_meta (key, value) VALUES (?, ?)').run(META_KEY, JSON.stringify(examples));
}

/** The examples stored with the claims (none for a database built before examples were kept). */
export function storedExamples(db: Database): LabelledExample[] {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM claims_meta WHERE key = ?').get(META_KEY);
  return row ? (JSON.parse(row.value) as LabelledExample[]) : [];
}

/**
 * The desk's marks as examples: its newest mark of each sentence, as `claimwatch feedback export` writes them (a
 * known or contradicts mark whose claim came from a feed, not a seed, is left out there and here).
 */
export function deskExamples(db: Database): LabelledExample[] {
  const desk = createDeskService({ desk: createSqliteDeskStore(db), claims: createSqliteClaimStore(db) });
  return desk.exportFeedback().rows.map((r) => ({
    text: r.sentence,
    label: r.label,
    seed: r.seed_file ? { file: r.seed_file, quote: r.seed_quote } : null,
    group: r.item_id,
  }));
}

/**
 * Judges from now on with the examples stored in `db` and the desk's marks: a mark counts at once, as an example,
 * with no retraining (`npm run train -- --feedback` also fits the weights on the marks).
 */
export function useStoredExamples(db: Database): void {
  const examples = [...storedExamples(db), ...deskExamples(db)];
  useExamples(examples.length > 0 ? lazyExampleIndex(examples) : null);
}

/**
 * What `npm run train` reads, one part per story: the story's seeds built into known claims exactly as
 * `claimwatch build` builds them, and its labelled sets read with that story active. This story's tuning sets are
 * one part; with --with-stories every other story in test/fixtures/eval/stories (its own seeds, no story file) is
 * another, so the model learns cues that hold across stories and not only this one's.
 */
import { readdirSync } from 'node:fs';
import { readSeedDocuments, rebuildClaims } from '../src/app/claims-app.ts';
import { readLabelledSet } from '../src/app/labelled-files.ts';
import { storyOfSeeds } from '../src/app/story-file.ts';
import { trainingRows } from '../src/app/training-rows.ts';
import type { TrainingPart, TrainingRow } from '../src/core/claims/learned/train.ts';
import type { KnownClaim } from '../src/core/claims/types.ts';
import type { LabelledSentence } from '../src/core/eval/labelled-set.ts';
import { useStory } from '../src/core/story/active-story.ts';
import { createSqliteClaimStore } from '../src/store/claim-store.ts';
import { openDatabase } from '../src/store/db.ts';

export const OTHER_STORIES_DIR = 'test/fixtures/eval/stories';

/**
 * How much a labelled sentence of another story counts beside one of this story's: their sets are some 120
 * sentences each against this story's 3,841. Chosen by `npm run train -- --transfer` (macro-F1 of the stories left
 * out, Iran / Maui, with the settings of that moment): 1 gave 0.296 / 0.202, 5 gave 0.291 / 0.226, 15 gave
 * 0.316 / 0.235, 40 gave 0.306 / 0.240.
 */
export const OTHER_STORY_WEIGHT = 15;

export interface LabelledFile {
  file: string;
  /** Names the file's articles' groups (folds never split an article) and its line in the counts. */
  name: string;
  weight?: number;
}

export interface StoryPart extends TrainingPart {
  name: string;
  claims: readonly KnownClaim[];
  labelled: LabelledSentence[];
  counts: Record<string, number>;
}

/** One story's part: its seeds built in memory, its labelled files read as training rows with its story active. */
export function storyPart(name: string, seedsDir: string, files: readonly LabelledFile[]): StoryPart {
  const db = openDatabase(':memory:');
  const seeds = readSeedDocuments(seedsDir);
  const story = storyOfSeeds(seedsDir, seeds);
  rebuildClaims(db, seeds, { story });
  // the rows' sentences are read with their own story's names and words
  useStory(story);
  const index = createSqliteClaimStore(db);
  const rows: TrainingRow[] = [];
  const counts: Record<string, number> = {};
  const all: LabelledSentence[] = [];
  for (const f of files) {
    const labelled = readLabelledSet(f.file);
    counts[f.weight && f.weight !== 1 ? `${f.name} (×${f.weight})` : f.name] = labelled.length;
    rows.push(...trainingRows(labelled, f.name, f.weight));
    all.push(...labelled);
  }
  const claims = index.list({ limit: Math.max(1, index.counts().claims) });
  return { name, rows, index, story, claims, labelled: all, counts };
}

/** The other stories' folders, by name. */
export function otherStories(root: string): string[] {
  return readdirSync(`${root}${OTHER_STORIES_DIR}`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The part of the other story `name`: its seeds and its labelled set, each sentence counting OTHER_STORY_WEIGHT. */
export function otherStoryPart(root: string, name: string): StoryPart {
  const dir = `${root}${OTHER_STORIES_DIR}/${name}`;
  return storyPart(name, `${dir}/seeds`, [
    { file: `${dir}/claims.jsonl`, name: `${OTHER_STORIES_DIR}/${name}`, weight: OTHER_STORY_WEIGHT },
  ]);
}

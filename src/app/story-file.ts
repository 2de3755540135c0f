/**
 * The story file beside the seeds (`story.yml`): read, parsed and validated, with one line per problem naming the
 * file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { SeedDocument } from '../core/build.ts';
import { UserError } from '../core/errors.ts';
import { deriveStory } from '../core/story/derive.ts';
import { compileStory, parseStory, type Story, type StoryData } from '../core/story/story.ts';
import { deriveSeedVocabulary, deriveTopicWords } from '../core/story/topic-words.ts';

export const STORY_FILE = 'story.yml';

export function storyFilePath(seedsDir: string): string {
  return join(seedsDir, STORY_FILE);
}

/** The story file of `seedsDir`, or undefined when it has none. */
export function readStoryFile(seedsDir: string): Story | undefined {
  const file = storyFilePath(seedsDir);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError('bad_input', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? ` at line ${err.linePos[0].line}` : '';
      throw new UserError('bad_input', `${file} is not valid YAML${where}: ${err.message.split('\n')[0]}`, {
        cause: err,
      });
    }
    throw err;
  }
  return storyFrom(value, file);
}

/** The story of a seeds folder: its story file, else what the seeds alone tell (see derive.ts). */
export function storyOfSeeds(seedsDir: string, seeds: readonly SeedDocument[]): Story {
  return withTopicWords(readStoryFile(seedsDir) ?? deriveStory(seeds), seeds);
}

/** `story` with the topic words its seeds give, unless it states its own, and the seeds' vocabulary. */
export function withTopicWords(story: Story, seeds: readonly SeedDocument[]): Story {
  return compileStory({
    ...story.data,
    topic_words: story.data.topic_words ?? deriveTopicWords(seeds),
    seed_vocabulary: story.data.seed_vocabulary ?? deriveSeedVocabulary(seeds),
  });
}

/** A story stored as data (in the claims database, say), validated as the file is. */
export function storyFrom(value: unknown, where: string): Story {
  const r = parseStory(value);
  if (!r.ok) throw new UserError('bad_input', `${where} is not a valid story file:\n  ${r.errors.join('\n  ')}`);
  return r.story;
}

export type { StoryData };

/**
 * `claimwatch story`: the story file of a seeds folder as the engine reads it, and which seed sentences name each of
 * its actors, places and sources. A malformed file gives one line per problem, naming the field.
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { readSeedDocuments } from '../app/claims-app.ts';
import { readExampleFiles } from '../app/story-examples.ts';
import { readStoryFile, storyFilePath, withTopicWords } from '../app/story-file.ts';
import { storyCoverage } from '../core/story/coverage.ts';
import { deriveStory } from '../core/story/derive.ts';
import { formatTable, resolveSeedsDir, writeJsonLine } from './common.ts';

export function registerStoryCommand(program: Command): void {
  program
    .command('story')
    .description("show the seeds folder's story file as the engine reads it, and which seed sentences name each entry")
    .option('--seeds <dir>', 'folder of seed .txt files and story.yml (default: CLAIMWATCH_SEEDS, else ./seeds)')
    .option('--json', 'print one JSON object: {file, topic, subject, theatre, topicWords, examples, entries}')
    .action((opts: { seeds?: string; json?: boolean }) => {
      const seedsDir = resolveSeedsDir(opts.seeds);
      const seeds = readSeedDocuments(seedsDir);
      const fromFile = readStoryFile(seedsDir);
      const file = fromFile ? storyFilePath(seedsDir) : null;
      // the file read once: its story, or the seeds' own, with the topic words the seeds give
      const story = withTopicWords(fromFile ?? deriveStory(seeds), seeds);
      const entries = storyCoverage(story, seeds);
      const examples = story.data.examples.map((path) => ({
        file: path,
        sentences: readExampleFiles(seedsDir, [path]).length,
      }));
      const { topic } = story.data;
      if (opts.json) {
        const topicWords = story.data.topic_words ?? [];
        const { theatre } = story;
        const seedVocabulary = { words: story.seedWords.size, share: story.seedShare };
        writeJsonLine({
          file,
          topic,
          subject: story.subject,
          theatre: [...theatre],
          topicWords,
          seedVocabulary,
          examples,
          entries,
        });
        return;
      }
      const unnamed = entries.filter((e) => e.sentences === 0 && e.phrases > 0);
      const count = (k: string) => entries.filter((e) => e.kind === k).length;
      const lines = [
        file
          ? `Story file: ${shownPath(file)} (takes effect at the next \`claimwatch build\`)`
          : `No story file (${shownPath(storyFilePath(seedsDir))}): what the seeds alone tell, their recurring names ` +
            'sorted into actors, places and sources. Write a story file to state aliases, sides and places, and rebuild.',
        `Topic: ${topic}`,
        `Subject: ${story.subject} (${story.actorName(story.subject)}); theatre: ${[...story.theatre].join(', ') || 'none'}`,
        `Topic words${fromFile?.data.topic_words ? '' : ' (read from the seeds: words most of them use)'}: ${(story.data.topic_words ?? []).join(', ') || 'none'}`,
        `Seed vocabulary: ${story.seedWords.size} words; the other seeds use ${Math.round(story.seedShare * 100)}% of a seed sentence's words`,
        `Labelled examples: ${examples.map((e) => `${e.file} (${e.sentences} sentences)`).join(', ') || 'none'}`,
        `${count('actor')} actors, ${count('place')} places, ${count('source')} sources; ` +
          `${unnamed.length} never named in the seeds${unnamed.length ? `: ${unnamed.map((e) => e.id).join(', ')}` : ''}`,
        '',
        formatTable(
          [
            { header: 'kind' },
            { header: 'id' },
            { header: 'label', max: 32 },
            { header: 'phrases' },
            { header: 'seed sentences' },
            { header: 'first named in', max: 90 },
          ],
          entries.map((e) => [
            e.kind,
            e.id,
            e.detail ? `${e.label} (${e.detail})` : e.label,
            String(e.phrases),
            String(e.sentences),
            e.first ? `${e.first.seed}: ${e.first.sentence}` : '-',
          ]),
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** A path under the working folder as a relative one (what the user typed, most likely). */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

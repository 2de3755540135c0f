/**
 * `claimwatch story`: the story file of a seeds folder as the engine reads it, and which seed sentences name each of
 * its actors, places and sources. A malformed file gives one line per problem, naming the field.
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { readSeedDocuments } from '../app/claims-app.ts';
import { readStoryFile, storyFilePath } from '../app/story-file.ts';
import { storyCoverage } from '../core/story/coverage.ts';
import { EMPTY_STORY } from '../core/story/story.ts';
import { formatTable, resolveSeedsDir, writeJsonLine } from './common.ts';

export function registerStoryCommand(program: Command): void {
  program
    .command('story')
    .description("show the seeds folder's story file as the engine reads it, and which seed sentences name each entry")
    .option('--seeds <dir>', 'folder of seed .txt files and story.yml (default: CLAIMWATCH_SEEDS, else ./seeds)')
    .option('--json', 'print one JSON object: {file, topic, subject, theatre, entries}')
    .action((opts: { seeds?: string; json?: boolean }) => {
      const seedsDir = resolveSeedsDir(opts.seeds);
      const story = readStoryFile(seedsDir);
      const file = story === EMPTY_STORY ? null : storyFilePath(seedsDir);
      const entries = storyCoverage(story, readSeedDocuments(seedsDir));
      const { topic } = story.data;
      if (opts.json) {
        writeJsonLine({ file, topic, subject: story.subject, theatre: [...story.theatre], entries });
        return;
      }
      if (!file) {
        process.stdout.write(
          `${storyFilePath(seedsDir)} does not exist: the engine knows no actors, places or sources for these seeds, ` +
            'so it judges every sentence off topic. Write one (see seeds/story.yml of claimwatch) and rebuild.\n',
        );
        return;
      }
      const unnamed = entries.filter((e) => e.sentences === 0 && e.phrases > 0);
      const count = (k: string) => entries.filter((e) => e.kind === k).length;
      const lines = [
        `Story file: ${shownPath(file)} (takes effect at the next \`claimwatch build\`)`,
        `Topic: ${topic}`,
        `Subject: ${story.subject} (${story.actorName(story.subject)}); theatre: ${[...story.theatre].join(', ') || 'none'}`,
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

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtStory, openClaimsApp, readSeedDocuments } from '../../src/app/claims-app.ts';
import { readStoryFile, storyOfSeeds } from '../../src/app/story-file.ts';
import { analyzeDocument, judgeDocument } from '../../src/core/claims/index.ts';
import { useStory } from '../../src/core/story/active-story.ts';
import type { Story } from '../../src/core/story/story.ts';
import { createLogger } from '../../src/logger.ts';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const IRAN_SEEDS = join(ROOT, 'test/fixtures/eval/stories/iran-drones/seeds');
const silent = createLogger('silent');
const dirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cw-story-'));
  dirs.push(d);
  return d;
}

/** This project's story: its story file, which exists, with the topic words its seeds give. */
function projectStory(): Story {
  if (!readStoryFile(SEEDS)) throw new Error('seeds/story.yml is missing');
  return storyOfSeeds(SEEDS, readSeedDocuments(SEEDS));
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  useStory(projectStory());
});

/** A seeds folder holding `seedsDir`'s .txt files and, when given, this story file. */
function seedsWith(seedsDir: string, story?: string): string {
  const d = tempDir();
  for (const f of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) copyFileSync(join(seedsDir, f), join(d, f));
  if (story !== undefined) writeFileSync(join(d, 'story.yml'), story);
  return d;
}

function verdictsOf(seedsDir: string, text: string): string[] {
  const app = openClaimsApp({ dbPath: join(tempDir(), 'x.db'), seedsDir, logger: silent });
  try {
    return judgeDocument({ text }, app.claims, app.judge).map((j) => j.verdict);
  } finally {
    app.close();
  }
}

const IRAN_STORY = `
topic: Iranian drones for Russia's war against Ukraine
subject: iran
theatre: [russia, ukraine]
actors:
  iran: {name: Iran, phrases: [iran, iranian, tehran]}
  russia: {phrases: [russia, russian, moscow, kremlin]}
  ukraine: {phrases: [ukraine, ukrainian, kyiv]}
places:
  russia: {}
  ukraine: {}
  crimea: {parent: ukraine, phrases: [crimea]}
sources:
  ukraine_gov: {label: Ukrainian officials, side: ukraine, rank: 1, phrases: [ukrainian officials, zelensky]}
`;

describe('the story file', () => {
  it('GIVEN the project story WHEN read THEN the engine knows its subject, theatre, names and places', () => {
    const story = projectStory();
    expect(story.subject).toBe('dprk');
    expect([...story.theatre]).toEqual(['russia', 'ukraine']);
    expect(story.actorPhrases.dprk).toContain('kim jong un');
    expect(story.placeParent.sudzha).toBe('kursk');
    expect(story.countries.has('russia')).toBe(true);
  });

  it('GIVEN a story file naming an unknown subject and a place loop WHEN read THEN one line per problem names the field', () => {
    const d = seedsWith(
      IRAN_SEEDS,
      'topic: t\nsubject: iran\nactors: {russia: {}}\nplaces: {a: {parent: b}, b: {parent: a}}\n',
    );
    let message = '';
    try {
      readStoryFile(d);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(join(d, 'story.yml'));
    expect(message).toMatch(/subject: "iran" is not one of the actors/);
    expect(message).toMatch(/places\.a\.parent: places contain each other in a loop/);
  });

  it('GIVEN a story file extending a theme the engine does not have WHEN read THEN the error lists the themes it has', () => {
    const d = seedsWith(IRAN_SEEDS, 'topic: t\nsubject: a\nactors: {a: {}}\nthemes: {drones: [shahed]}\n');
    expect(() => readStoryFile(d)).toThrow(/themes\.drones: not one of the engine's themes \(troops, /);
  });

  it('GIVEN a theme phrase ending in a number WHEN a sentence names it THEN its number is no count', () => {
    const story = projectStory();
    expect(story.beforeNameNumbers.has('kn')).toBe(true);
    const [s] = analyzeDocument({ text: 'North Korea supplied KN-23 missiles to Russia.' });
    expect(s?.frame.quantity).toBeNull();
  });

  it('GIVEN a story file that is not YAML WHEN read THEN the error gives its line', () => {
    const d = seedsWith(IRAN_SEEDS, 'topic: t\nsubject: [unclosed\n');
    expect(() => readStoryFile(d)).toThrow(/is not valid YAML at line \d/);
  });

  it('GIVEN seeds of another story WHEN a story file names its actors THEN its reporting is judged on topic', () => {
    const sentence = 'Iran has supplied hundreds of Shahed drones to Russia, Ukrainian officials said.';
    expect(verdictsOf(seedsWith(IRAN_SEEDS, IRAN_STORY), sentence)).not.toContain('offtopic');
  });

  it('GIVEN seeds of another story and no story file WHEN built THEN its story is read from the seeds: countries with their demonyms, a subject and a theatre', () => {
    const seeds = seedsWith(IRAN_SEEDS);
    const dbPath = join(tempDir(), 'x.db');
    const app = openClaimsApp({ dbPath, seedsDir: seeds, logger: silent });
    try {
      const story = builtStory(app.db);
      expect(story?.actorPhrases.iran).toEqual(expect.arrayContaining(['iran', 'iranian']));
      expect([story?.subject, ...(story?.theatre ?? [])]).toEqual(
        expect.arrayContaining(['iran', 'russia', 'ukraine']),
      );
      const text = 'Iran has supplied hundreds of Shahed drones to Russia, Ukrainian officials said.';
      expect(judgeDocument({ text }, app.claims, app.judge).map((j) => j.verdict)).not.toContain('offtopic');
    } finally {
      app.close();
    }
  });

  it('GIVEN a database built with a story WHEN opened with a seeds folder that has none THEN it judges with the stored story', () => {
    const seeds = seedsWith(IRAN_SEEDS, IRAN_STORY);
    const dbPath = join(tempDir(), 'x.db');
    openClaimsApp({ dbPath, seedsDir: seeds, logger: silent }).close();
    useStory(projectStory());
    const app = openClaimsApp({ dbPath, seedsDir: seedsWith(IRAN_SEEDS), logger: silent });
    try {
      expect(builtStory(app.db)?.subject).toBe('iran');
      const text = 'Iran has supplied hundreds of Shahed drones to Russia, Ukrainian officials said.';
      const [j] = judgeDocument({ text }, app.claims, app.judge);
      expect(j?.verdict).not.toBe('offtopic');
    } finally {
      app.close();
    }
  });
});

describe('claimwatch story', () => {
  function cli(args: string[]) {
    return spawnSync(process.execPath, [...GUARDED_NODE_ARGS, join(ROOT, 'bin/claimwatch.js'), ...args], {
      env: { ...process.env, CLAIMWATCH_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('GIVEN the seeds WHEN asked THEN it lists each entry with the first seed sentence that names it', () => {
    const r = cli(['story', '--seeds', SEEDS, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      subject: string;
      entries: Array<Record<string, unknown>>;
      seedVocabulary: { words: number; share: number };
    };
    expect(out.subject).toBe('dprk');
    // the seeds' words and how much of a seed sentence the other seeds share, read from the seeds
    expect(out.seedVocabulary.words).toBeGreaterThan(300);
    expect(out.seedVocabulary.share).toBeGreaterThan(0.3);
    expect(out.seedVocabulary.share).toBeLessThan(1);
    const dprk = out.entries.find((e) => e.kind === 'actor' && e.id === 'dprk');
    expect(dprk?.sentences).toBeGreaterThan(10);
    expect(dprk?.first).toMatchObject({ seed: expect.stringMatching(/\.txt$/) });
  });

  it('GIVEN a malformed story file WHEN asked THEN it exits 2 with the field named', () => {
    const d = seedsWith(IRAN_SEEDS, 'topic: t\nsubject: x\nactors: {}\n');
    const r = cli(['story', '--seeds', d]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/subject: "x" is not one of the actors/);
  });
});

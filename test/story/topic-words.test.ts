/**
 * A story's own words and names as the engine reads them from seeds with no story file: the words most seed articles
 * use put a sentence in the story, and the sentence model sees the story's names as their roles, so weights learned
 * on one story carry to the next.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSeedDocuments } from '../../src/app/claims-app.ts';
import { storyOfSeeds } from '../../src/app/story-file.ts';
import { analyzeDocument } from '../../src/core/claims/index.ts';
import { roleWords } from '../../src/core/claims/learned/story-words.ts';
import { bagOfWords } from '../../src/core/claims/learned/words-bag.ts';
import { activeStory, useStory } from '../../src/core/story/active-story.ts';
import { deriveSeedVocabulary, deriveTopicWords } from '../../src/core/story/topic-words.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const MAUI = join(ROOT, 'test/fixtures/eval/stories/maui-wildfire/seeds');
const IRAN = join(ROOT, 'test/fixtures/eval/stories/iran-drones/seeds');
const before = activeStory();

afterEach(() => useStory(before));

const wordsOf = (text: string): Set<string> => {
  const [s] = analyzeDocument({ text });
  if (!s) throw new Error('no sentence');
  return roleWords(s, bagOfWords(s.text));
};

describe('topic words', () => {
  it('GIVEN the Maui seeds WHEN their topic words are read THEN the fire is among them and the island is not (a name)', () => {
    const words = deriveTopicWords(readSeedDocuments(MAUI));
    expect(words).toEqual(expect.arrayContaining(['wildfire', 'fire', 'toll']));
    expect(words).not.toContain('maui');
    expect(words).not.toContain('lahaina');
  });

  it('GIVEN the Maui story WHEN a sentence names the island and the fire THEN it is on topic by the rules', () => {
    useStory(storyOfSeeds(MAUI, readSeedDocuments(MAUI)));
    const [s] = analyzeDocument({ text: 'Firefighters on Maui said the wildfire was 85% contained.' });
    expect(s?.onTopic).toBe(true);
    const [other] = analyzeDocument({ text: 'Firefighters said the blaze was 85% contained.' });
    expect(other?.onTopic).toBe(false);
  });
});

describe('names as roles', () => {
  it('GIVEN this story WHEN a sentence names North Korea, Russia and Kursk THEN the model sees roles, not the names', () => {
    const words = wordsOf('North Korean troops fought Ukrainian forces in Kursk, a Russia-Ukraine front.');
    expect([...words].filter((w) => w.startsWith('w:@')).sort()).toEqual(['w:@place', 'w:@subject', 'w:@theatre']);
    for (const name of ['w:north', 'w:korean', 'w:kursk', 'w:ukrainian', 'w:russia-ukraine'])
      expect(words).not.toContain(name);
    expect(words).toContain('w:troop');
  });

  it('GIVEN the Iran story WHEN a sentence names Iran THEN Iran is a role there, though in this story it is a plain word', () => {
    expect(wordsOf('Iran denied supplying drones.')).toContain('w:iran');
    useStory(storyOfSeeds(IRAN, readSeedDocuments(IRAN)));
    const words = wordsOf('Iran denied supplying drones.');
    expect(words).not.toContain('w:iran');
    expect([...words].some((w) => w.startsWith('w:@'))).toBe(true);
  });
});

describe('the seed vocabulary', () => {
  it('GIVEN seed articles WHEN their vocabulary is read THEN it holds their words and how much of a sentence the others share', () => {
    const seeds = [
      { name: 'a.txt', text: 'Crews fought the wildfire near the harbour. Wind drove the wildfire toward homes.' },
      { name: 'b.txt', text: 'The wildfire destroyed homes near the harbour overnight.' },
    ];
    const v = deriveSeedVocabulary(seeds);
    expect(v.words).toEqual(expect.arrayContaining([...bagOfWords('wildfire harbour homes crews overnight')]));
    // a.txt: "crews fought wildfire near harbour" shares wildfire, near, harbour (3 of 5), "wind drove wildfire toward
    // homes" shares wildfire, homes (2 of 5); b.txt "wildfire destroyed homes near harbour overnight" shares 4 of 6
    expect(v.share).toBeCloseTo((3 / 5 + 2 / 5 + 4 / 6) / 3, 6);
  });

  it('GIVEN the three stories WHEN built THEN each has its own yardstick: long seeds share more of a sentence', () => {
    const share = (dir: string) => storyOfSeeds(dir, readSeedDocuments(dir)).seedShare;
    const mine = share(join(ROOT, 'seeds'));
    expect(mine).toBeGreaterThan(share(IRAN));
    expect(share(IRAN)).toBeGreaterThan(share(MAUI));
    expect(share(MAUI)).toBeGreaterThan(0.3);
  });
});

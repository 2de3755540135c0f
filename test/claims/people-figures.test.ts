/**
 * People counted in any story: a death toll, the missing, the injured are figures of people, whatever the story, so a
 * later toll can be set against an earlier one.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSeedDocuments } from '../../src/app/claims-app.ts';
import { storyOfSeeds } from '../../src/app/story-file.ts';
import { analyzeDocument } from '../../src/core/claims/index.ts';
import { activeStory, useStory } from '../../src/core/story/active-story.ts';

const MAUI = join(new URL('../../', import.meta.url).pathname, 'test/fixtures/eval/stories/maui-wildfire/seeds');
const before = activeStory();
afterEach(() => useStory(before));

const figures = (text: string) =>
  (analyzeDocument({ text, published: '2023-08-14' })[0]?.frame.detail?.quantities ?? []).map((q) => ({
    min: q.min,
    theme: q.theme,
    measure: q.measure,
  }));

describe('figures of people', () => {
  it('GIVEN the Maui story WHEN tolls are told in different words THEN each is a count of people who died', () => {
    useStory(storyOfSeeds(MAUI, readSeedDocuments(MAUI)));
    expect(figures('The death toll from the Maui wildfires in Hawaii reached 93 on Saturday.')).toEqual([
      { min: 93, theme: 'people', measure: 'die' },
    ]);
    expect(figures('As of early Monday afternoon, the death toll had risen to 96.')).toEqual([
      { min: 96, theme: 'people', measure: 'die' },
    ]);
    expect(figures('At least 111 people were killed.')).toEqual([{ min: 111, theme: 'people', measure: 'die' }]);
  });

  it('GIVEN the missing WHEN counted THEN they are people, but not the dead', () => {
    useStory(storyOfSeeds(MAUI, readSeedDocuments(MAUI)));
    const found = figures('There are an estimated 850 people unaccounted for, down from estimates of about 1,000.');
    expect(found.map((f) => f.theme)).toEqual(['people', 'people']);
    expect(found.every((f) => f.measure !== 'die')).toBe(true);
  });
});

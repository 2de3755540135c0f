/**
 * The story the engine reads with. One process follows one story: the app sets it when it opens a claims database
 * (which records the story it was built with), the build when it reads the seeds. Modules that build tables from it
 * (the phrase matcher) rebuild when `storyVersion()` changes.
 */
import { EMPTY_STORY, type Story } from './story.ts';

let current: Story = EMPTY_STORY;
let version = 0;

export function activeStory(): Story {
  return current;
}

export function storyVersion(): number {
  return version;
}

export function useStory(story: Story): void {
  if (story === current) return;
  current = story;
  version += 1;
}

/** Every test reads with this project's story (seeds/story.yml), as the app does once it opens its database. */
import { fileURLToPath } from 'node:url';
import { readStoryFile } from '../../src/app/story-file.ts';
import { useStory } from '../../src/core/story/active-story.ts';

useStory(readStoryFile(fileURLToPath(new URL('../../seeds/', import.meta.url))));

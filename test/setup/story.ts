/** Every test reads with this project's story (seeds/story.yml), as the app does once it opens its database. */
import { fileURLToPath } from 'node:url';
import { readSeedDocuments } from '../../src/app/claims-app.ts';
import { storyOfSeeds } from '../../src/app/story-file.ts';
import { useStory } from '../../src/core/story/active-story.ts';

const seeds = fileURLToPath(new URL('../../seeds/', import.meta.url));
useStory(storyOfSeeds(seeds, readSeedDocuments(seeds)));

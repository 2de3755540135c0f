import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/network-guard.ts', 'test/setup/story.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // two files at a time: on the 2-core CI machine vitest's default is one, and the suite then took 685 s against
    // 476 s with two (both green, commit 6b5c234)
    maxWorkers: 2,
  },
});

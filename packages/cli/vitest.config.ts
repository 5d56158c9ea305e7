import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    // Every test runs the built bin (dist/bin.js) as a child process against a real emulator; on a
    // 2-core machine shared with other suites a Node start can take a second. Guards against hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Property tests run 10,000 cases under CI=true, on a 2-core machine shared with other suites.
    testTimeout: 180_000,
  },
});

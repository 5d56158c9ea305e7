import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    // TypeDoc converts every published package and the guide blocks are type-checked as one
    // program: tens of seconds on a shared 2-core machine. Guards against hangs only.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'nestjs',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each suite boots real servers and an emulator; on a loaded machine that can take a while.
    // Guards against hangs, never assertions on speed.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});

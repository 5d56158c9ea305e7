import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'bullmq',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every suite starts its own redis-server and emulator; the crash test runs worker processes
    // for minutes on CI's two shared cores. Guards against hangs, never assertions on speed.
    hookTimeout: 120_000,
    testTimeout: 900_000,
  },
});

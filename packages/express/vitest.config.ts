import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'express',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each suite boots real servers and an emulator, and CI runs it beside other packages' suites
    // on two cores; a contract test may wait up to 60 s for a callback (adapter-contract's
    // recorder). Guards against hangs, never assertions on speed.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});

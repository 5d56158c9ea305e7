import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'workerd',
    include: ['test/**/*.test.ts'],
    // workerd starts as a separate process beside other packages' suites on two cores; guards
    // against hangs, never assertions on speed.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});

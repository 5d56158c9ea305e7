import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'integration',
    include: ['test/**/*.test.ts'],
    // CI runs this beside other packages' suites on two cores, with 10,000 fast-check runs, and
    // the fault matrix waits out real latencies. Guards against hangs, never assertions on speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

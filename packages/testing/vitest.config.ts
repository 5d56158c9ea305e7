import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'testing',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // CI=true runs every property 10,000 times, beside other packages' suites on two cores; the
    // suites also start emulators, receivers and CLI processes. Guards against hangs, never
    // assertions on speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

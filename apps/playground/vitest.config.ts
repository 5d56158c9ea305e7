import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.js';

const src = (name: string) =>
  fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url));

export default defineProject({
  resolve: {
    // The adapters from their sources too (like core and testing in workspaceAlias), so that a
    // test run never depends on a stale dist/ and everything shares one copy of core.
    alias: {
      ...workspaceAlias,
      '@sms-partner/express': src('express'),
      '@sms-partner/hono': src('hono'),
      '@sms-partner/nestjs': src('nestjs'),
    },
  },
  test: {
    name: 'playground',
    include: ['test/**/*.test.ts'],
    // A browser, four servers and an emulator, beside other packages' suites on two cores in CI.
    // Guards against hangs, never assertions on speed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Every expect.poll waits for the page or the network: 1 s (vitest's default) is not enough
    // on a loaded machine.
    expect: { poll: { timeout: 30_000 } },
  },
});

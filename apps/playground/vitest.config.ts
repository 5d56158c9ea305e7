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
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

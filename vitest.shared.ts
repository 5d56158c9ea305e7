import { fileURLToPath } from 'node:url';

/**
 * Tests resolve workspace packages to their TypeScript sources, so a test run never depends on a
 * stale `dist/`. The published entry points are exercised separately by `check:package` and the
 * packed-tarball smoke test.
 */
export const workspaceAlias: Record<string, string> = {
  '@sms-partner/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
  '@sms-partner/testing': fileURLToPath(
    new URL('./packages/testing/src/index.ts', import.meta.url),
  ),
};

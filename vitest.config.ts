import { defineConfig } from 'vitest/config';

// One vitest run over every package: `pnpm vitest run` at the root, or `pnpm test` in a package.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'bench/vitest.config.ts'],
  },
});

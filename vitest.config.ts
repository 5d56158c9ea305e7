import { defineConfig } from 'vitest/config';

// One vitest run over every package (`pnpm vitest run` at the root, `--project core` for one), or
// `pnpm test` inside a package. Each package's own vitest.config.ts names its project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});

/**
 * The message module has no top-level side effects, even when a bundler cannot drop whole files
 * (the published build is one file): importing it for nothing bundles to nothing.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { expect, it } from 'vitest';

const dir = fileURLToPath(new URL('.', import.meta.url));
const everyFileHasSideEffects: Plugin = {
  name: 'every-file-has-side-effects',
  setup(builder) {
    builder.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'inner',
      });
      return { path: resolved.path, sideEffects: true };
    });
  },
};

it('importing message/ for nothing bundles to nothing', async () => {
  const result = await build({
    stdin: { contents: "import './index.ts';", resolveDir: dir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
    plugins: [everyFileHasSideEffects],
  });
  expect(result.outputFiles[0]!.text.trim()).toBe('');
});

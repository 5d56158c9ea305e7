import type { Plugin } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { bundleSource } from '../test/bundle.js';

// Each case bundles the sources with esbuild: quick alone, slower beside other suites in CI. The
// limit only stops a hung build (nothing here is timed).
vi.setConfig({ testTimeout: 120_000 });

// The published build is one file, so `"sideEffects": false` cannot drop a whole module there:
// a bundler keeps every top-level statement it cannot prove pure. Treating each source file as
// having side effects reproduces that here, statement by statement.
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

async function bundle(contents: string) {
  const { modules } = await bundleSource(contents, [everyFileHasSideEffects]);
  return { kept: modules.map((path) => `src/${path}`) };
}

const outsideMessage = (paths: string[]) =>
  paths.filter((path) => !path.startsWith('src/message/'));

describe('no module has top-level side effects', () => {
  for (const module of ['message', 'schedule', 'webhooks', 'client', 'phone']) {
    it(`importing ${module}/ for nothing bundles to nothing`, async () => {
      const { kept } = await bundle(`import './${module}/index.ts';`);
      expect(kept).toEqual([]);
    });
  }

  it('analyzeMessage alone pulls in only message/ and the error classes it throws', async () => {
    const { kept } = await bundle(
      "import { analyzeMessage } from './index.ts'; console.log(analyzeMessage('x'));",
    );
    expect(outsideMessage(kept)).toEqual(['src/errors.ts']);
  });
});

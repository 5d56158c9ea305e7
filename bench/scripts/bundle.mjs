// How every bench script turns its TypeScript into runnable Node modules: esbuild, one .mjs per
// entry (named after it) in `outdir`, with the workspace's packages left as imports.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** `src/<file>` of the bench package, as a path. */
export const src = (file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

/** Bundles `entries` (paths from `src`) into `outdir` as `<name>.mjs`. */
export function bundleBench(entries, outdir) {
  return build({
    entryPoints: entries.map(src),
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

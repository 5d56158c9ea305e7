/**
 * Bundle size of a program that imports a few names from one entry of the core package's sources:
 * esbuild, minified, ESM, then gzip (level 9) and brotli.
 */
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface Size {
  entry: string;
  minified: number;
  gzip: number;
  brotli: number;
}

/**
 * Bundles `export { names } from entry` (a source path from the repository root) and reports it
 * under `label`, the import a user writes.
 */
export async function bundleSize(entry: string, names: string, label = entry): Promise<Size> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = await build({
    stdin: {
      contents: `export ${names === '*' ? '*' : `{ ${names} }`} from './${entry}';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    entry: names === '*' ? `import * from '${label}'` : `import { ${names} } from '${label}'`,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code).length,
  };
}

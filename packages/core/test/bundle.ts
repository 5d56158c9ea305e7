import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
/** The name the bundled `contents` go by (esbuild lists it, relative to `src/`, among the inputs). */
const ENTRY = 'bundle-entry.ts';
const ENTRY_PATH_END = `src/${ENTRY}`;

/**
 * Bundles `contents` (a module resolved from `src/`) as the bench's size table does: esbuild
 * `--bundle --minify --format=esm --platform=neutral`, in memory. Returns the code and the source
 * files that put bytes into it, as paths under `src/` (`message/analyze.ts`).
 */
export async function bundleSource(
  contents: string,
  plugins: Plugin[] = [],
): Promise<{ code: Uint8Array; modules: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: srcDir, sourcefile: ENTRY, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const modules = Object.entries(inputs)
    .filter(
      ([path, input]) =>
        input.bytesInOutput > 0 && path.includes('src/') && !path.endsWith(ENTRY_PATH_END),
    )
    .map(([path]) => path.slice(path.indexOf('src/') + 4));
  return { code: result.outputFiles[0]!.contents, modules };
}

import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };
const shared = {
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  define: { __CLI_VERSION__: JSON.stringify(version) },
} as const;

export default defineConfig([
  // The programmatic entry: ESM and CommonJS, each with its own types.
  { ...shared, entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, clean: true },
  // The command: ESM only (it uses top-level await), never imported.
  { ...shared, entry: ['src/bin.ts'], format: ['esm'], dts: false },
]);

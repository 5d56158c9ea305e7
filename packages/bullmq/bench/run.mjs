// Bundles bench/campaign.ts (the SDK from its sources, BullMQ and ioredis from node_modules) and
// runs it with room for a million emulator records.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}node_modules/.cache/simulation`;
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [`${root}bench/campaign.ts`],
  outfile: `${outdir}/bench.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  alias: {
    '@sms-partner/core': `${root}../core/src/index.ts`,
    '@sms-partner/testing': `${root}../testing/src/index.ts`,
  },
  external: ['bullmq', 'ioredis', 'esbuild'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const result = spawnSync(
  process.execPath,
  ['--max-old-space-size=12000', `${outdir}/bench.mjs`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root, env: { ...process.env, SIM_PACKAGE_ROOT: root } },
);
process.exit(result.status ?? 1);

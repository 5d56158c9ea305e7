// The client benchmark alone (bench/src/http/client-only.ts), printed, never written: bundles it
// and the emulator child with esbuild into dist/client/ and runs it with the arguments given
// (--quick, --rounds=N, --calls=N), or with --profile the profile of the client's calls. Extra Node flags (e.g. --cpu-prof) go in NODE_BENCH_FLAGS.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleBench } from './bundle.mjs';

const outdir = fileURLToPath(new URL('../dist/client/', import.meta.url));
await bundleBench(['http/client-only.ts', 'http/client-profile.ts', 'http/emulator.ts'], outdir);
const flags = (process.env.NODE_BENCH_FLAGS ?? '').split(' ').filter(Boolean);
const args = process.argv.slice(2);
// --profile: where the client's time goes, function by function (bench/src/http/client-profile.ts).
const entry = args.includes('--profile') ? 'client-profile.mjs' : 'client-only.mjs';
const run = spawnSync(
  process.execPath,
  [...flags, `${outdir}${entry}`, ...args.filter((a) => a !== '--profile')],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);

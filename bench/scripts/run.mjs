// Bundles the benchmark (TypeScript; the analyzeMessage part imports @sms-partner/core from its
// sources, the HTTP part uses the built workspace packages) with esbuild, together with the child
// processes of the HTTP part (server.mjs, emulator.mjs), and runs it with the arguments given
// (--quick, --no-write, --http-only, --webhooks-only, --frameworks=a,b), or, with --profile or
// --instructions first, the webhook profiler (src/http/profile.ts) or instruction counter
// (src/http/instructions.ts) with the arguments after it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleBench } from './bundle.mjs';

const outdir = fileURLToPath(new URL('../dist/', import.meta.url));
await bundleBench(
  ['main.ts', 'http/server.ts', 'http/emulator.ts', 'http/profile.ts', 'http/instructions.ts'],
  outdir,
);
const [first, ...rest] = process.argv.slice(2);
const tools = { '--profile': 'profile.mjs', '--instructions': 'instructions.mjs' };
const [entry, args] = Object.hasOwn(tools, first)
  ? [tools[first], rest]
  : ['main.mjs', process.argv.slice(2)];
const run = spawnSync(process.execPath, [`${outdir}${entry}`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);

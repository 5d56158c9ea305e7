#!/usr/bin/env node
// Type-checks the examples of each published package's README the way a newcomer would, in a
// fresh folder: what `npm init -y` and `npx tsc --init` give (npm 11's "type": "commonjs", tsc's
// defaults untouched), then the README's marked blocks (extract.mjs): its setup commands (the
// packages of its `npm install` lines and nothing else, its `npm pkg set` lines), its package.json
// and tsconfig.json blocks merged in, its example files written as they are; then `tsc --noEmit`.
// The packages come from this workspace (the built @sms-partner/* packages, the frameworks as
// installed here), linked into the folder's node_modules: nothing is downloaded, so it takes
// seconds. An example importing a package missing from its install line fails here, as the
// newcomer's `tsc` would. The release test runs the same blocks against a registry, slowly.
// Run after `pnpm build`. `node scripts/readme-examples/typecheck.mjs [express hono …]`.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { extractMarkedBlocks, installedPackages, readJsonc, shellCommands } from './extract.mjs';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = ['core', 'testing', 'express', 'hono', 'nestjs'];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Command-line tools of the install lines that an example never imports. */
const TOOLS = new Set(['tsx', 'typescript']);
const TS_FILE = /\.[cm]?tsx?$/;

/** Where a package of an install line is installed in this workspace. */
function locate(name, pkg) {
  if (name.startsWith('@sms-partner/')) {
    const dir = join(root, 'packages', name.slice('@sms-partner/'.length));
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(`${name} has no dist/: run \`pnpm build\` first.`);
    }
    return dir;
  }
  const candidates = [
    join(root, 'packages', pkg, 'node_modules', name),
    join(root, 'apps', 'playground', 'node_modules', name),
    join(root, 'node_modules', name),
    ...PACKAGES.map((other) => join(root, 'packages', other, 'node_modules', name)),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'package.json')));
  return found && realpathSync(found);
}

/**
 * Sets up the fresh project of one README in `dir`.
 * @returns the README's path and its TypeScript example files with the README line of each.
 */
async function prepare(pkg, dir) {
  const readme = `packages/${pkg}/README.md`;
  const blocks = extractMarkedBlocks(readFileSync(join(root, readme), 'utf8'), readme);
  const files = blocks.filter((b) => b.kind === 'file' && TS_FILE.test(b.file));
  if (!blocks.some((b) => b.kind === 'setup') || files.length === 0) {
    throw new Error(
      `${readme} needs a "<!-- release-test: setup -->" block and at least one ` +
        '"<!-- release-test: file NAME.ts -->" block (see scripts/readme-examples/extract.mjs).',
    );
  }
  // `npm init -y` of npm 11, then `npx tsc --init`.
  const manifest = { name: `readme-${pkg}`, version: '1.0.0', main: 'index.js', type: 'commonjs' };
  await run(process.execPath, [tsc, '--init'], { cwd: dir });
  const names = new Set();
  for (const block of blocks.filter((b) => b.kind === 'setup')) {
    for (const command of shellCommands(block.code)) {
      const installed = installedPackages(command);
      const words = command.replace(/\s#.*$/, '').split(/\s+/);
      if (installed) for (const name of installed) names.add(name);
      else if (words[0] === 'npm' && words[1] === 'pkg' && words[2] === 'set') {
        for (const pair of words.slice(3)) {
          const [key, value] = pair.split('=');
          manifest[key] = value;
        }
      } else {
        throw new Error(
          `${readme}:${block.line}: the setup runs \`${command}\`, which this check cannot ` +
            'replay; teach scripts/readme-examples/typecheck.mjs, or keep setup to npm install ' +
            'and npm pkg set (tsconfig changes go in a "release-test: tsconfig.json" block).',
        );
      }
    }
  }
  const tsconfig = readJsonc(join(dir, 'tsconfig.json'));
  for (const block of blocks) {
    if (block.kind === 'package.json') Object.assign(manifest, JSON.parse(block.code));
    if (block.kind === 'tsconfig.json') {
      const patch = ts.parseConfigFileTextToJson('tsconfig.json', block.code);
      if (patch.error) throw new Error(`${readme}:${block.line}: the tsconfig block is not JSON.`);
      Object.assign(tsconfig.compilerOptions, patch.config.compilerOptions);
    }
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  for (const name of names) {
    const target = locate(name, pkg);
    if (!target) {
      if (TOOLS.has(name)) continue;
      throw new Error(
        `${readme}: ${name} is on an install line but not installed anywhere in this workspace; ` +
          `add it as a devDependency of packages/${pkg}.`,
      );
    }
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  for (const block of files) {
    mkdirSync(dirname(join(dir, block.file)), { recursive: true });
    writeFileSync(join(dir, block.file), block.code);
  }
  return { readme, files };
}

/** tsc's output with each `file.ts(line,col)` pointing at the README line instead. */
function toReadmeLines(output, readme, files) {
  let out = output;
  for (const { file, codeLine } of files) {
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(
      new RegExp(`^${escaped}\\((\\d+),(\\d+)\\)`, 'gm'),
      (_, l, c) => `${readme}:${Number(l) + codeLine - 1}:${c} (${file})`,
    );
  }
  return out;
}

async function check(pkg, base) {
  const dir = join(base, pkg);
  mkdirSync(dir);
  const { readme, files } = await prepare(pkg, dir);
  const names = files.map((f) => f.file).join(', ');
  try {
    await run(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: dir });
    return { pkg, ok: true, text: `${pkg}: ${names} type-check` };
  } catch (error) {
    const out = toReadmeLines(`${error.stdout ?? ''}${error.stderr ?? ''}`, readme, files);
    return { pkg, ok: false, text: `${pkg}: ${names} fail tsc\n${out}` };
  }
}

/**
 * The check must be able to fail: core's examples with an import that core does not export have
 * to be refused, which proves the packages' own types are read (not resolved to `any`).
 */
async function control(base) {
  const dir = join(base, 'control');
  mkdirSync(dir);
  const { files } = await prepare('core', dir);
  const path = join(dir, files[0].file);
  const code = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    `import { notAnExportOfCore } from '@sms-partner/core';\nnotAnExportOfCore();\n${code}`,
  );
  try {
    await run(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: dir });
    return { pkg: 'control', ok: false, text: 'control: a wrong import type-checked' };
  } catch (error) {
    const refused = /TS2305/.test(`${error.stdout}`);
    return {
      pkg: 'control',
      ok: refused,
      text: refused
        ? 'control: a wrong import of core is refused'
        : `control: tsc failed for another reason\n${error.stdout}${error.stderr}`,
    };
  }
}

const wanted = process.argv.slice(2);
const selected = wanted.length ? PACKAGES.filter((p) => wanted.includes(p)) : PACKAGES;
const base = mkdtempSync(join(tmpdir(), 'sms-partner-readme-'));
try {
  // Two at a time: tsc is single-threaded and CI has two cores.
  const tasks = [...selected.map((pkg) => () => check(pkg, base))];
  if (selected.includes('core')) tasks.push(() => control(base));
  const results = [];
  await Promise.all(
    [0, 1].map(async () => {
      for (let task = tasks.shift(); task; task = tasks.shift()) {
        results.push(await task().catch((e) => ({ pkg: '?', ok: false, text: e.message })));
      }
    }),
  );
  const order = (r) => (r.pkg === 'control' ? -1 : selected.indexOf(r.pkg));
  results.sort((a, b) => order(a) - order(b));
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.text}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`README examples: ${results.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}

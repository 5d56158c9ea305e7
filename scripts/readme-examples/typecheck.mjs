#!/usr/bin/env node
// Type-checks the runnable example of each published package's README the way a newcomer would:
// a fresh folder, the packages of the README's install block and nothing else, the README's own
// `npm pkg set type=…` and `npx tsc --init …` lines, the example file as written. The packages
// come from this workspace (the built @sms-partner/* packages, their frameworks as installed
// here), linked into the folder's node_modules, so nothing is downloaded. A README whose example
// imports a package missing from its install line fails here, like the newcomer's `tsc` would.
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
import { commands, extractExamples, installedPackages } from './extract.mjs';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = ['core', 'testing', 'express', 'hono', 'nestjs'];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Command-line tools of the install lines that an example never imports. */
const TOOLS = new Set(['tsx', 'typescript']);

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

/** Sets up the fresh project of one README in `dir`; returns the example's file name. */
async function prepare(pkg, dir) {
  const readme = `packages/${pkg}/README.md`;
  const blocks = extractExamples(readFileSync(join(root, readme), 'utf8'), readme);
  for (const kind of ['install', 'runnable']) {
    if (!blocks[kind]) {
      throw new Error(
        `${readme} has no "<!-- example: ${kind} -->" block (see scripts/readme-examples/extract.mjs).`,
      );
    }
  }
  // `npm init -y` of npm 11 writes "type": "commonjs"; the install block may change it.
  const manifest = { name: `readme-${pkg}`, version: '1.0.0', private: true, type: 'commonjs' };
  const names = new Set();
  let init = [];
  for (const command of commands(blocks.install)) {
    const installed = installedPackages(command);
    const words = command.split(/\s+/);
    if (installed) for (const name of installed) names.add(name);
    else if (command === 'npm init -y') continue;
    else if (words[0] === 'npm' && words[1] === 'pkg' && words[2] === 'set') {
      for (const pair of words.slice(3)) {
        const [key, value] = pair.split('=');
        manifest[key] = value;
      }
    } else if (words[0] === 'npx' && words[1] === 'tsc' && words[2] === '--init')
      init = words.slice(3);
    else {
      throw new Error(
        `${readme}: the install block runs \`${command}\`, which this check does not know how to ` +
          'replay. Teach scripts/readme-examples/typecheck.mjs, or keep the block to npm and npx tsc.',
      );
    }
  }
  if (!names.has('typescript')) {
    throw new Error(
      `${readme}: the install block must install typescript for its tsc --init line.`,
    );
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const name of names) {
    const target = locate(name, pkg);
    if (!target) {
      if (TOOLS.has(name)) continue;
      throw new Error(
        `${readme}: ${name} is on the install line but not installed anywhere in this workspace; ` +
          `add it as a devDependency of packages/${pkg}.`,
      );
    }
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  await run(process.execPath, [tsc, '--init', ...init], { cwd: dir });
  writeFileSync(join(dir, blocks.runnable.file), blocks.runnable.code);
  return { readme, file: blocks.runnable.file, line: blocks.runnable.line };
}

async function check(pkg, base) {
  const dir = join(base, pkg);
  mkdirSync(dir);
  const { readme, file, line } = await prepare(pkg, dir);
  try {
    await run(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: dir });
    return { pkg, ok: true, text: `${pkg}: ${file} type-checks` };
  } catch (error) {
    // Point at the README line: the example starts at `line`.
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.replace(
      new RegExp(`^${file.replace('.', '\\.')}\\((\\d+),(\\d+)\\)`, 'gm'),
      (_, l, c) => `${readme}:${Number(l) + line - 1}:${c}`,
    );
    return { pkg, ok: false, text: `${pkg}: ${file} fails tsc\n${out}` };
  }
}

/**
 * The check must be able to fail: core's example with an import that core does not export has to
 * be refused, which proves the packages' own types are read (not resolved to \`any\`).
 */
async function control(base) {
  const dir = join(base, 'control');
  mkdirSync(dir);
  const { file } = await prepare('core', dir);
  const path = join(dir, file);
  writeFileSync(
    path,
    `import { notAnExportOfCore } from '@sms-partner/core';\nnotAnExportOfCore();\n${readFileSync(path, 'utf8')}`,
  );
  try {
    await run(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: dir });
    return {
      pkg: 'control',
      ok: false,
      text: 'control: a wrong import type-checked, so the check proves nothing',
    };
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
  const results = [];
  const queue = [...selected];
  await Promise.all(
    [0, 1].map(async () => {
      for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
        results.push(
          await check(pkg, base).catch((e) => ({ pkg, ok: false, text: `${pkg}: ${e.message}` })),
        );
      }
    }),
  );
  if (selected.includes('core')) results.push(await control(base));
  results.sort((a, b) => selected.indexOf(a.pkg) - selected.indexOf(b.pkg));
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.text}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`README examples: ${results.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}

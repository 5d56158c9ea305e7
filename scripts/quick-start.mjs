#!/usr/bin/env node
// The README's Quick start commands land here (`npm start`, `npm test`): they need nothing but
// Node >= 20 and npm. This script brings the pinned pnpm (a global one when it is the right
// version, else through npx), installs the workspace from the lockfile, then runs the task.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const [task = 'test', ...rest] = process.argv.slice(2);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${pnpmVersion}`]];
}

const [pnpm, prefix] = pnpmCommand();
const pnpmRun = (args) => run(pnpm, [...prefix, ...args]);

/**
 * Runs `pnpm run check`, passing its output through, and ends with one line that adds up every
 * vitest run (each package prints its own "Tests  N passed" line inside turbo's output).
 */
function check() {
  return new Promise((resolve, reject) => {
    const child = spawn(pnpm, [...prefix, 'run', 'check'], {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    let passed = 0;
    let failed = 0;
    let runs = 0;
    let pending = '';
    const scan = (line) => {
      const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
      const m = /\bTests\s+(?:(\d+) failed \| )?(?:(\d+) passed)?.*\((\d+)\)\s*$/.exec(plain);
      if (!m) return;
      runs++;
      failed += Number(m[1] ?? 0);
      passed += Number(m[2] ?? 0);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) scan(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      scan(pending);
      console.log(`\n${runs} vitest runs, every package's tests added up:`);
      console.log(`tests: ${passed} passed, ${failed} failed`);
      resolve(code ?? 1);
    });
  });
}

const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
if (pnpmRun(['install', ...frozen]) !== 0) process.exit(1);

switch (task) {
  case 'test':
    process.exit(await check());
    break;
  case 'start':
    // Build what the playground imports, then run it with node directly so that Ctrl+C
    // (SIGINT) reaches it without pnpm in between.
    if (pnpmRun(['exec', 'turbo', 'run', 'build', '--filter=@sms-partner/playground^...']) !== 0) {
      process.exit(1);
    }
    process.exit(
      run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...rest], {
        cwd: new URL('apps/playground/', root),
      }),
    );
    break;
  case 'demo':
    if (pnpmRun(['--filter', '@sms-partner/core', 'build']) !== 0) process.exit(1);
    process.exit(run(process.execPath, ['scripts/demo.mjs', ...rest]));
    break;
  default:
    console.error(`Unknown task "${task}". Use "start" or "test".`);
    process.exit(2);
}

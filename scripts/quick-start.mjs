#!/usr/bin/env node
// The README's Quick start commands land here (`npm start`, `npm test`): they need nothing but
// Node >= 20 and npm. This script brings the pinned pnpm (a global one when it is the right
// version, else through npx), installs the workspace from the lockfile, then runs the task.
import { spawnSync } from 'node:child_process';
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

const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
if (pnpmRun(['install', ...frozen]) !== 0) process.exit(1);

switch (task) {
  case 'test':
    process.exit(pnpmRun(['run', 'check']));
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

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '@sms-partner/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CodeBlock,
  cleanBlocks,
  docsDir,
  extractBlocks,
  importedPackages,
  isTypeScript,
  publishedPackages,
  repoRoot,
  runBlock,
  typeCheck,
  where,
} from './code-blocks.js';

const exec = promisify(execFile);
afterAll(cleanBlocks);

/** The guides, and the CLI README (its examples are documentation this package owns too). */
const markdownFiles = [
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(docsDir, name)),
  join(repoRoot, 'packages', 'cli', 'README.md'),
];
const guides = markdownFiles.filter(
  (file) => file.startsWith(docsDir) && !file.endsWith('README.md'),
);
const blocks = markdownFiles.flatMap(extractBlocks);
const published = publishedPackages().map((pkg) => pkg.name);

// A guide may describe a package that is being built on another branch: its blocks wait, named in
// a skipped test, and are checked like the others as soon as the package is in the workspace.
const missingIn = (block: CodeBlock) =>
  (isTypeScript(block)
    ? importedPackages(block)
    : block.lang === 'sh'
      ? [...block.code.matchAll(/@sms-partner\/[a-z0-9-]+/g)].map((m) => m[0])
      : []
  ).filter((name) => !published.includes(name));
const waiting = blocks.filter((block) => missingIn(block).length > 0);
const checked = blocks.filter((block) => !waiting.includes(block));
const tsBlocks = checked.filter(isTypeScript);

describe('the guides', () => {
  it('are all listed in docs/README.md, which links only to files that exist', () => {
    expect(guides.length).toBeGreaterThanOrEqual(6);
    const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
    for (const guide of guides) expect(index).toContain(`(./${relative(docsDir, guide)})`);
    for (const file of markdownFiles.filter((f) => f.startsWith(docsDir))) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\((\.{1,2}\/[^)#\s]+)/g)) {
        expect(
          () => readFileSync(join(docsDir, target!)),
          `${relative(repoRoot, file)} links to ${target}`,
        ).not.toThrow();
      }
    }
  });

  if (waiting.length > 0) {
    const names = [...new Set(waiting.flatMap(missingIn))].join(', ');
    it.skip(`${waiting.length} block(s) wait for ${names}, not in this workspace yet: ${waiting.map((b) => where(b, -1)).join(', ')}`, () => {});
  }

  it('hold only code blocks that are checked here (TypeScript, sms-partner commands, installs, output)', () => {
    const unchecked = blocks.filter((b) => !['ts', 'typescript', 'sh', 'text'].includes(b.lang));
    expect(unchecked.map((b) => `${where(b, -1)} (${b.lang || 'no language'})`)).toEqual([]);
    expect(tsBlocks.length).toBeGreaterThanOrEqual(15);
  });

  it('have TypeScript blocks that type-check against the built packages', () => {
    expect(typeCheck(tsBlocks)).toEqual([]);
  });

  const runnable = tsBlocks.filter((b) => b.flags.includes('run'));
  it.each(runnable.map((block) => [where(block, -1), block] as const))(
    'run block %s exits with 0 and prints what the guide shows',
    async (_, block: CodeBlock) => {
      const result = await runBlock(block, blocks.indexOf(block));
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      if (block.expectedOutput !== undefined) expect(result.stdout).toBe(block.expectedOutput);
    },
  );

  it('run their sms-partner commands successfully, and install only packages that exist', async () => {
    // The CLI README's commands are run by the CLI's own README test, with the files they name.
    const shell = checked.filter((b) => b.lang === 'sh' && b.file.startsWith(docsDir));
    const emulator = await startEmulator({ apiKey: 'guide-key' });
    const dir = mkdtempSync(join(tmpdir(), 'sms-partner-guides-'));
    const shim = join(dir, 'sms-partner');
    const bin = join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
    chmodSync(shim, 0o755);
    try {
      for (const block of shell) {
        for (const [offset, raw] of block.code.split('\n').entries()) {
          const line = raw.replace(/\s+#.*$/, '').trim();
          if (line === '' || line.startsWith('#')) continue;
          const at = where(block, offset);
          const install = /^(?:npm install|pnpm add)(?: -D| --save-dev)? (.+)$/.exec(line);
          if (install) {
            for (const name of install[1]!
              .split(/\s+/)
              .filter((n) => n.startsWith('@sms-partner/'))) {
              expect(published, `${at} installs ${name}`).toContain(name);
            }
            continue;
          }
          // Long-running commands are run by the CLI's own tests.
          if (/^sms-partner emulator\b/.test(line)) continue;
          expect(line, `${at}: only sms-partner commands and installs are allowed`).toMatch(
            /^sms-partner /,
          );
          const result = await exec('sh', ['-c', line], {
            cwd: dir,
            env: {
              PATH: `${dir}:${process.env.PATH ?? ''}`,
              SMS_PARTNER_BASE_URL: emulator.url,
              SMS_PARTNER_API_KEY: 'guide-key',
            },
          }).then(
            () => 0,
            (error: { code: number }) => error.code,
          );
          expect({ at, line, status: result }).toEqual({ at, line, status: 0 });
        }
      }
    } finally {
      await emulator.stop();
    }
  });
});

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const exec = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/**
 * Every command line of the README's `sh` blocks, in order, except the blocks marked for the
 * release test (`<!-- release-test: ... -->`): those run in a fresh project installed from a
 * registry, with `npx`, by scripts/release/run.mjs.
 */
function shellLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/(<!-- release-test:[^>]*-->\n)?```sh\n([\s\S]*?)```/g)) {
    if (block[1] !== undefined) continue;
    for (const line of block[2]!.split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '') lines.push(command);
    }
  }
  return lines;
}

// Not run here: installing from the registry (the release test does), the long-running emulator
// (emulator.test.ts runs it) and the `export` line, whose values this test sets to its own emulator.
const NOT_RUN = [/^npm install /, /^sms-partner emulator /, /^export /];

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: 'demo-key',
    clock: { start: '2025-03-12T10:00:00+01:00' },
  });
  dir = mkdtempSync(join(tmpdir(), 'sms-partner-cli-readme-'));
  // `sms-partner` on the PATH is the built bin, as `npm install -g` would link it.
  const shim = join(dir, 'sms-partner');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  writeFileSync(
    join(dir, 'clients.csv'),
    'prénom;téléphone\nAnne;06 12 34 56 78\nLuc;+33 6 98 76 54 32\n',
  );
});
afterAll(() => emulator.stop());

describe('the README', () => {
  it('runs every command it shows, unchanged, with status 0', async () => {
    const lines = shellLines(readme);
    const run = lines.filter((line) => !NOT_RUN.some((skip) => skip.test(line)));
    expect(run.length).toBeGreaterThanOrEqual(10);
    // The exported variables are the ones the test sets.
    expect(lines).toContain(
      'export SMS_PARTNER_BASE_URL=http://127.0.0.1:4010 SMS_PARTNER_API_KEY=demo-key',
    );
    for (const line of run) {
      const result = await exec('sh', ['-c', line], {
        cwd: dir,
        env: {
          PATH: `${dir}:${process.env.PATH ?? ''}`,
          SMS_PARTNER_BASE_URL: emulator.url,
          SMS_PARTNER_API_KEY: 'demo-key',
        },
      }).catch((error: { code: number; stderr: string }) => error);
      expect({ line, code: 'code' in result ? result.code : 0 }).toEqual({ line, code: 0 });
    }
    // The two sends of the CSV and the one to --to reached the emulator; the dry run did not.
    expect(emulator.messages().map((m) => m.recipients.length)).toEqual([1, 2]);
  });

  it('shows the output analyze really prints', async () => {
    const shown = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
    const { stdout } = await exec(process.execPath, [
      BIN,
      'analyze',
      'Bonjour Zoé, ça coûte 5 € ?',
    ]);
    expect(stdout).toBe(shown);
  });
});

/**
 * The `sms-partner-emulator` bin, run as a child process. The CLI source is bundled with esbuild
 * (core aliased to its source, as in the other tests) so no prior build is needed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sms-partner-cli-'));
const cli = join(dir, 'cli.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(here, '../src/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: cli,
    alias: { '@sms-partner/core': join(here, '../../core/src/index.ts') },
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
}

/** Starts the bin and waits for its "listening on" line. */
function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => (out += c));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: string) => {
      out += c;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, output: () => out, baseUrl: match[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

function stopCli(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

/** Polls the output for a line; the limit only guards against a hang. */
function waitForLine(running: Running, pattern: RegExp): Promise<string> {
  return vi.waitFor(
    () => {
      const line = running
        .output()
        .split('\n')
        .find((l) => pattern.test(l));
      if (!line) throw new Error(`no line matching ${pattern} in:\n${running.output()}`);
      return line;
    },
    { timeout: 30_000, interval: 10 },
  );
}

describe('sms-partner-emulator', () => {
  it('keeps the shebang so the bin runs directly', () => {
    expect(
      readFileSync(join(here, '../src/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n'),
    ).toBe(true);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('serves the API with the given key, logs one redacted line per request, stops on SIGTERM', async () => {
    const running = await startCli([
      '--port',
      '0',
      '--api-key',
      'cli-secret-key',
      '--dlr-delay',
      '10',
    ]);
    try {
      expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
      const me = await fetch(`${running.baseUrl}me?apiKey=cli-secret-key`);
      expect(await me.json()).toMatchObject({ success: true, code: 200 });
      const send = await fetch(`${running.baseUrl}send`, {
        method: 'POST',
        body: JSON.stringify({
          apiKey: 'cli-secret-key',
          phoneNumbers: '0611111111',
          message: 'x',
        }),
      });
      expect(send.status).toBe(200);
      const getLine = await waitForLine(running, /^GET \/v1\/me/);
      expect(getLine).toMatch(/^GET \/v1\/me\?apiKey=REDACTED 200 \d+\.\dms code=200$/);
      const postLine = await waitForLine(running, /^POST \/v1\/send/);
      expect(postLine).toMatch(/^POST \/v1\/send 200 \d+\.\dms key=REDACTED code=200$/);
      expect(running.output()).not.toContain('cli-secret-key');
    } finally {
      expect(await stopCli(running)).toBe(0);
    }
  });

  it('prints a generated key when none is given, and that key works', async () => {
    const running = await startCli(['--port', '0', '--quiet']);
    try {
      const key = /API key: ([0-9a-f]{40})/.exec(await waitForLine(running, /API key:/))?.[1];
      expect(key).toBeDefined();
      const me = await fetch(`${running.baseUrl}me?apiKey=${key}`);
      expect((await me.json()) as object).toMatchObject({ success: true });
    } finally {
      await stopCli(running);
    }
  });

  it('starts its clock where --clock says (a Sunday) and keeps it with --frozen', async () => {
    const running = await startCli([
      '--port',
      '0',
      '--quiet',
      '--api-key',
      'clock-key',
      '--quiet-hours',
      'refuse',
      '--clock',
      '2025-03-16T11:00:00+01:00',
      '--frozen',
    ]);
    try {
      expect(await waitForLine(running, /^Clock:/)).toBe(
        'Clock: 2025-03-16T10:00:00.000Z (frozen)',
      );
      const send = await fetch(`${running.baseUrl}send`, {
        method: 'POST',
        body: JSON.stringify({ apiKey: 'clock-key', phoneNumbers: '0611111111', message: 'Promo' }),
      });
      // Sunday: a refusing account answers 23 (no marketing SMS on Sundays).
      expect(await send.json()).toMatchObject({ success: false, code: 23 });
    } finally {
      await stopCli(running);
    }
  });

  it('names the npm way to pass another port when the port is taken', async () => {
    const first = await startCli(['--port', '0', '--quiet']);
    try {
      const port = new URL(first.baseUrl).port;
      const child = spawn(process.execPath, [cli, '--port', port], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          npm_lifecycle_event: 'emulator',
          npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64',
        },
      });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
      expect(err).toContain('Fix: npm run emulator -- --port <another>, or --port 0');
    } finally {
      await stopCli(first);
    }
  });

  it('refuses bad options with a message and exit code 2', async () => {
    const child = spawn(process.execPath, [cli, '--quiet-hours', 'sometimes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--quiet-hours must be hold, refuse or off, got "sometimes"');
  });
});

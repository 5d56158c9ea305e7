import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from './helpers.js';

/** Starts `sms-partner emulator` and resolves once it prints its address. */
function startBin(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'emulator', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /SMS_PARTNER_BASE_URL=(\S+)/.exec(stdout)?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 20);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited early: ${stderr}`));
    });
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

function stop(child: ChildProcess) {
  child.kill('SIGINT');
}

describe('sms-partner emulator', () => {
  it('serves the emulator until Ctrl+C, with a generated key printed once, and exits with 0', async () => {
    const run = startBin(['--port', '0', '--quiet']);
    const url = await run.ready;
    const key = /SMS_PARTNER_API_KEY=(\S+)/.exec(run.output().stdout)?.[1];
    expect(key).toBeTruthy();
    const credits = await cli(['credits', '--json'], {
      env: { SMS_PARTNER_BASE_URL: url, SMS_PARTNER_API_KEY: key! },
    });
    expect(credits.code).toBe(0);
    expect(JSON.parse(credits.stdout)).toMatchObject({ balance: 100, currency: 'EUR' });
    stop(run.child);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Emulator stopped.');
  });

  it("uses the caller's key for the demo account without printing it, and logs requests redacted", async () => {
    const key = 'cli-emulator-own-key-1618';
    const run = startBin(['--port', '0', '--balance', '3.5'], { SMS_PARTNER_API_KEY: key });
    const url = await run.ready;
    const credits = await cli(['credits', '--json', '--base-url', url], {
      env: { SMS_PARTNER_API_KEY: key },
    });
    expect(JSON.parse(credits.stdout)).toMatchObject({ balance: 3.5 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the log line arrive
    stop(run.child);
    expect(await run.exited).toBe(0);
    const { stdout } = run.output();
    expect(stdout).toContain('GET /v1/me');
    expect(stdout).toContain('REDACTED');
    expect(stdout).not.toContain(key);
  });

  it('exits with 1 when the port is taken and with 2 on a bad option', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const taken = await cli(['emulator', '--port', String(port)]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toBe(
        `sms-partner: port ${port} is already in use; pick another with --port.\n`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const bad = await cli(['emulator', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('needs an integer from 0 to 65535');
    const mode = await cli(['emulator', '--quiet-hours', 'sometimes']);
    expect(mode.code).toBe(2);
  });
});

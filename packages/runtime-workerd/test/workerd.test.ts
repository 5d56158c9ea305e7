/**
 * "Runs on Cloudflare Workers", tested: core's client and `@sms-partner/hono`'s webhook route,
 * bundled from the workspace sources, run inside workerd (Cloudflare's Workers runtime, from the
 * `workerd` npm package) and talk to the emulator running on the host. The Worker may reach the
 * loopback network only. A send goes out through the client inside workerd, and the emulator's
 * delivery report for it comes back through the Hono route inside workerd.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SmsPartnerWebhookEvent } from '@sms-partner/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const SECRET = 'workerd-test-secret-0123456789';
/** Guards the waits against a hang on a loaded machine; nothing is timed. */
const WAIT = { timeout: 60_000, interval: 50 };

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** The workerd binary the npm package installed for this platform. */
const workerdBinary = (createRequire(import.meta.url)('workerd') as { default: string }).default;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A workerd configuration: one Worker on `port`, reaching only the loopback network. */
function config(port: number, bindings: Record<string, string>): string {
  const text = Object.entries(bindings)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(', ');
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [${text}],
);
`;
}

describe('core and the Hono route inside workerd', () => {
  let emulator: Emulator;
  let dir: string;
  let workerd: ChildProcess | undefined;
  let origin: string;
  let output = '';

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ quietHours: 'off' }], dlrDelayMs: 0 });
    dir = await mkdtemp(join(tmpdir(), 'sms-partner-workerd-'));
    // The Worker bundled as Wrangler would: ESM, browser/worker conditions, no Node built-ins
    // (a `node:` import would fail the bundle for the neutral platform).
    await build({
      entryPoints: [here('../worker/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      alias: {
        '@sms-partner/core': here('../../core/src/index.ts'),
        '@sms-partner/hono': here('../../hono/src/index.ts'),
      },
      outfile: join(dir, 'worker.mjs'),
      logLevel: 'silent',
    });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    await writeFile(
      join(dir, 'config.capnp'),
      config(port, {
        EMULATOR_BASE_URL: emulator.baseUrl,
        API_KEY: emulator.apiKey,
        WEBHOOK_SECRET: SECRET,
        SELF_URL: origin,
      }),
    );
    workerd = spawn(workerdBinary, ['serve', join(dir, 'config.capnp')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workerd.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    workerd.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await vi.waitFor(async () => {
      if (workerd?.exitCode !== null) throw new Error(`workerd exited: ${output}`);
      const response = await fetch(`${origin}/events`);
      expect(response.status).toBe(200);
    }, WAIT);
  });

  afterAll(async () => {
    if (workerd && workerd.exitCode === null) {
      const exited = new Promise((resolve) => workerd?.once('exit', resolve));
      workerd.kill('SIGTERM');
      await exited;
    }
    await emulator?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const events = async () =>
    (await (await fetch(`${origin}/events`)).json()) as {
      event: SmsPartnerWebhookEvent & { messageId?: string };
      runtime: string;
    }[];

  it('sends through core inside workerd, and the DLR comes back through the Hono route inside workerd', async () => {
    const response = await fetch(`${origin}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '0612345678', message: 'Bonjour depuis workerd' }),
    });
    const body = (await response.json()) as { messageId: string; urlDlr: string };
    expect(response.status, JSON.stringify(body)).toBe(200);
    // The send reached the emulator on the host, from the Worker, with the Worker's callback URL.
    const [message] = emulator.messages();
    expect(String(message?.messageId)).toBe(body.messageId);
    expect(message?.urlDlr).toBe(body.urlDlr);
    expect(new URL(body.urlDlr).origin).toBe(origin);
    // The emulator's delivery report reaches the Hono route inside workerd and its handler.
    await vi.waitFor(async () => {
      const received = (await events()).filter((e) => e.event.messageId === body.messageId);
      expect(received.map((e) => e.event.type)).toContain('delivery_report');
    }, WAIT);
    const received = (await events()).filter((e) => e.event.messageId === body.messageId);
    const callbacks = emulator.callbacks({ kind: 'dlr' });
    expect(callbacks.length).toBeGreaterThan(0);
    for (const callback of callbacks) {
      expect(callback.attempts.at(-1)?.status).toBe(200);
    }
    // Handled where the Worker runs: workerd's navigator says so.
    expect(new Set(received.map((e) => e.runtime))).toEqual(new Set(['Cloudflare-Workers']));
    console.log(
      `[guarantee] workerd: send ${body.messageId} through core inside workerd reached the ` +
        `emulator; ${callbacks.length} delivery report(s) back through the Hono route inside ` +
        `workerd (statuses ${received.map((e) => (e.event as { status?: string }).status).join(', ')})`,
    );
  });

  it('the Hono route inside workerd refuses bad callbacks and deduplicates, as on Node', async () => {
    const url = `${origin}/webhooks/sms-partner?token=${SECRET}&kind=dlr`;
    const dlr = { msgId: '424242', status: 'delivered', phone: '+33600000000' };
    const post = (target: string, body: string, type = 'application/json') =>
      fetch(target, { method: 'POST', headers: { 'content-type': type }, body });
    const statuses = [
      (await post(url, JSON.stringify(dlr))).status,
      (await post(url, new URLSearchParams(dlr).toString(), 'application/x-www-form-urlencoded'))
        .status,
      (await post(url.replace(SECRET, 'wrong-secret-0123456789abc'), JSON.stringify(dlr))).status,
      (await post(url, '{"msgId":')).status,
      (await post(url, JSON.stringify({ ...dlr, tag: 'x'.repeat(70_000) }))).status,
      (await fetch(url, { method: 'PUT', body: '{}' })).status,
    ];
    expect(statuses).toEqual([200, 200, 401, 400, 413, 405]);
    const handled = (await events()).filter((e) => e.event.messageId === '424242');
    expect(handled).toHaveLength(1);
  });
});

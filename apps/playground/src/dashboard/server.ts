/**
 * The dashboard server (plain `node:http`): the page and its modules, `@sms-partner/core`'s
 * browser build for live analysis, a Server-Sent Events stream of everything that happens, and
 * the few actions the page takes (send through an app, answer from the phone, move the clock).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Emulator } from '@sms-partner/testing';
import type { RunningApp, SendResponseBody } from '../apps/shared.js';
import {
  APP_LABELS,
  type AppName,
  formatParis,
  type LiveStore,
  type LiveUpdate,
} from '../live-store.js';
import { type ClockPreset, clockState, parseParisLocal, presetInstant } from './clock.js';

/** What the dashboard serves and drives. */
export interface DashboardOptions {
  emulator: Emulator;
  apps: Record<AppName, RunningApp>;
  store: LiveStore;
  /** Folder of the page (`index.html`, styles, modules). */
  publicDir: string;
  /** Folder of `@sms-partner/core`'s ESM build (`index.js`). */
  coreDir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};
// One file name, no directory: core's build splits shared code into chunks named in upper case
// (chunk-6VAMVSTF.js), which the pages load through their imports.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(html|js|css|map|svg)$/;
const PRESETS: readonly ClockPreset[] = ['weekday-morning', 'weekday-evening', 'sunday', 'holiday'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a cross-site form cannot send it without a CORS preflight, which is never granted.
  if (!req.headers['content-type']?.startsWith('application/json')) {
    throw new HttpError(415, 'Send the body as application/json.');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 65_536) throw new HttpError(413, 'The body is larger than 64 KiB.');
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'The body must be a JSON object.');
}

async function serveFile(res: ServerResponse, dir: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new HttpError(404, 'Not found.');
  let body: Buffer;
  try {
    body = await readFile(join(dir, name));
  } catch {
    throw new HttpError(404, 'Not found.');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/**
 * The page with the dashboard's state in it, so that its first paint is complete without the
 * event stream (screenshot tools never see the stream go quiet). `<` is escaped so that no text
 * of a message can close the script element.
 */
async function servePage(res: ServerResponse, dir: string, state: unknown): Promise<void> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const json = JSON.stringify(state).replace(/</g, '\\u003c');
  const body = html.replace(
    '<!-- initial-state -->',
    `<script id="initial-state" type="application/json">${json}</script>`,
  );
  res.writeHead(200, {
    'content-type': TYPES['.html'] as string,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** Creates the dashboard's HTTP server (not listening yet). */
export function createDashboardServer(options: DashboardOptions): Server {
  const { emulator, apps, store } = options;
  let realTime = true;
  const streams = new Set<ServerResponse>();

  const state = () => ({
    ...store.snapshot(),
    clock: clockState(emulator, realTime),
    apps: Object.values(apps).map((a) => ({
      name: a.name,
      label: APP_LABELS[a.name],
      url: a.url,
      webhookUrl: a.webhookUrl,
    })),
    emulator: { url: emulator.url },
  });

  const push = (res: ServerResponse, event: string, data: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  store.subscribe((update: LiveUpdate) => {
    for (const res of streams) {
      if (update.type === 'clock') push(res, 'clock', clockState(emulator, realTime));
      else if (update.type === 'message') push(res, 'message', update.message);
      else if (update.type === 'opted-out') push(res, 'opted-out', update.numbers);
      else push(res, 'log', update.entry);
    }
  });

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    push(res, 'snapshot', state());
    streams.add(res);
    // A comment now and then keeps idle proxies from closing the stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  async function send(body: Record<string, unknown>): Promise<unknown> {
    const name = body.app as AppName;
    const app = apps[name];
    if (!app) throw new HttpError(400, 'Choose an app: "express", "hono" or "nestjs".');
    if (typeof body.to !== 'string' || typeof body.message !== 'string') {
      throw new HttpError(400, 'Give a recipient ("to") and a message.');
    }
    const { app: _app, ...payload } = body;
    const view = store.created(name, body.to, body.message);
    let answer: SendResponseBody;
    try {
      const response = await fetch(`${app.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      answer = (await response.json()) as SendResponseBody;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answer = { ok: false, error: { name: 'AppUnreachable', code: 'network', message } };
    }
    if (answer.ok) {
      store.accepted(view.id, answer);
      store.log(name, `Sent #${answer.messageId} to ${answer.recipient} through its client`);
      store.clockChanged();
    } else {
      store.failed(view.id, answer.error);
      store.log(name, `Send failed: ${answer.error.message}`);
    }
    return store.message(view.id);
  }

  async function phone(body: Record<string, unknown>): Promise<unknown> {
    const view = typeof body.id === 'string' ? store.message(body.id) : undefined;
    if (!view?.messageId) throw new HttpError(400, 'Choose a message that SMS Partner accepted.');
    const stop = body.action === 'stop';
    const text =
      typeof body.text === 'string' && body.text.trim() !== '' ? body.text : stop ? 'STOP' : 'OK';
    const target = { phoneNumber: view.to, messageId: Number(view.messageId), text };
    store.log('phone', `${view.to} answers #${view.messageId}: “${text}”`);
    try {
      const record = stop
        ? await emulator.simulateStop(target)
        : await emulator.simulateReply(target);
      return { delivered: record?.state === 'delivered' };
    } catch (error) {
      throw new HttpError(409, error instanceof Error ? error.message : String(error));
    }
  }

  async function clock(body: Record<string, unknown>): Promise<unknown> {
    const before = new Set(clockState(emulator, realTime).releases.map((r) => r.messageId));
    let text: string;
    if (body.action === 'real') {
      await emulator.clock.useRealTime();
      realTime = true;
      text = 'Back to real time';
    } else {
      let target: Date | undefined;
      if (body.action === 'preset' && PRESETS.includes(body.preset as ClockPreset)) {
        target = presetInstant(body.preset as ClockPreset, emulator.clock.now());
      } else if (body.action === 'set' && typeof body.at === 'string') {
        target = parseParisLocal(body.at);
      } else if (body.action === 'release') {
        const next = clockState(emulator, realTime).releases[0];
        if (!next) throw new HttpError(409, 'No message is waiting for its release.');
        target = new Date(next.at);
      }
      if (!target) throw new HttpError(400, 'Unknown clock action or time (YYYY-MM-DDTHH:mm).');
      await emulator.clock.set(target);
      realTime = false;
      text = `Clock set to ${formatParis(target.toISOString())}`;
    }
    const after = new Set(clockState(emulator, realTime).releases.map((r) => r.messageId));
    for (const id of before) if (!after.has(id)) store.released(id);
    store.log('clock', text);
    store.clockChanged();
    return clockState(emulator, realTime);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const path = url.pathname;
    if (req.method === 'GET') {
      if (path === '/') return servePage(res, options.publicDir, state());
      if (path === '/api/events') return events(req, res);
      if (path === '/api/state') return json(res, 200, state());
      if (path.startsWith('/static/')) return serveFile(res, options.publicDir, path.slice(8));
      if (path.startsWith('/vendor/core/')) return serveFile(res, options.coreDir, path.slice(13));
      throw new HttpError(404, 'Not found.');
    }
    if (req.method === 'POST') {
      const actions: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
        '/api/send': send,
        '/api/phone': phone,
        '/api/clock': clock,
      };
      const action = actions[path];
      if (!action) throw new HttpError(404, 'Not found.');
      return json(res, 200, await action(await readJson(req)));
    }
    res.setHeader('allow', 'GET, POST');
    throw new HttpError(405, 'Use GET or POST.');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) json(res, status, { error: message });
      else res.end();
    });
  });
  server.on('close', () => {
    for (const res of streams) res.end();
    streams.clear();
  });
  return server;
}

/**
 * Starts the whole playground in this process: the SMS Partner emulator (a real HTTP server with
 * a demo account), an Express, a Hono and a NestJS app (each on its own port, each with its own
 * client pointed at the emulator and its own webhook route from its adapter), and the dashboard.
 *
 * @example
 * ```ts
 * const playground = await startPlayground({ port: 3000 });
 * console.log(playground.url); // http://127.0.0.1:3000/
 * await playground.stop();
 * ```
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret, type SmsPartnerClientOptions } from '@sms-partner/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { startExpressApp } from './apps/express-app.js';
import { startHonoApp } from './apps/hono-app.js';
import { startNestApp } from './apps/nestjs-app.js';
import { type AppOptions, closeServer, listen, type RunningApp } from './apps/shared.js';
import { createDashboardServer } from './dashboard/server.js';
import { type AppName, LiveStore } from './live-store.js';

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** Port of the dashboard; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface every server listens on. @default '127.0.0.1' */
  host?: string;
  /** Delay between sending and the delivery report, in milliseconds. @default 1500 */
  dlrDelayMs?: number;
  /** Log the emulator's request lines in the live log. @default true */
  logRequests?: boolean;
}

/** A running playground. */
export interface Playground {
  /** The dashboard's address, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  emulator: Emulator;
  apps: Record<AppName, RunningApp>;
  store: LiveStore;
  /** Stops every server (dashboard, apps, emulator). */
  stop(): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const PUBLIC_DIR = here('../public/');
/** Core's ESM build, reached through the workspace link so that it is the installed version. */
export const CORE_DIR = here('../node_modules/@sms-partner/core/dist/');

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(join(CORE_DIR, 'index.js'))) {
    throw new Error(
      `The dashboard needs @sms-partner/core's build (${join(CORE_DIR, 'index.js')} is missing). ` +
        'Fix: run `pnpm --filter @sms-partner/core build` (or `pnpm build`) first.',
    );
  }
  let emulator: Emulator | undefined;
  const store = new LiveStore(() => emulator?.clock.now() ?? new Date());
  const started: { close(): Promise<void> }[] = [];
  try {
    const logRequests = options.logRequests ?? true;
    emulator = await startEmulator({
      host,
      dlrDelayMs: options.dlrDelayMs ?? 1500,
      accounts: [{ username: 'demo@playground.test', firstname: 'Demo', lastname: 'Playground' }],
      ...(logRequests && { logger: (line: string) => store.log('emulator', line) }),
    });
    const running = emulator;
    started.push({ close: () => running.stop() });
    const client: SmsPartnerClientOptions = {
      apiKey: running.apiKey,
      baseUrl: running.url,
      // One clock for the emulator and the clients, so that moving it moves quiet hours for both.
      now: () => running.clock.now(),
      timeout: 10_000,
    };
    const appOptions = (): AppOptions => ({
      client,
      secret: generateWebhookSecret(),
      webhookPath: '/sms-partner/webhooks',
      store,
      host,
    });
    const apps = {} as Record<AppName, RunningApp>;
    for (const start of [startExpressApp, startHonoApp, startNestApp]) {
      const app = await start(appOptions());
      started.push(app);
      apps[app.name] = app;
    }
    const dashboard: Server = createDashboardServer({
      emulator: running,
      apps,
      store,
      publicDir: PUBLIC_DIR,
      coreDir: CORE_DIR,
    });
    const origin = await listen(dashboard, host, options.port ?? 0);
    started.push({ close: () => closeServer(dashboard) });
    return {
      url: `${origin}/`,
      emulator: running,
      apps,
      store,
      stop: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

/** Closes in reverse order of start: the dashboard first, the emulator last. */
async function closeAll(started: { close(): Promise<void> }[]): Promise<void> {
  for (const server of started.splice(0).reverse()) {
    await server.close().catch(() => undefined);
  }
}

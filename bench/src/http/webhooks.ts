/**
 * Webhook throughput through each adapter against a bare JSON route of the same framework, in
 * the same server process: both routes receive the same delivery-report body (a unique `msgId`
 * per request, so that the adapter's default deduplication lets every request reach the handler),
 * with the same concurrency and duration, in interleaved rounds; the median of the rounds.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCallbackUrls } from '@sms-partner/core';
import { agentFor, load, type Target } from './load.js';
import { BARE_PATH, SECRET, WEBHOOK_PATH } from './shared.js';

export const FRAMEWORKS = {
  express: 'Express 5.3.0 (`smsPartnerWebhooks` router)',
  hono: 'Hono 4.13.19 on @hono/node-server 2.1.9 (`smsPartnerWebhooks` handler)',
  'nest-express':
    'NestJS 11 on platform-express (`SmsPartnerModule` webhooks, `@OnDeliveryReport()`)',
  'nest-fastify':
    'NestJS 11 on platform-fastify (`SmsPartnerModule` webhooks, `@OnDeliveryReport()`)',
} as const;
export type Framework = keyof typeof FRAMEWORKS;

export interface WebhookSettings {
  concurrency: number;
  rounds: number;
  roundSeconds: number;
  warmSeconds: number;
  maxRequests: number;
  /** Only these frameworks (all when absent): for quicker runs while working on one adapter. */
  only?: readonly Framework[];
}

export interface WebhookResult {
  framework: Framework;
  /** Median requests per second, per route. */
  webhook: number;
  bare: number;
  /** The webhook route of the same server with `dedupe: false` (a second process). */
  noDedupe: number;
  webhookRounds: number[];
  bareRounds: number[];
  noDedupeRounds: number[];
  /** Median CPU time of the server process per request, µs, per route (user + system). */
  cpuUs: Record<Route, number>;
  cpuRounds: Record<Route, number[]>;
  /** Requests that reached each handler, as counted by the servers. */
  reached: Counts;
  sent: Counts;
}

/** The delivery report as SMS Partner posts it (see core's README); 12-digit msgId, fixed length. */
export function deliveryReport(n: number): string {
  return JSON.stringify({
    status: 'delivered',
    msgId: String(100_000_000_000 + n),
    date: 1764768485,
    phone: '+33600000000',
    cost: '0.049',
    currency: 'EUR',
    tag: 'bench',
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ROUTES = ['webhook', 'bare', 'noDedupe'] as const;
export type Route = (typeof ROUTES)[number];
type Counts = Record<Route, number>;

interface Server {
  framework: Framework;
  /** The server under test, and the same server with `dedupe: false`. */
  children: { main: ChildProcess; noDedupe: ChildProcess };
  agents: Record<Route, http.Agent>;
  targets: Record<Route, Target>;
}

function spawnServer(framework: Framework, variant: string): Promise<[ChildProcess, number]> {
  const file = fileURLToPath(new URL('./server.mjs', import.meta.url));
  const child = fork(file, [framework, variant], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${framework} server exited (${code})`)));
    child.once('message', (message) => resolve([child, (message as { port: number }).port]));
  });
}

async function start(framework: Framework, concurrency: number): Promise<Server> {
  const [main, port] = await spawnServer(framework, 'default');
  const [noDedupe, port2] = await spawnServer(framework, 'no-dedupe');
  const { urlDlr } = createCallbackUrls({
    baseUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    secret: SECRET,
  });
  const query = new URL(urlDlr).search;
  return {
    framework,
    children: { main, noDedupe },
    agents: {
      webhook: agentFor(concurrency),
      bare: agentFor(concurrency),
      noDedupe: agentFor(concurrency),
    },
    targets: {
      webhook: { port, path: `${WEBHOOK_PATH}${query}`, body: deliveryReport },
      // The same query string on the bare route, so that both requests have the same size.
      bare: { port, path: `${BARE_PATH}${query}`, body: deliveryReport },
      noDedupe: { port: port2, path: `${WEBHOOK_PATH}${query}`, body: deliveryReport },
    },
  };
}

function countsOf(child: ChildProcess): Promise<{ webhook: number; bare: number }> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as { webhook: number; bare: number }));
    child.send('counts');
  });
}

/** CPU time (µs) the child has used so far. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listener = (m: unknown) => {
      if (m && typeof m === 'object' && 'cpu' in m) {
        child.off('message', listener);
        resolve((m as { cpu: number }).cpu);
      }
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

export async function webhookBench(
  settings: WebhookSettings,
  log: (line: string) => void,
): Promise<WebhookResult[]> {
  const frameworks = (Object.keys(FRAMEWORKS) as Framework[]).filter(
    (framework) => !settings.only || settings.only.includes(framework),
  );
  const servers: Server[] = [];
  for (const f of frameworks) servers.push(await start(f, settings.concurrency));
  try {
    const routes = ROUTES;
    const sent = servers.map((): Counts => ({ webhook: 0, bare: 0, noDedupe: 0 }));
    const perRoute = (): Record<Route, number[]> => ({ webhook: [], bare: [], noDedupe: [] });
    const rounds = servers.map(perRoute);
    const cpuRounds = servers.map(perRoute);
    const run = async (i: number, route: Route, seconds: number) => {
      const s = servers[i]!;
      const child = route === 'noDedupe' ? s.children.noDedupe : s.children.main;
      const before = await cpuOf(child);
      const r = await load(s.agents[route], s.targets[route], {
        concurrency: settings.concurrency,
        seconds,
        maxRequests: settings.maxRequests,
      });
      const cpu = (await cpuOf(child)) - before;
      sent[i]![route] += r.requests;
      return { perSecond: r.perSecond, cpuPerRequest: cpu / r.requests };
    };
    // Warm-up: every route once (JIT, connections).
    for (let i = 0; i < servers.length; i++) {
      for (const route of routes) await run(i, route, settings.warmSeconds);
    }
    for (let r = 0; r < settings.rounds; r++) {
      for (let k = 0; k < servers.length; k++) {
        const i = (k + r) % servers.length; // rotate the frameworks between rounds
        // rotate the routes too, so that none always follows another
        const order = routes.map((_, j) => routes[(j + r) % routes.length]!);
        for (const route of order) {
          const result = await run(i, route, settings.roundSeconds);
          rounds[i]![route].push(result.perSecond);
          cpuRounds[i]![route].push(result.cpuPerRequest);
        }
      }
      log(`  webhook round ${r + 1}/${settings.rounds} done`);
    }
    const results: WebhookResult[] = [];
    for (let i = 0; i < servers.length; i++) {
      const main = await countsOf(servers[i]!.children.main);
      const other = await countsOf(servers[i]!.children.noDedupe);
      results.push({
        framework: servers[i]!.framework,
        webhook: median(rounds[i]!.webhook),
        bare: median(rounds[i]!.bare),
        noDedupe: median(rounds[i]!.noDedupe),
        webhookRounds: rounds[i]!.webhook,
        bareRounds: rounds[i]!.bare,
        noDedupeRounds: rounds[i]!.noDedupe,
        cpuUs: {
          webhook: median(cpuRounds[i]!.webhook),
          bare: median(cpuRounds[i]!.bare),
          noDedupe: median(cpuRounds[i]!.noDedupe),
        },
        cpuRounds: cpuRounds[i]!,
        reached: { ...main, noDedupe: other.webhook },
        sent: sent[i]!,
      });
    }
    return results;
  } finally {
    for (const s of servers) {
      for (const route of ROUTES) s.agents[route].destroy();
      for (const child of [s.children.main, s.children.noDedupe]) {
        child.removeAllListeners('exit');
        child.send('exit');
      }
    }
  }
}

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
}

export interface WebhookResult {
  framework: Framework;
  /** Median requests per second, per route. */
  webhook: number;
  bare: number;
  webhookRounds: number[];
  bareRounds: number[];
  /** Requests that reached each handler, as counted by the server. */
  reached: { webhook: number; bare: number };
  sent: { webhook: number; bare: number };
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

interface Server {
  framework: Framework;
  child: ChildProcess;
  port: number;
  agents: { webhook: http.Agent; bare: http.Agent };
  targets: { webhook: Target; bare: Target };
}

function start(framework: Framework, concurrency: number): Promise<Server> {
  const file = fileURLToPath(new URL('./server.mjs', import.meta.url));
  const child = fork(file, [framework], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${framework} server exited (${code})`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      const { urlDlr } = createCallbackUrls({
        baseUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
        secret: SECRET,
      });
      const query = new URL(urlDlr).search;
      resolve({
        framework,
        child,
        port,
        agents: { webhook: agentFor(concurrency), bare: agentFor(concurrency) },
        targets: {
          webhook: { port, path: `${WEBHOOK_PATH}${query}`, body: deliveryReport },
          // The same query string on the bare route, so that both requests have the same size.
          bare: { port, path: `${BARE_PATH}${query}`, body: deliveryReport },
        },
      });
    });
  });
}

function counts(server: Server): Promise<{ webhook: number; bare: number }> {
  return new Promise((resolve) => {
    server.child.once('message', (m) => resolve(m as { webhook: number; bare: number }));
    server.child.send('counts');
  });
}

export async function webhookBench(
  settings: WebhookSettings,
  log: (line: string) => void,
): Promise<WebhookResult[]> {
  const frameworks = Object.keys(FRAMEWORKS) as Framework[];
  const servers: Server[] = [];
  for (const f of frameworks) servers.push(await start(f, settings.concurrency));
  try {
    const routes = ['webhook', 'bare'] as const;
    const sent = servers.map(() => ({ webhook: 0, bare: 0 }));
    const rounds = servers.map(() => ({ webhook: [] as number[], bare: [] as number[] }));
    const run = async (i: number, route: (typeof routes)[number], seconds: number) => {
      const s = servers[i]!;
      const r = await load(s.agents[route], s.targets[route], {
        concurrency: settings.concurrency,
        seconds,
        maxRequests: settings.maxRequests,
      });
      sent[i]![route] += r.requests;
      return r.perSecond;
    };
    // Warm-up: every route once (JIT, connections).
    for (let i = 0; i < servers.length; i++) {
      for (const route of routes) await run(i, route, settings.warmSeconds);
    }
    for (let r = 0; r < settings.rounds; r++) {
      for (let k = 0; k < servers.length; k++) {
        const i = (k + r) % servers.length; // rotate the frameworks between rounds
        // alternate which route goes first, so that neither always follows the other
        const order = r % 2 ? (['bare', 'webhook'] as const) : routes;
        for (const route of order)
          rounds[i]![route].push(await run(i, route, settings.roundSeconds));
      }
      log(`  webhook round ${r + 1}/${settings.rounds} done`);
    }
    const results: WebhookResult[] = [];
    for (let i = 0; i < servers.length; i++) {
      const reached = await counts(servers[i]!);
      results.push({
        framework: servers[i]!.framework,
        webhook: median(rounds[i]!.webhook),
        bare: median(rounds[i]!.bare),
        webhookRounds: rounds[i]!.webhook,
        bareRounds: rounds[i]!.bare,
        reached,
        sent: sent[i]!,
      });
    }
    return results;
  } finally {
    for (const s of servers) {
      s.agents.webhook.destroy();
      s.agents.bare.destroy();
      s.child.removeAllListeners('exit');
      s.child.send('exit');
    }
  }
}

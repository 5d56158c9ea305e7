/**
 * Runs the two HTTP benchmarks (adapter webhooks, client overhead) and renders their
 * BENCHMARKS.md sections, with the ratios against the product's targets.
 */

import { fmt, table } from '../markdown.js';
import { type ClientResult, type ClientSettings, clientBench } from './client.js';
import {
  FRAMEWORKS,
  type Framework,
  type WebhookResult,
  type WebhookSettings,
  webhookBench,
} from './webhooks.js';

export const HTTP_SETTINGS = {
  quick: {
    webhooks: {
      concurrency: 8,
      rounds: 2,
      roundSeconds: 0.25,
      warmSeconds: 0.2,
      maxRequests: 20_000,
    },
    client: { rounds: 3, callsPerRound: 50, warmCalls: 20 },
  },
  full: {
    webhooks: {
      concurrency: 8,
      rounds: 5,
      roundSeconds: 1.5,
      warmSeconds: 1,
      maxRequests: 200_000,
    },
    client: { rounds: 21, callsPerRound: 150, warmCalls: 200 },
  },
} satisfies Record<string, { webhooks: WebhookSettings; client: ClientSettings }>;

const spread = (values: number[], digits = 0) =>
  `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;

/** The webhook and client sections; with `only: 'webhooks'`, the webhook section alone. */
export async function httpSections(
  quick: boolean,
  log: (line: string) => void,
  only?: 'webhooks',
  frameworks?: readonly Framework[],
): Promise<string> {
  const settings = quick ? HTTP_SETTINGS.quick : HTTP_SETTINGS.full;
  log('webhook adapters vs bare routes...');
  const hooks = await webhookBench(
    frameworks ? { ...settings.webhooks, only: frameworks } : settings.webhooks,
    log,
  );
  const webhooks = webhookSection(hooks, settings.webhooks);
  if (only === 'webhooks') return webhooks;
  log('client vs raw fetch...');
  const calls = await clientBench(settings.client, log);
  return `${webhooks}
${clientSection(calls, settings.client)}`;
}

function webhookSection(hooks: WebhookResult[], w: WebhookSettings): string {
  const hookRows = hooks.map((h) => {
    const ratio = h.webhook / h.bare;
    const allReached =
      h.reached.webhook === h.sent.webhook &&
      h.reached.bare === h.sent.bare &&
      h.reached.noDedupe === h.sent.noDedupe;
    return [
      FRAMEWORKS[h.framework],
      fmt(h.bare),
      fmt(h.webhook),
      `${fmt(ratio * 100, 1)} %`,
      ratio >= 0.8 ? 'yes' : '**no**',
      `${fmt(h.noDedupe)} (${fmt((h.noDedupe / h.bare) * 100, 1)} %)`,
      `${spread(h.bareRounds)} / ${spread(h.webhookRounds)} / ${spread(h.noDedupeRounds)}`,
      `${fmt(h.cpuUs.bare)} / ${fmt(h.cpuUs.webhook)} (${fmt((h.cpuUs.bare / h.cpuUs.webhook) * 100, 1)} %)`,
      allReached
        ? 'all'
        : `**${fmt(h.reached.webhook)} of ${fmt(h.sent.webhook)} / ${fmt(h.reached.bare)} of ${fmt(h.sent.bare)} / ${fmt(h.reached.noDedupe)} of ${fmt(h.sent.noDedupe)}**`,
    ];
  });
  const missedHooks = hooks.filter((h) => h.webhook / h.bare < 0.8);
  return `## Webhook handling through each adapter (target: ≥ 80 % of the framework's bare JSON route)

One server per framework, each in its own child process, with two routes: the adapter's webhook
route (a valid token, the default in-memory deduplication, a \`onDeliveryReport\` that counts) and a
bare route of the same framework that parses the same JSON body and answers 200
(\`express.json()\`, \`c.req.json()\`, Nest's \`@Body()\`). Both receive the same delivery report
(\`{ status, msgId, date, phone, cost, currency, tag }\`, a unique 12-digit \`msgId\` per request so
that every request reaches the handler) with the same query string. The load comes from this
process: ${w.concurrency} concurrent keep-alive connections (\`node:http\` Agent), each sending one
request at a time, on 127.0.0.1. After a warm-up of ${w.warmSeconds} s per route, ${w.rounds} rounds of
${w.roundSeconds} s per route, interleaved (frameworks rotate, the route order alternates), median.
Every answer must be 200 or the run fails; the last column checks that each handler counted every
request sent to it. As a diagnostic, a second process per framework runs the same server with the
adapter's \`dedupe: false\`; its webhook route is loaded in the same rounds. The target is judged on
the default configuration. Load generator and servers share the machine's cores. As a steadier
second view on a busy machine, the servers report their own CPU time (user + system) around each
round: CPU per request of each route, and bare ÷ webhook of it (what the throughput ratio would be
if the server's core were the only limit).

${table(['framework', 'bare route req/s', 'webhook route req/s', 'webhook ÷ bare', '≥ 80 %', 'diagnostic: webhook with `dedupe: false` req/s (÷ bare)', 'round spread (bare / webhook / no dedupe)', 'server CPU µs/request, bare / webhook (bare ÷ webhook)', 'every request reached its handler'], hookRows)}

${
  missedHooks.length
    ? `**Target missed** for ${missedHooks.map((h) => `${h.framework} (${fmt((h.webhook / h.bare) * 100, 1)} %)`).join(', ')}.`
    : 'Target met for every adapter in this run.'
}
`;
}

function clientSection(calls: ClientResult[], c: ClientSettings): string {
  const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${fmt((ratio - 1) * 100, 1)} %`;
  const callRows = calls.map((r) => [
    r.name,
    r.concurrency === 1 ? 'sequential' : `${r.concurrency} concurrent`,
    fmt(r.rawUs),
    fmt(r.clientUs),
    pct(r.wallRatio),
    r.wallRatio < 1.1 ? 'yes' : '**no**',
    `${fmt(r.rawCpuUs)} / ${fmt(r.clientCpuUs)} (${pct(r.cpuRatio)})`,
    `${spread(r.rawRounds)} / ${spread(r.clientRounds)}`,
    `${fmt(r.signalUs)} µs, ${fmt(r.signalCpuUs)} CPU: client ${pct(r.signalWallRatio)} / ${pct(r.signalCpuRatio)} CPU`,
  ]);
  const missedCalls = calls.filter((r) => r.wallRatio >= 1.1);

  return `## Client overhead against the emulator (target: < 10 % over raw \`fetch\`)

\`SmsPartnerClient\` (built packages, \`sandbox: true\`) against \`fetch\` of the same URL with the
same method, headers and body (captured from the client's own request), whose JSON answer is
parsed, both against one \`@sms-partner/testing\` emulator in its own child process on 127.0.0.1
(Node's \`fetch\` keeps connections alive for both). The client adds argument validation, URL and
body building, the timeout timer, answer interpretation and typed results. After ${c.warmCalls} warm-up
calls each, ${c.rounds} rounds of ${c.callsPerRound} calls each, client and raw back to back, alternating which goes
first; µs per call are the medians of the rounds, overheads the medians of the per-round client ÷ raw
ratios (a change of the machine's speed between rounds cancels out within a pair). CPU is the
caller's (user + system, the emulator's excluded).

As a diagnostic, the same rounds also run raw \`fetch\` with a timeout signal: an
AbortController, a 30 s timer that never fires, cleared when the answer is read, which is what
honouring \`timeout\` and a caller's \`signal\` takes. Node 20's \`fetch\` (undici) pays for
a signal on every request (listeners on it, \`setMaxListeners\`, its own abort wiring); the
last column shows the client's overhead over that request, the part that is the client's own
work. The target is judged against plain raw \`fetch\`.

${table(['call', 'callers', 'raw fetch µs/call', 'client µs/call', 'client overhead', '< 10 %', 'caller CPU µs/call (raw / client)', 'round spread µs (raw / client)', 'diagnostic: raw fetch with a timeout signal, and the client over it (wall / CPU)'], callRows)}

${
  missedCalls.length
    ? `**Target missed** for ${missedCalls.map((r) => `${r.name} ${r.concurrency === 1 ? 'sequential' : `×${r.concurrency}`} (${pct(r.wallRatio)})`).join(', ')}.`
    : 'Target met for every case in this run.'
}
`;
}

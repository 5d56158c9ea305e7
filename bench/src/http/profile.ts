/**
 * `pnpm --filter @sms-partner/bench profile:webhooks [framework...] [--route webhook|bare|both]
 * [--seconds N] [--top N] [--keep DIR]`: starts the benchmark's server for each framework, warms
 * one route up with the benchmark's own load generator, then records a CPU profile of the server
 * (V8's sampling profiler, the one behind `node --cpu-prof`, started through the inspector so that
 * start-up is left out) while loading the route, and prints where the server's time went: self time
 * aggregated by function (name, file, line) and by package (node internals, express, hono,
 * @sms-partner/core, ...). `--keep DIR` writes the `.cpuprofile` files there (open them in Chrome
 * DevTools or speedscope). Not part of `pnpm bench`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCallbackUrls } from '@sms-partner/core';
import { agentFor, load } from './load.js';
import { BARE_PATH, SECRET, WEBHOOK_PATH } from './shared.js';
import { deliveryReport, FRAMEWORKS, type Framework } from './webhooks.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in microseconds per function and per package of one `.cpuprofile`. */
export function selfTimes(profile: CpuProfile): {
  total: number;
  byFunction: Map<string, number>;
  byPackage: Map<string, number>;
} {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = frames.get(profile.samples[i]!);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame) continue;
    total += delta;
    const key = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    const pkg = packageOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
  }
  return { total, byFunction, byPackage };
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const packages = url.indexOf('/packages/');
  if (packages >= 0) return url.slice(packages + 1);
  return url.replace(/^file:\/\/.*\/bench\//, 'bench/');
}

function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    // (garbage collector), (program), (idle), and native builtins.
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace) return `@sms-partner/${workspace[1]}`;
  return 'bench';
}

function table(entries: Map<string, number>, total: number, requests: number, top: number): string {
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, us]) =>
        `${((us / total) * 100).toFixed(1).padStart(5)} % ${(us / requests).toFixed(2).padStart(7)} µs/req  ${key}`,
    )
    .join('\n');
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: unknown) => {
      if (reply && typeof reply === 'object' && key in reply) {
        child.off('message', listener);
        resolve((reply as Record<string, T>)[key]!);
      }
    };
    child.on('message', listener);
    child.send(message);
  });
}

async function profileOne(
  framework: Framework,
  route: 'webhook' | 'bare',
  seconds: number,
): Promise<{ profile: CpuProfile; requests: number }> {
  const file = fileURLToPath(new URL('./server.mjs', import.meta.url));
  const child = fork(file, [framework, 'default'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve((m as { port: number }).port));
  });
  const { urlDlr } = createCallbackUrls({
    baseUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    secret: SECRET,
  });
  const query = new URL(urlDlr).search;
  const agent = agentFor(8);
  const target = {
    port,
    path: `${route === 'webhook' ? WEBHOOK_PATH : BARE_PATH}${query}`,
    body: deliveryReport,
  };
  try {
    await load(agent, target, { concurrency: 8, seconds: 2, maxRequests: 1e9 }); // warm-up
    await ask(child, 'profile-start', 'profiling');
    const result = await load(agent, target, { concurrency: 8, seconds, maxRequests: 1e9 });
    const profile = await ask<CpuProfile>(child, 'profile-stop', 'profile');
    process.stdout.write(
      `${framework} ${route}: ${Math.round(result.perSecond)} req/s while profiled\n`,
    );
    return { profile, requests: result.requests };
  } finally {
    agent.destroy();
    child.send('exit');
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const [value] = args.splice(at, 2).slice(1);
    return value ?? fallback;
  };
  const routeOption = option('route', 'webhook');
  const routes = (routeOption === 'both' ? ['bare', 'webhook'] : [routeOption]) as (
    | 'webhook'
    | 'bare'
  )[];
  const seconds = Number(option('seconds', '5'));
  const top = Number(option('top', '35'));
  const keep = option('keep', '');
  const frameworks = (args.length ? args : Object.keys(FRAMEWORKS)) as Framework[];
  for (const framework of frameworks) {
    for (const route of routes) {
      const { profile, requests } = await profileOne(framework, route, seconds);
      if (keep) {
        mkdirSync(keep, { recursive: true });
        const out = path.resolve(keep, `${framework}-${route}.cpuprofile`);
        writeFileSync(out, JSON.stringify(profile));
        process.stdout.write(`profile written to ${out}\n`);
      }
      const { total, byFunction, byPackage } = selfTimes(profile);
      // Idle time is the server waiting for the load generator, not work: leave it out.
      const idle = byPackage.get('(idle)') ?? 0;
      const busy = total - idle;
      for (const key of [...byFunction.keys()])
        if (key.startsWith('(idle)')) byFunction.delete(key);
      byPackage.delete('(idle)');
      process.stdout.write(
        `\n== ${framework}, ${route} route: ${requests} requests, ${(busy / 1e6).toFixed(2)} s busy of ${(total / 1e6).toFixed(2)} s (${(busy / requests).toFixed(1)} µs/request); self time by package (% of busy, µs per request)\n${table(byPackage, busy, requests, 20)}\n\n-- by function\n${table(byFunction, busy, requests, top)}\n\n`,
      );
    }
  }
}

await main();

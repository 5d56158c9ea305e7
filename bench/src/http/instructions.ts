/**
 * `pnpm --filter @sms-partner/bench instructions:webhooks [framework...] [--requests N]
 * [--warm N] [--rounds N] [--keep DIR]`: instructions per request of each route, counted by
 * Valgrind's callgrind in the benchmark's server process, which a busy machine does not change
 * the way it changes timings. The server runs under callgrind with instrumentation off; after a
 * warm-up (so that V8 has optimised the hot code), each round turns it on, sends `--requests`
 * requests to one route with the benchmark's load generator, and dumps the counts; bare and
 * webhook rounds alternate. Prints, per round and as medians: all instructions, and those left
 * once V8's optimising compilers are taken out (compiling is a one-off cost a long-running
 * server amortises), per request. Needs `valgrind` (Debian: `apt-get install valgrind`). Slow:
 * several minutes per framework. Not part of `pnpm bench`.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCallbackUrls } from '@sms-partner/core';
import { agentFor, load } from './load.js';
import { BARE_PATH, SECRET, WEBHOOK_PATH } from './shared.js';
import { deliveryReport, FRAMEWORKS, type Framework } from './webhooks.js';

type Route = 'bare' | 'webhook';

/** Instructions of one callgrind dump: all, and without V8's compilers (JIT warm-up). */
export function countsOf(file: string): { all: number; run: number } {
  const text = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], {
    maxBuffer: 1 << 28,
  }).toString();
  let all = 0;
  let compile = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (!match || match[2]!.includes('PROGRAM TOTALS')) continue;
    const ir = Number(match[1]!.replace(/,/g, ''));
    all += ir;
    if (/v8::internal::(compiler|maglev|baseline)::|LiveRange|_Rb_tree/.test(match[2]!)) {
      compile += ir;
    }
  }
  return { all, run: all - compile };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(
  framework: Framework,
  settings: { requests: number; warm: number; rounds: number },
  dir: string,
): Promise<Record<Route, { all: number[]; run: number[] }>> {
  const file = fileURLToPath(new URL('./server.mjs', import.meta.url));
  const child: ChildProcess = fork(file, [framework, 'default'], {
    execPath: 'valgrind',
    execArgv: [
      '--tool=callgrind',
      '--smc-check=all-non-file',
      '--instr-atstart=no',
      '--dump-instr=no',
      `--callgrind-out-file=${dir}/callgrind.%p`,
      process.execPath,
      // One thread runs everything, so that every instruction lands in the counted process.
      '--single-threaded',
    ],
    // Valgrind's own messages and the server's, kept for when something goes wrong.
    stdio: ['ignore', 'ignore', openSync(path.join(dir, 'server.log'), 'w'), 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    child.once('message', (m) => resolve((m as { port: number }).port));
  });
  const control = (...args: string[]) =>
    execFileSync('callgrind_control', [...args, String(child.pid)], { stdio: 'ignore' });
  const { urlDlr } = createCallbackUrls({
    baseUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    secret: SECRET,
  });
  const query = new URL(urlDlr).search;
  const targets = {
    bare: { port, path: `${BARE_PATH}${query}`, body: deliveryReport },
    webhook: { port, path: `${WEBHOOK_PATH}${query}`, body: deliveryReport },
  };
  // A fresh agent per round: the server (slowed down a lot) may have closed idle connections.
  const send = async (route: Route, requests: number) => {
    const agent: http.Agent = agentFor(8);
    try {
      await load(agent, targets[route], {
        concurrency: 8,
        seconds: 1e9,
        maxRequests: requests,
        retryReset: true,
      });
    } finally {
      agent.destroy();
    }
  };
  const results: Record<Route, { all: number[]; run: number[] }> = {
    bare: { all: [], run: [] },
    webhook: { all: [], run: [] },
  };
  try {
    for (const route of ['bare', 'webhook', 'bare', 'webhook'] as const) {
      await send(route, settings.warm / 2);
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const route of round % 2
        ? (['webhook', 'bare'] as const)
        : (['bare', 'webhook'] as const)) {
        control('--instr=on');
        control('--zero');
        await send(route, settings.requests);
        control(`--dump=${route}`);
        control('--instr=off');
        const dumps = readdirSync(dir)
          .filter((name) => name.startsWith(`callgrind.${child.pid}.`))
          .sort((a, b) => Number(a.split('.').at(-1)) - Number(b.split('.').at(-1)));
        const counts = countsOf(path.join(dir, dumps.at(-1)!));
        results[route].all.push(Math.round(counts.all / settings.requests));
        results[route].run.push(Math.round(counts.run / settings.requests));
        process.stdout.write(
          `  ${framework} round ${round + 1} ${route}: ${results[route].all.at(-1)} instructions/request, ${results[route].run.at(-1)} without compiling\n`,
        );
      }
    }
  } finally {
    child.removeAllListeners('exit');
    child.send('exit');
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const [value] = args.splice(at, 2).slice(1);
    return value ?? fallback;
  };
  const settings = {
    requests: Number(option('requests', '800')),
    warm: Number(option('warm', '8000')),
    rounds: Number(option('rounds', '4')),
  };
  const keep = option('keep', '');
  const frameworks = (args.length ? args : Object.keys(FRAMEWORKS)) as Framework[];
  const lines: string[] = [];
  for (const framework of frameworks) {
    const dir = keep
      ? path.resolve(keep, framework)
      : mkdtempSync(path.join(os.tmpdir(), 'sms-partner-callgrind-'));
    mkdirSync(dir, { recursive: true });
    const r = await measure(framework, settings, dir);
    const bare = median(r.bare.run);
    const webhook = median(r.webhook.run);
    lines.push(
      `${framework}: bare ${bare} / webhook ${webhook} instructions per request without compiling (bare ÷ webhook ${((bare / webhook) * 100).toFixed(1)} %); all instructions ${median(r.bare.all)} / ${median(r.webhook.all)}`,
    );
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

await main();

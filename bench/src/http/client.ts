/**
 * Client overhead against the emulator: `client.account.me()` and `client.sms.send()` (sandbox)
 * against a raw `fetch` of the same URL with the same headers and body, captured from the client
 * itself, whose JSON is parsed. The emulator runs in its own process. Sequential calls and 8
 * concurrent callers; interleaved rounds; median time per call, and the median CPU time (user +
 * system) this process spent per call, which excludes the emulator and is far steadier than wall
 * time on a shared machine. Overheads are the median of the per-round ratios (client ÷ raw of
 * the same round), so that the machine's speed changing between rounds cancels out.
 *
 * A third contender, raw `fetch` with a timeout signal (an AbortController aborted by a timer,
 * cleared when the answer is read: what the client does to honour `timeout`), shows what of the
 * overhead is Node's `fetch` handling a signal rather than the client's own work. It is a
 * diagnostic: the target is judged against plain raw `fetch`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SmsPartnerClient } from '@sms-partner/core';
import { API_KEY } from './shared.js';

export interface ClientSettings {
  rounds: number;
  callsPerRound: number;
  warmCalls: number;
}

export interface ClientResult {
  name: string;
  concurrency: number;
  /** Median microseconds per call (wall time of a round ÷ calls). */
  clientUs: number;
  rawUs: number;
  clientRounds: number[];
  rawRounds: number[];
  /** Median caller CPU microseconds per call (`process.cpuUsage()` around a round ÷ calls). */
  clientCpuUs: number;
  rawCpuUs: number;
  clientCpuRounds: number[];
  rawCpuRounds: number[];
  /**
   * Median over rounds of client ÷ raw of the same round (the two run back to back, in
   * alternating order), wall and CPU: a drift of the machine's speed cancels out within a pair,
   * which a ratio of the two medians does not do on a shared machine.
   */
  wallRatio: number;
  cpuRatio: number;
  wallRatios: number[];
  cpuRatios: number[];
  /** Raw `fetch` with a timeout signal: median µs and caller CPU µs per call. */
  signalUs: number;
  signalCpuUs: number;
  /** Median of the per-round client ÷ raw-with-signal ratios, wall and CPU. */
  signalWallRatio: number;
  signalCpuRatio: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e3; // µs

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function startEmulator(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const file = fileURLToPath(new URL('./emulator.mjs', import.meta.url));
  const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve({ child, baseUrl: (m as { baseUrl: string }).baseUrl }));
  });
}

export interface Captured {
  url: string;
  init: RequestInit;
}

/** Runs `call` once through a client whose fetch records the request, and returns it. */
export async function capture(
  baseUrl: string,
  call: (client: SmsPartnerClient) => Promise<unknown>,
): Promise<Captured> {
  let captured: Captured | undefined;
  const client = new SmsPartnerClient({
    apiKey: API_KEY,
    baseUrl,
    sandbox: true,
    fetch: async (input, init) => {
      const { signal: _signal, ...rest } = init ?? {};
      captured = { url: String(input), init: rest };
      return fetch(input, init);
    },
  });
  await call(client);
  if (!captured) throw new Error('the client made no request');
  return captured;
}

export async function rawCall({ url, init }: Captured): Promise<unknown> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`raw fetch answered ${response.status}`);
  return response.json();
}

/** The client's default `timeout` (30 s): the timer is never reached, only set and cleared. */
const TIMEOUT_MS = 30_000;

/** `rawCall` with what honouring a timeout takes: a controller, a timer, the signal passed on. */
export async function rawCallWithSignal({ url, init }: Captured): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    if (!response.ok) throw new Error(`raw fetch answered ${response.status}`);
    return await response.json();
  } finally {
    clearTimeout(timer);
  }
}

/** Wall and caller CPU microseconds per call of one round. */
export async function timeCalls(
  fn: () => Promise<unknown>,
  calls: number,
  concurrency: number,
): Promise<{ wall: number; cpu: number }> {
  let left = calls;
  const cpu = process.cpuUsage();
  const start = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left--;
        await fn();
      }
    }),
  );
  const wall = now() - start;
  const used = process.cpuUsage(cpu);
  return { wall: wall / calls, cpu: (used.user + used.system) / calls };
}

/** The two calls measured: a read and a (sandbox) send. */
export const CLIENT_CASES = [
  {
    key: 'me',
    name: '`client.account.me()` vs `GET /v1/me`',
    call: (c: SmsPartnerClient): Promise<unknown> => c.account.me(),
  },
  {
    key: 'send',
    name: '`client.sms.send()` (sandbox) vs `POST /v1/send`',
    call: (c: SmsPartnerClient): Promise<unknown> =>
      c.sms.send({ to: '0600000000', message: 'Votre code de connexion est 123456.' }),
  },
] as const;

export async function clientBench(
  settings: ClientSettings,
  log: (line: string) => void,
): Promise<ClientResult[]> {
  const { child, baseUrl } = await startEmulator();
  try {
    const client = new SmsPartnerClient({ apiKey: API_KEY, baseUrl, sandbox: true });
    const results: ClientResult[] = [];
    for (const c of CLIENT_CASES) {
      const request = await capture(baseUrl, c.call);
      const viaClient = () => c.call(client);
      const viaRaw = () => rawCall(request);
      const viaSignal = () => rawCallWithSignal(request);
      const fns = { client: viaClient, raw: viaRaw, signal: viaSignal };
      // All answer the same thing: a sanity check that the raw request is the equivalent one.
      const answers = await Promise.all([viaClient(), viaRaw(), viaSignal()]);
      if (answers.includes(undefined)) throw new Error(`${c.name}: no answer`);
      for (const concurrency of [1, 8]) {
        for (const fn of Object.values(fns)) await timeCalls(fn, settings.warmCalls, concurrency);
        const rounds = { client: [] as number[], raw: [] as number[], signal: [] as number[] };
        const cpu = { client: [] as number[], raw: [] as number[], signal: [] as number[] };
        // Client and raw stay back to back, in alternating order; the signal contender goes
        // first or last, in turn.
        const orders = [
          ['client', 'raw', 'signal'],
          ['signal', 'raw', 'client'],
          ['raw', 'client', 'signal'],
          ['signal', 'client', 'raw'],
        ] as const;
        for (let r = 0; r < settings.rounds; r++) {
          for (const which of orders[r % orders.length]!) {
            const round = await timeCalls(fns[which], settings.callsPerRound, concurrency);
            rounds[which].push(round.wall);
            cpu[which].push(round.cpu);
          }
        }
        const wallRatios = rounds.client.map((us, i) => us / rounds.raw[i]!);
        const cpuRatios = cpu.client.map((us, i) => us / cpu.raw[i]!);
        results.push({
          name: c.name,
          concurrency,
          clientUs: median(rounds.client),
          rawUs: median(rounds.raw),
          clientRounds: rounds.client,
          rawRounds: rounds.raw,
          clientCpuUs: median(cpu.client),
          rawCpuUs: median(cpu.raw),
          clientCpuRounds: cpu.client,
          rawCpuRounds: cpu.raw,
          wallRatio: median(wallRatios),
          cpuRatio: median(cpuRatios),
          wallRatios,
          cpuRatios,
          signalUs: median(rounds.signal),
          signalCpuUs: median(cpu.signal),
          signalWallRatio: median(rounds.client.map((us, i) => us / rounds.signal[i]!)),
          signalCpuRatio: median(cpu.client.map((us, i) => us / cpu.signal[i]!)),
        });
        log(`  ${c.name} ×${concurrency} done`);
      }
    }
    return results;
  } finally {
    child.send('exit');
  }
}

/**
 * The campaign simulation: a real redis-server, the emulator on a clock set just before French
 * quiet hours, a webhook server counting delivery reports into the outbox, and N worker processes
 * (real BullMQ workers) of which random ones are killed with SIGKILL at random moments and
 * started again, while faults (connection resets before and after the platform processed a
 * request, 5xx, 429, truncated answers) are injected. At the end it checks the emulator's record
 * of every recipient. Used by the crash test (CI size) and by bench/campaign.mjs (full size).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCallbackUrls,
  createWebhookHandler,
  customQuietHoursPolicy,
  isQuietTime,
  overseasZoneOf,
  type QuietHoursPolicy,
} from '@sms-partner/core';
import { type FaultSpec, startEmulator } from '@sms-partner/testing';
import { build } from 'esbuild';
import { Redis } from 'ioredis';
import { createRedisDedupeStore, SmsOutbox } from '../../src/index.js';
import { startRedis } from '../redis-server.js';
import { serveWebhook } from '../webhook-server.js';

// The package's folder (bench/run.mjs runs this file bundled elsewhere and says where it is).
const packageRoot =
  process.env.SIM_PACKAGE_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Short quiet hours twice an evening, so that a test of minutes crosses them: every day is open
 * except 20:00-20:02 and 21:59-22:00 local time. Réunion is two hours ahead of Paris
 * in June, so its 21:59 quiet minute is 19:59 in Paris: a worker reading Paris's clock for a
 * Réunion number would send inside Réunion's quiet minute, and the check below would see it.
 */
export const SIMULATION_POLICY: QuietHoursPolicy = customQuietHoursPolicy({
  name: 'simulation',
  closedOnPublicHolidays: false,
  windows: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
      day,
      ['00:00-20:00', '20:02-21:59', '22:00-24:00'],
    ]),
  ),
});

/** 19:58:50 in Paris on a Wednesday in June (no holiday anywhere). */
const START = '2025-06-11T19:58:50+02:00';
/** When the transactional campaign is enqueued: inside Paris's quiet minute. */
const TRANSACTIONAL_AT = Date.parse('2025-06-11T20:00:01+02:00');

export interface SimulationOptions {
  /** Recipients of the commercial campaign. */
  recipients: number;
  /** Recipients of the transactional campaign enqueued during quiet hours. @default 1000 */
  transactional?: number;
  /** Worker processes. @default 4 */
  workers?: number;
  /** Kill workers with SIGKILL at random moments (and start them again). @default true */
  kill?: boolean;
  /** Inject faults into bulk-send. @default true */
  faults?: boolean;
  /** Quiet hours (the emulator's clock set before them). When false: real clock, transactional only. @default true */
  quietHours?: boolean;
  /** Delivery reports to the webhook and counted. @default true */
  deliveryReports?: boolean;
  /** BullMQ limiter shared by every worker. @default { max: 2, duration: 1000 } */
  limiter?: { max: number; duration: number };
  /** Jobs in flight per worker. @default 2 */
  concurrency?: number;
  /** Count client commands with MONITOR (slows Redis a little; for the benchmark). @default false */
  monitor?: boolean;
  log?: (line: string) => void;
}

export interface SimulationReport {
  recipients: number;
  expectedSent: number;
  /** Distinct recipients the emulator recorded. */
  recorded: number;
  /** Recipients recorded more than once (must be 0). */
  duplicates: number;
  /** Expected recipients never recorded (must be 0). */
  lost: number;
  /** Recorded recipients that were not expected (must be 0). */
  unexpected: number;
  /** Commercial recipients sent inside their zone's quiet hours (must be 0). */
  commercialInQuietHours: number;
  /** Commercial recipients held by quiet hours and sent after the window opened. */
  commercialDelayed: number;
  /** Transactional recipients sent while Paris was in quiet hours (must be > 0). */
  transactionalInQuietHours: number;
  kills: number;
  /** Requests the emulator saw the client leave before the answer (a kill or a timeout mid-call). */
  cutRequests: number;
  faults: Record<string, number>;
  counts: Record<string, unknown>;
  expectedCounts: { delivered: number; failed: number; stopped: number };
  expectedTransactionalCounts: { delivered: number; failed: number };
  transactionalCounts: Record<string, unknown>;
  /** Most bulk-send requests seen in any sliding window of ten times the limiter's duration. */
  maxRequestsPerWindow: number;
  limiter: { max: number; duration: number };
  seconds: number;
  messagesPerSecond: number;
  redis: {
    /** Commands Redis executed per message, Lua-internal ones included (INFO commandstats). */
    commandsPerMessage: number;
    evalshaPerMessage: number;
    commands: Record<string, number>;
    /** Commands sent by clients per message (MONITOR, Lua-internal ones excluded), with `monitor`. */
    clientCommandsPerMessage?: number;
    clientCommands?: Record<string, number>;
  };
}

function commercialNumber(i: number): string {
  // Every tenth recipient lives in Réunion (+262 692), the others in metropolitan France.
  return i % 10 === 3
    ? `+262692${String(i).padStart(6, '0')}`
    : `+336${String(i).padStart(8, '0')}`;
}

async function bundleWorker(): Promise<string> {
  const outdir = join(packageRoot, 'node_modules', '.cache', 'simulation');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'worker.mjs');
  await build({
    entryPoints: [join(packageRoot, 'test/simulation/worker-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The SDK from its sources (as the tests see it); BullMQ and ioredis from node_modules.
    alias: {
      '@sms-partner/core': resolve(packageRoot, '../core/src/index.ts'),
    },
    external: ['bullmq', 'ioredis'],
    logLevel: 'silent',
  });
  return outfile;
}

async function commandStats(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const stats: Record<string, number> = {};
  for (const line of info.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) stats[match[1]!] = Number(match[2]);
  }
  const total = /total_commands_processed:(\d+)/.exec(await redis.info('stats'));
  stats.__total = Number(total?.[1] ?? 0);
  return stats;
}

export async function runCampaignSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const log = options.log ?? (() => {});
  const workers = options.workers ?? 4;
  const kill = options.kill ?? true;
  const quiet = options.quietHours ?? true;
  const withDlr = options.deliveryReports ?? true;
  const limiter = options.limiter ?? { max: 2, duration: 1000 };
  const transactionalSize = quiet ? (options.transactional ?? 1000) : 0;
  const N = options.recipients;
  const redisServer = await startRedis();
  const emulator = await startEmulator({
    ...(quiet ? { clock: { start: START } } : {}),
    accounts: [{ quietHours: 'off', balance: 10_000_000 }],
    dlrDelayMs: 500,
    callbackRetryDelaysMs: [1_000, 3_000, 10_000, 30_000],
    callbackTimeoutMs: 20_000,
    outcomes: [{ match: (phone) => phone.endsWith('13'), status: 'not delivered' }],
  });
  const redis = new Redis(redisServer.url);
  const queueName = 'simulation';
  const outbox = new SmsOutbox({
    connection: redisServer.url,
    queueName,
    quietHoursPolicy: SIMULATION_POLICY,
    backoffMs: 500,
  });
  const secret = 'simulation-secret-with-enough-entropy-0123456789';
  const dedupeStore = createRedisDedupeStore({ connection: redisServer.url });
  const webhook = await serveWebhook(
    createWebhookHandler({
      secret,
      dedupeStore,
      now: () => emulator.clock.now().getTime(),
      onDeliveryReport: async (report) => {
        await outbox.recordDeliveryReport(report);
      },
    }),
  );
  const { urlDlr } = createCallbackUrls({ baseUrl: webhook.url, secret });
  const children = new Set<ChildProcess>();
  try {
    // Stop-listed recipients: every thousandth (index ending in 007).
    let stopped = 0;
    for (let i = 7; i < N; i += 1000) {
      emulator.accounts.addStop(emulator.apiKey, commercialNumber(i));
      stopped++;
    }
    const workerFile = await bundleWorker();
    const clockOffsetMs = emulator.clock.now().getTime() - Date.now();
    const settings = JSON.stringify({
      redisUrl: redisServer.url,
      queueName,
      baseUrl: emulator.baseUrl,
      apiKey: emulator.apiKey,
      clockOffsetMs,
      limiter,
      concurrency: options.concurrency ?? 2,
      graceMs: 6_000,
      timeoutMs: 5_000,
      marginMs: 2_000,
    });
    let exits = 0;
    const spawnWorker = async (): Promise<ChildProcess> => {
      const child = fork(workerFile, [], {
        env: { ...process.env, SIM_WORKER: settings },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-2_000);
      });
      children.add(child);
      const ready = await new Promise<boolean>((settle) => {
        child.once('message', () => settle(true));
        child.once('exit', (code, signal) => {
          children.delete(child);
          if (code !== 0 && signal !== 'SIGKILL' && signal !== 'SIGTERM')
            log(`worker exited (${code ?? signal}): ${stderr}`);
          settle(false);
        });
      });
      if (ready) return child;
      if (++exits > 20) throw new Error(`Worker processes keep dying at start: ${stderr}`);
      return spawnWorker();
    };
    const pool: ChildProcess[] = [];
    for (let i = 0; i < workers; i++) pool.push(await spawnWorker());
    const clientCommands: Record<string, number> = {};
    let monitor: Awaited<ReturnType<Redis['monitor']>> | undefined;
    if (options.monitor) {
      monitor = await redis.monitor();
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (source === 'lua') return;
        const name = String(args[0]).toLowerCase();
        clientCommands[name] = (clientCommands[name] ?? 0) + 1;
      });
    }
    const before = await commandStats(redis);
    const started = Date.now();

    // 1/1000 unreadable numbers, counted as failed at enqueue.
    const invalid = Math.floor(N / 1000);
    async function* recipients() {
      for (let i = 0; i < N; i++) {
        yield i % 1000 === 999 ? `bad-${i}` : commercialNumber(i);
      }
    }
    const enqueued = await outbox.enqueueCampaign({
      id: 'commercial',
      message: 'Soldes : -20 % ce soir seulement !',
      isStopSms: true,
      sender: 'Boutique',
      ...(withDlr ? { urlDlr } : {}),
      recipients: recipients(),
    });
    log(
      `enqueued ${enqueued.queued} recipients in ${enqueued.batches} batches (${enqueued.rejected} rejected) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    let kills = 0;
    const faultCounts: Record<string, number> = {};
    const plan: FaultSpec['kind'][] =
      options.faults === false
        ? []
        : [
            'latency',
            'reset-after-processing',
            'reset-after-body',
            'latency',
            'server-error',
            'rate-limit',
            'truncated-json',
            'latency',
            'reset-after-processing',
            'reset-before-body',
            'latency',
            'rate-limit',
            'reset-after-processing',
            'server-error',
            'latency',
          ];
    let transactionalQueued = transactionalSize === 0;
    let transactionalEnqueuedAt = '';
    const done = async () => {
      const a = await outbox.campaign('commercial');
      const b = transactionalSize === 0 ? { done: true } : await outbox.campaign('transactional');
      return Boolean(a?.done && b?.done);
    };
    let lastLog = 0;
    while (!(await done())) {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 2_500));
      if (!transactionalQueued && emulator.clock.now().getTime() >= TRANSACTIONAL_AT) {
        transactionalQueued = true;
        transactionalEnqueuedAt = emulator.clock.now().toISOString();
        const t = await outbox.enqueueCampaign({
          id: 'transactional',
          message: 'Votre commande est partie.',
          category: 'transactional',
          ...(withDlr ? { urlDlr } : {}),
          recipients: Array.from(
            { length: transactionalSize },
            (_, i) => `+337${String(i).padStart(8, '0')}`,
          ),
        });
        log(`transactional campaign enqueued during quiet hours: ${t.queued} recipients`);
      }
      let slow = false;
      if (plan.length > 0 && Math.random() < 0.3) {
        const kind = plan.shift()!;
        faultCounts[kind] = (faultCounts[kind] ?? 0) + 1;
        emulator.faults.inject({
          kind,
          route: 'bulk-send',
          times: kind === 'latency' ? 3 : 1,
          ...(kind === 'rate-limit' ? { retryAfter: 2 } : {}),
          ...(kind === 'latency' ? { latencyMs: 2_000 } : {}),
        });
        // Slow answers leave requests in flight: a kill now cuts one mid-call.
        slow = kind === 'latency';
        if (slow) await new Promise((r) => setTimeout(r, 1_200));
      }
      if (kill && slow) {
        // The whole fleet dies at once, so that requests in flight are cut whoever sent them.
        for (const victim of pool) victim.kill('SIGKILL');
        kills += pool.length;
        await new Promise((r) => setTimeout(r, Math.random() * 1_500));
        for (let index = 0; index < pool.length; index++) pool[index] = await spawnWorker();
      } else if (kill && Math.random() < 0.5) {
        const index = Math.floor(Math.random() * pool.length);
        const victim = pool[index]!;
        victim.kill('SIGKILL');
        kills++;
        await new Promise((r) => setTimeout(r, Math.random() * 1_500));
        pool[index] = await spawnWorker();
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const c = await outbox.campaign('commercial');
        log(
          `t+${Math.round((Date.now() - started) / 1000)} s clock ${emulator.clock.now().toISOString()} queued ${c?.queued} parked ${c?.parked} sent ${c?.sent} delivered ${c?.delivered} failed ${c?.failed} stopped ${c?.stopped}; kills ${kills}`,
        );
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const after = await commandStats(redis);
    monitor?.disconnect();
    for (const child of pool) child.kill('SIGTERM');
    await Promise.all(
      pool.map((child) =>
        child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined,
      ),
    );

    const expectedSent = N - invalid - stopped;
    const expectedNotDelivered = Array.from({ length: N }, (_, i) => i).filter(
      (i) => i % 1000 !== 999 && (i - 7) % 1000 !== 0 && commercialNumber(i).endsWith('13'),
    ).length;
    const transactionalNotDelivered = Array.from({ length: transactionalSize }, (_, i) => i).filter(
      (i) => i % 100 === 13,
    ).length;
    const expectedCounts = {
      delivered: withDlr ? expectedSent - expectedNotDelivered : 0,
      failed: invalid + (withDlr ? expectedNotDelivered : 0),
      stopped,
    };
    if (withDlr) {
      // Delivery reports follow the sends by half a second, as fast as this process serves them
      // (and retried when the webhook was busy): wait while they keep coming.
      let waiting = Number.POSITIVE_INFINITY;
      let idleSince = Date.now();
      while (Date.now() - idleSince < 60_000) {
        const c = await outbox.campaign('commercial');
        const t = transactionalSize ? await outbox.campaign('transactional') : undefined;
        const left = (c?.sent ?? 0) + (t?.sent ?? 0);
        if (left === 0) break;
        if (left < waiting) idleSince = Date.now();
        waiting = left;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      log(
        `delivery reports counted ${((Date.now() - started) / 1000 - seconds).toFixed(0)} s after the last send`,
      );
    }
    const counts = (await outbox.campaign('commercial')) as unknown as Record<string, unknown>;
    const transactionalCounts = (transactionalSize
      ? await outbox.campaign('transactional')
      : {}) as unknown as Record<string, unknown>;

    const times = new Map<string, number>();
    let commercialInQuietHours = 0;
    let commercialDelayed = 0;
    let transactionalInQuietHours = 0;
    const transactionalTimes: string[] = [];
    // When requests left the workers (arrival at the emulator), for the limiter check.
    const bulkTimes = emulator
      .requests({ route: 'bulk-send' })
      .map((request) => request.at.getTime());
    for (const message of emulator.messages()) {
      for (const recipient of message.recipients) {
        const phone = recipient.phoneNumber;
        times.set(phone, (times.get(phone) ?? 0) + 1);
        const zone = overseasZoneOf(phone);
        const commercial = !phone.startsWith('+337');
        const at = message.createdAt;
        if (commercial && quiet) {
          if (
            isQuietTime(
              at,
              SIMULATION_POLICY,
              zone ? { zone: zone.zone, timeZone: zone.timeZone } : {},
            )
          )
            commercialInQuietHours++;
          if (
            at.getTime() >=
              Date.parse(zone ? '2025-06-11T20:00:00+02:00' : '2025-06-11T20:02:00+02:00') &&
            at.getTime() < Date.parse('2025-06-11T20:05:00+02:00')
          )
            commercialDelayed++;
        } else if (!commercial) {
          transactionalTimes.push(at.toISOString());
          if (isQuietTime(at, SIMULATION_POLICY)) transactionalInQuietHours++;
        }
      }
    }
    const expected = new Set<string>();
    for (let i = 0; i < N; i++)
      if (i % 1000 !== 999 && (i - 7) % 1000 !== 0) expected.add(commercialNumber(i));
    for (let i = 0; i < transactionalSize; i++) expected.add(`+337${String(i).padStart(8, '0')}`);
    let duplicates = 0;
    let unexpected = 0;
    for (const [phone, count] of times) {
      if (count > 1) duplicates++;
      if (!expected.has(phone)) unexpected++;
    }
    let lost = 0;
    for (const phone of expected) if (!times.has(phone)) lost++;
    bulkTimes.sort((a, b) => a - b);
    // Over ten of the limiter's windows, so that a request or two bunched at a window's edge by
    // a loaded machine (sent late by one worker, on time by the next) does not hide the rate.
    const window = 10 * limiter.duration;
    let maxRequestsPerWindow = 0;
    for (let i = 0, j = 0; i < bulkTimes.length; i++) {
      while (bulkTimes[i]! - bulkTimes[j]! >= window) j++;
      maxRequestsPerWindow = Math.max(maxRequestsPerWindow, i - j + 1);
    }
    log(
      `transactional sends at ${[...new Set(transactionalTimes)].join(', ')}; enqueued at ${transactionalEnqueuedAt}`,
    );
    const cutRequests = emulator
      .requests({ route: 'bulk-send' })
      .filter((r) => r.clientDisconnected).length;
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    const commands: Record<string, number> = {};
    for (const name of Object.keys(after)) if (delta(name) > 0) commands[name] = delta(name);
    const messagesSent = N + transactionalSize;
    return {
      recipients: N + transactionalSize,
      expectedSent: expected.size,
      recorded: times.size,
      duplicates,
      lost,
      unexpected,
      commercialInQuietHours,
      commercialDelayed,
      transactionalInQuietHours,
      kills,
      cutRequests,
      faults: faultCounts,
      counts,
      expectedCounts,
      expectedTransactionalCounts: {
        delivered: withDlr ? transactionalSize - transactionalNotDelivered : 0,
        failed: withDlr ? transactionalNotDelivered : 0,
      },
      transactionalCounts,
      maxRequestsPerWindow,
      limiter,
      seconds,
      messagesPerSecond: expected.size / seconds,
      redis: {
        commandsPerMessage: delta('__total') / messagesSent,
        evalshaPerMessage: delta('evalsha') / messagesSent,
        commands,
        ...(options.monitor
          ? {
              clientCommandsPerMessage:
                Object.values(clientCommands).reduce((a, b) => a + b, 0) / messagesSent,
              clientCommands,
            }
          : {}),
      },
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await outbox.close();
    await dedupeStore.close();
    await webhook.close();
    redis.disconnect();
    await emulator.stop();
    await redisServer.stop();
  }
}

/**
 * One worker process of the campaign simulation: a real outbox worker against the emulator. Its
 * parent kills it with SIGKILL at random moments and starts it again. Settings come as JSON in
 * SIM_WORKER (see run-campaign.ts).
 */
import { createOutboxWorker } from '../../src/index.js';

interface Settings {
  redisUrl: string;
  queueName: string;
  baseUrl: string;
  apiKey: string;
  clockOffsetMs: number;
  limiter: { max: number; duration: number };
  concurrency: number;
  graceMs: number;
  timeoutMs: number;
  marginMs: number;
}

const settings = JSON.parse(process.env.SIM_WORKER ?? '{}') as Settings;
const worker = createOutboxWorker({
  connection: settings.redisUrl,
  queueName: settings.queueName,
  client: { apiKey: settings.apiKey, baseUrl: settings.baseUrl, timeout: settings.timeoutMs },
  now: () => Date.now() + settings.clockOffsetMs,
  quietHoursMarginMs: settings.marginMs,
  limiter: settings.limiter,
  concurrency: settings.concurrency,
  reconcile: { graceMs: settings.graceMs },
  rateLimitPauseMs: 2_000,
  // Short locks: a killed worker's jobs are handed to another within seconds.
  worker: { lockDuration: 4_000, stalledInterval: 2_000, maximumRateLimitDelay: 2_000 },
});
worker.on('error', () => {
  // Connection blips while the parent kills siblings; BullMQ reconnects.
});
process.send?.('ready');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});

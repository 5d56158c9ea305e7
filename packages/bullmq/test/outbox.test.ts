import { type Emulator, startEmulator } from '@sms-partner/testing';
import type { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, SmsOutbox } from '../src/index.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
let emulator: Emulator;
let outbox: SmsOutbox;
let worker: Worker;
let queueName: string;
let n = 0;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  await redis?.stop();
});

function start(options: { attempts?: number; graceMs?: number } = {}) {
  queueName = `t${++n}`;
  outbox = new SmsOutbox({
    connection: redis.url,
    queueName,
    attempts: options.attempts,
    backoffMs: 50,
  });
  worker = createOutboxWorker({
    connection: redis.url,
    queueName,
    client: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, timeout: 2_000 },
    limiter: { max: 1000, duration: 1000 },
    reconcile: { graceMs: options.graceMs ?? 3_000 },
  });
}
afterEach(async () => {
  await worker?.close();
  await outbox?.close();
  emulator.faults.clear();
  await emulator.reset();
});

describe('single sends', () => {
  it('sends a transactional message once per key, whatever the number of enqueues', async () => {
    start();
    const first = await outbox.send({
      to: '06 12 34 56 78',
      message: 'Code 1234',
      category: 'transactional',
      key: 'otp:42',
    });
    const again = await outbox.send({
      to: '0612345678',
      message: 'Code 1234',
      category: 'transactional',
      key: 'otp:42',
    });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    await expect.poll(() => emulator.messages().length, { timeout: 30_000 }).toBe(1);
    const job = await outbox.queue.getJob(first.jobId);
    await expect
      .poll(async () => (await job?.getState()) ?? 'gone', { timeout: 30_000 })
      .toMatch(/completed|gone/);
    expect(emulator.messages()[0]?.recipients.map((r) => r.phoneNumber)).toEqual(['+33612345678']);
    expect(emulator.messages()[0]?.recipients[0]?.text).toBe('Code 1234');
  });

  it('rejects an unreadable number before anything is queued', async () => {
    start();
    await expect(outbox.send({ to: '12', message: 'x' })).rejects.toMatchObject({
      code: 'validation',
      field: 'to',
    });
    expect(await outbox.queue.count()).toBe(0);
  });
});

describe('campaigns', () => {
  it('streams recipients into batches of at most 500 and counts them', async () => {
    start();
    async function* recipients() {
      for (let i = 0; i < 1_203; i++) yield `+3361${String(i).padStart(7, '0')}`;
      yield 'not a number';
    }
    const enqueued = await outbox.enqueueCampaign({
      id: 'c1',
      message: 'Bonjour',
      category: 'transactional',
      recipients: recipients(),
    });
    expect(enqueued).toMatchObject({ read: 1_204, queued: 1_203, batches: 3, rejected: 1 });
    expect(enqueued.rejectedSample[0]).toMatchObject({ index: 1_203, reason: 'invalid_number' });
    const counts = await outbox.waitForCampaign('c1', { timeoutMs: 60_000 });
    expect(counts).toMatchObject({
      total: 1_204,
      queued: 0,
      parked: 0,
      sent: 1_203,
      failed: 1,
      done: true,
    });
    const messages = emulator.messages();
    expect(messages.map((m) => m.recipients.length).sort()).toEqual([203, 500, 500]);
    expect(messages.every((m) => m.endpoint === 'bulk-send')).toBe(true);
    const numbers = new Set(messages.flatMap((m) => m.recipients.map((r) => r.phoneNumber)));
    expect(numbers.size).toBe(1_203);
  });
});

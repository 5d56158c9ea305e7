import { type Emulator, startEmulator } from '@sms-partner/testing';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
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

describe('attempts whose outcome is unknown', () => {
  it('reconciles a request processed before its connection was reset: sent once, counted once', async () => {
    start({ graceMs: 1_000 });
    emulator.faults.inject({ kind: 'reset-after-processing', route: 'bulk-send', times: 1 });
    const recipients = Array.from(
      { length: 20 },
      (_, i) => `+3367000${String(i).padStart(4, '0')}`,
    );
    const events: string[] = [];
    const stop = await outbox.subscribe((event) => events.push(event.type));
    await outbox.enqueueCampaign({
      id: 'reset',
      message: 'Bonjour',
      category: 'transactional',
      recipients,
    });
    const counts = await outbox.waitForCampaign('reset', { timeoutMs: 60_000 });
    await stop();
    expect(counts).toMatchObject({ sent: 20, parked: 0, queued: 0, failed: 0 });
    expect(emulator.messages()).toHaveLength(1);
    // One send, then statuses read by tag: never a second bulk-send.
    expect(emulator.requests({ route: 'bulk-send' })).toHaveLength(1);
    const [lookup] = emulator.requests({ route: 'bulk-status-by-tag' });
    // Statuses are read only once the grace (1 s here) has passed since the attempt started.
    expect(
      lookup!.at.getTime() - emulator.requests({ route: 'bulk-send' })[0]!.at.getTime(),
    ).toBeGreaterThanOrEqual(900);
    expect(events).toContain('parked');
  });

  it('sends again, after reading the statuses, a request that never reached the platform', async () => {
    start({ graceMs: 1_000 });
    emulator.faults.inject({ kind: 'reset-after-body', route: 'bulk-send', times: 1 });
    const recipients = Array.from({ length: 3 }, (_, i) => `+3367100000${i}`);
    await outbox.enqueueCampaign({
      id: 'lost',
      message: 'Bonjour',
      category: 'transactional',
      recipients,
    });
    const counts = await outbox.waitForCampaign('lost', { timeoutMs: 60_000 });
    expect(counts).toMatchObject({ sent: 3, parked: 0 });
    expect(emulator.messages()).toHaveLength(1);
    const requests = emulator.requests();
    const order = requests
      .map((r) => r.route)
      .filter((r) => r === 'bulk-send' || r === 'bulk-status-by-tag');
    expect(order[0]).toBe('bulk-send');
    expect(order[1]).toBe('bulk-status-by-tag');
    expect(order.at(-1)).toBe('bulk-send');
    // The resend carries a new tag: the lost attempt's tag could still be reconciled apart.
    const tags = requests
      .filter((r) => r.route === 'bulk-send')
      .map((r) => (JSON.parse(r.rawBody) as { tag?: string }).tag);
    expect(new Set(tags).size).toBe(2);
  });
});

describe('failures', () => {
  it('pauses every worker on a 429 and sends the batch afterwards', async () => {
    start();
    emulator.faults.inject({ kind: 'rate-limit', route: 'bulk-send', times: 1, retryAfter: 2 });
    await outbox.enqueueCampaign({
      id: 'rl',
      message: 'Bonjour',
      category: 'transactional',
      recipients: ['+33672000001', '+33672000002'],
    });
    const counts = await outbox.waitForCampaign('rl', { timeoutMs: 60_000 });
    expect(counts).toMatchObject({ sent: 2 });
    const [limited, sent] = emulator.requests({ route: 'bulk-send' });
    expect(limited?.response?.status).toBe(429);
    expect(sent!.at.getTime() - limited!.at.getTime()).toBeGreaterThanOrEqual(1_900);
    expect(emulator.messages()).toHaveLength(1);
  });

  it('dead-letters a refused send with its typed error and counts its recipients as failed', async () => {
    start({ attempts: 1 });
    await outbox.enqueueCampaign({
      id: 'dead',
      message: 'Bonjour',
      sender: 'x',
      category: 'transactional',
      recipients: ['+33673000001'],
    });
    const counts = await outbox.waitForCampaign('dead', { timeoutMs: 60_000 });
    expect(counts).toMatchObject({ failed: 1, sent: 0, queued: 0 });
    const [letter] = await outbox.deadLetters();
    expect(letter).toMatchObject({ campaignId: 'dead', recipients: ['+33673000001'] });
    expect(letter?.error).toMatchObject({
      code: 'validation',
      field: 'sender',
      outcome: 'not_sent',
    });
    expect(emulator.requests({ route: 'bulk-send' })).toHaveLength(0);
  });

  it('retries with backoff what provably never left, then sends once', async () => {
    start({ attempts: 5 });
    emulator.faults.inject({ kind: 'reset-before-body', route: 'send', times: 2 });
    await outbox.send({
      to: '+33674000001',
      message: 'Code 42',
      category: 'transactional',
      key: 'retry-me',
    });
    await expect.poll(() => emulator.messages().length, { timeout: 60_000 }).toBe(1);
    expect(emulator.requests({ route: 'send' }).length).toBeGreaterThanOrEqual(2);
  });

  it('counts stop-listed recipients as stopped', async () => {
    start();
    emulator.accounts.addStop(emulator.apiKey, '+33675000002');
    await outbox.enqueueCampaign({
      id: 'stop',
      message: 'Promo',
      category: 'transactional',
      recipients: ['+33675000001', '+33675000002'],
    });
    expect(await outbox.waitForCampaign('stop', { timeoutMs: 60_000 })).toMatchObject({
      sent: 1,
      stopped: 1,
    });
  });
});

describe('campaign bookkeeping', () => {
  it('enqueues nothing twice when the same campaign is enqueued again', async () => {
    start();
    const recipients = Array.from(
      { length: 1_100 },
      (_, i) => `+3367600${String(i).padStart(4, '0')}`,
    );
    await outbox.enqueueCampaign({
      id: 'again',
      message: 'Bonjour',
      category: 'transactional',
      recipients,
    });
    await outbox.waitForCampaign('again', { timeoutMs: 60_000 });
    const second = await outbox.enqueueCampaign({
      id: 'again',
      message: 'Bonjour',
      category: 'transactional',
      recipients,
    });
    expect(second.batches).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await outbox.campaign('again')).toMatchObject({ total: 1_100, sent: 1_100, queued: 0 });
    expect(emulator.messages().flatMap((m) => m.recipients)).toHaveLength(1_100);
  });

  it('counts each final delivery report once, including one that arrives before its send is recorded', async () => {
    start();
    await outbox.enqueueCampaign({
      id: 'dlr',
      message: 'Bonjour',
      category: 'transactional',
      recipients: ['+33677000001', '+33677000002'],
    });
    await outbox.waitForCampaign('dlr', { timeoutMs: 60_000 });
    const [message] = emulator.messages();
    const report = (phone: string, status: 'delivered' | 'not_delivered' | 'waiting') =>
      ({
        type: 'delivery_report',
        messageId: String(message!.messageId),
        phoneNumber: phone,
        status,
        rawStatus: status,
      }) as never;
    expect(await outbox.recordDeliveryReport(report('+33677000001', 'waiting'))).toBe('ignored');
    expect(await outbox.recordDeliveryReport(report('0677000001', 'delivered'))).toBe('counted');
    expect(await outbox.recordDeliveryReport(report('+33677000001', 'delivered'))).toBe(
      'duplicate',
    );
    expect(await outbox.recordDeliveryReport(report('+33677000002', 'not_delivered'))).toBe(
      'counted',
    );
    expect(await outbox.campaign('dlr')).toMatchObject({ sent: 0, delivered: 1, failed: 1 });
    const early = {
      type: 'delivery_report',
      messageId: '999999',
      phoneNumber: '+33677000003',
      status: 'delivered',
      rawStatus: 'delivered',
    } as never;
    expect(await outbox.recordDeliveryReport(early)).toBe('pending');
  });

  it('cancels the batches of a campaign that have not left', async () => {
    start();
    await worker.close();
    await outbox.enqueueCampaign({
      id: 'cancel',
      message: 'Promo',
      category: 'transactional',
      recipients: ['+33678000001', '+33678000002'],
    });
    expect(await outbox.cancelCampaign('cancel')).toBe(true);
    worker = createOutboxWorker({
      connection: redis.url,
      queueName,
      client: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
      limiter: { max: 1000, duration: 1000 },
    });
    expect(await outbox.waitForCampaign('cancel', { timeoutMs: 60_000 })).toMatchObject({
      cancelled: 2,
      queued: 0,
      state: 'cancelled',
      done: true,
    });
    expect(emulator.messages()).toHaveLength(0);
  });
});

describe('quiet hours', () => {
  it('holds a commercial batch until the window and lets a transactional one leave', async () => {
    queueName = `t${++n}`;
    // Friday 19:59:58 in Paris: SMS Partner's policy closes at 20:00, 2 s from now.
    const offset = Date.parse('2025-06-13T19:59:58+02:00') - Date.now();
    outbox = new SmsOutbox({ connection: redis.url, queueName });
    worker = createOutboxWorker({
      connection: redis.url,
      queueName,
      client: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
      limiter: { max: 1000, duration: 1000 },
      now: () => Date.now() + offset,
      quietHoursMarginMs: 5_000,
    });
    await outbox.send({ to: '+33679000001', message: 'Promo', key: 'promo' });
    await outbox.send({
      to: '+33679000002',
      message: 'Code 1',
      category: 'transactional',
      key: 'otp',
    });
    await expect.poll(() => emulator.messages().length, { timeout: 30_000 }).toBe(1);
    expect(emulator.messages()[0]?.recipients[0]?.phoneNumber).toBe('+33679000002');
    const job = await outbox.queue.getJob('s_promo');
    expect(await job?.getState()).toBe('delayed');
    // Saturday 08:00 in Paris, as a real delay from now (BullMQ scores delayed jobs ms * 4096).
    const release = Date.parse('2025-06-14T08:00:00+02:00') - offset;
    const client = new Redis(redis.url);
    const score = Number(await client.zscore(`bull:${queueName}:delayed`, job!.id!));
    client.disconnect();
    expect(Math.abs(Math.floor(score / 4096) - release)).toBeLessThan(10_000);
  });
});

describe('single sends with an unknown outcome', () => {
  it('parks and reconciles them without touching any campaign count', async () => {
    start({ graceMs: 1_000 });
    emulator.faults.inject({ kind: 'reset-after-processing', route: 'send', times: 1 });
    await outbox.send({
      to: '+33680000001',
      message: 'Code 9',
      category: 'transactional',
      key: 'unknown-single',
    });
    await expect
      .poll(async () => (await outbox.queue.getJob('s_unknown-single'))?.getState(), {
        timeout: 30_000,
      })
      .toBe('completed');
    expect(emulator.messages()).toHaveLength(1);
    expect(emulator.requests({ route: 'send' })).toHaveLength(1);
    const client = new Redis(redis.url);
    expect(await client.keys(`bull:${queueName}:sp:cmp*`)).toEqual([]);
    client.disconnect();
  });
});

/**
 * The producer side of the outbox: enqueue one send or a whole campaign, read campaign counts,
 * count delivery reports, listen to events.
 */
import { randomUUID } from 'node:crypto';
import {
  type DeliveryReportEvent,
  type MessageCategory,
  normalizePhoneNumber,
  overseasZoneOf,
  type QuietHoursPolicy,
  SmsPartnerValidationError,
  smsPartnerPolicy,
} from '@sms-partner/core';
import { type JobsOptions, Queue } from 'bullmq';
import { bullConnection, type OwnedRedis, openRedis, type RedisConnection } from './connection.js';
import {
  batchJobId,
  Keys,
  type OutboxJobData,
  PREFIX,
  QUEUE_NAME,
  sendJobId,
} from './internal/model.js';
import { CLOSE_CAMPAIGN, DELIVERY, REGISTER } from './internal/scripts.js';
import type {
  CampaignCounts,
  CampaignParams,
  CampaignRecipient,
  DeadLetter,
  EnqueuedCampaign,
  EnqueuedSend,
  OutboxEvent,
  OutboxMessageOptions,
  OutboxSendParams,
  RejectedRecipient,
} from './types.js';

/** Options of {@link SmsOutbox}. */
export interface SmsOutboxOptions {
  /** Redis: an ioredis client (shared, not closed by `close()`), its options or a `redis://` URL. */
  connection: RedisConnection;
  /**
   * An existing BullMQ queue to add jobs to (for example the one `@nestjs/bullmq` registered);
   * its name and prefix are then used.
   */
  queue?: Queue;
  /** BullMQ queue name; the worker must use the same. @default 'sms-partner' */
  queueName?: string;
  /** BullMQ key prefix (`'{bull}'` on Redis Cluster); the worker must use the same. @default 'bull' */
  prefix?: string;
  /** Category of messages that do not say. @default 'commercial' */
  category?: MessageCategory;
  /**
   * Quiet-hours policy of commercial messages (see core's `smsPartnerPolicy`, `af2m2026Policy`,
   * `customQuietHoursPolicy`). Stored in each job, so that every worker applies the same one.
   * @default smsPartnerPolicy
   */
  quietHoursPolicy?: QuietHoursPolicy;
  /**
   * Recipients per request, at most the API's 500.
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/bulk-send
   * @default 500
   */
  batchSize?: number;
  /**
   * Attempts per job for failures that are safe to retry (the request provably never reached SMS
   * Partner, or was refused for credit or authentication); then the job is dead-lettered.
   * @default 8
   */
  attempts?: number;
  /** First retry delay, doubled at each attempt (BullMQ exponential backoff). @default 5000 */
  backoffMs?: number;
  /**
   * How long send records (and so idempotency keys) are kept after a job ends.
   * @default 604800000 (7 days)
   */
  keepRecordsMs?: number;
}

const MAX_BATCH = 500;

/** A batch (or a count of invalid recipients) waiting to be registered and added. */
interface Pending {
  field: string;
  batch?: number;
  data?: OutboxJobData;
  invalid: number;
}
const ADD_CHUNK = 20;

/** Transactional messages (codes, notices) go ahead of a campaign's backlog. */
function priority(data: OutboxJobData): number {
  return data.cat === 'transactional' ? 1 : 10;
}

function invalid(field: string, problem: string, fix: string): never {
  throw new SmsPartnerValidationError({ field, problem, fix });
}

function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    invalid(
      field,
      'must be a non-empty string of at most 200 characters.',
      `pass ${field}: 'soldes-juin-2025'.`,
    );
  }
  return value;
}

function positive(
  field: string,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    invalid(
      field,
      `must be an integer from 1 to ${max}; received ${String(value)}.`,
      `omit ${field} to use ${fallback}.`,
    );
  }
  return value;
}

/**
 * The outbox: queues sends and campaigns on BullMQ for {@link createOutboxWorker} workers, and
 * keeps the per-campaign counts they update.
 *
 * @example
 * ```ts
 * const outbox = new SmsOutbox({ connection: 'redis://127.0.0.1:6379' });
 * await outbox.send({ to: '0612345678', message: 'Votre code : 123456', category: 'transactional', key: 'otp-42' });
 * await outbox.enqueueCampaign({ id: 'soldes', message: 'Soldes -20 % ce week-end', recipients: readCustomers() });
 * console.log(await outbox.campaign('soldes')); // { queued, sent, delivered, failed, stopped, ... }
 * ```
 */
export class SmsOutbox {
  readonly queue: Queue;
  readonly #ownsQueue: boolean;
  readonly #redis: OwnedRedis;
  readonly #connection: RedisConnection;
  readonly #keys: Keys;
  readonly #category: MessageCategory;
  readonly #policy: QuietHoursPolicy;
  readonly #batchSize: number;
  readonly #jobOptions: JobsOptions;
  readonly #subscribers = new Set<OwnedRedis>();

  constructor(options: SmsOutboxOptions) {
    this.#connection = options.connection;
    this.#redis = openRedis(options.connection);
    this.#category = options.category ?? 'commercial';
    this.#policy = options.quietHoursPolicy ?? smsPartnerPolicy;
    this.#batchSize = positive('batchSize', options.batchSize, MAX_BATCH, MAX_BATCH);
    const attempts = positive('attempts', options.attempts, 8);
    const backoff = positive('backoffMs', options.backoffMs, 5_000);
    const keepMs = positive('keepRecordsMs', options.keepRecordsMs, 7 * 86_400_000);
    this.#jobOptions = {
      attempts,
      backoff: { type: 'exponential', delay: backoff },
      // Send records are what make a key idempotent; finished jobs need not stay long.
      removeOnComplete: { age: Math.ceil(keepMs / 1000), count: 100_000 },
      removeOnFail: { age: Math.ceil(keepMs / 1000) },
    };
    if (options.queue) {
      this.queue = options.queue;
      this.#ownsQueue = false;
    } else {
      this.queue = new Queue(options.queueName ?? QUEUE_NAME, {
        connection: bullConnection(options.connection),
        prefix: options.prefix ?? PREFIX,
      });
      this.#ownsQueue = true;
    }
    this.#keys = new Keys(this.queue.opts.prefix ?? PREFIX, this.queue.name);
  }

  /**
   * Queues one SMS to one recipient. The number is checked now (a typed error before anything is
   * queued); the text and options are checked by the client when the worker sends.
   *
   * @throws {SmsPartnerValidationError} when `to`, `message` or `key` is unusable.
   */
  async send(params: OutboxSendParams): Promise<EnqueuedSend> {
    const to = normalizePhoneNumber(params?.to, { field: 'to' });
    if (typeof params.message !== 'string' || params.message.trim() === '') {
      invalid('message', 'is empty.', "pass message: 'Bonjour !'.");
    }
    const key = params.key === undefined ? randomUUID() : checkId('key', params.key);
    const jobId = sendJobId(key);
    const data = this.#jobData(params, overseasZoneOf(to), [[to]], params.message);
    data.k = key;
    const existing = await this.queue.getJob(jobId);
    if (existing) return { jobId, key, duplicate: true };
    await this.queue.add('send', data, { ...this.#jobOptions, jobId, priority: priority(data) });
    return { jobId, key, duplicate: false };
  }

  /**
   * Queues a campaign: recipients are read from the iterable one at a time (never all in memory),
   * grouped by zone (overseas recipients get their own batches, so that quiet hours are read on
   * their clock) into batches of up to `batchSize`, and each batch becomes one job, one request.
   * Unreadable numbers are left out and counted as failed; `rejectedSample` lists the first ones.
   *
   * @throws {SmsPartnerValidationError} when `id` or an option is unusable (before anything is queued).
   */
  async enqueueCampaign(params: CampaignParams): Promise<EnqueuedCampaign> {
    const campaignId = checkId('id', params?.id);
    if (
      params.message !== undefined &&
      (typeof params.message !== 'string' || params.message.trim() === '')
    ) {
      invalid(
        'message',
        'is empty.',
        'pass the campaign text, or give each recipient its own message.',
      );
    }
    if (
      params.recipients == null ||
      (typeof (params.recipients as Iterable<unknown>)[Symbol.iterator] !== 'function' &&
        typeof (params.recipients as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function')
    ) {
      invalid(
        'recipients',
        'must be an iterable or async iterable of numbers.',
        "pass recipients: ['0612345678', { to: '+33698765432', message: 'Bonjour Anne' }].",
      );
    }
    const result: EnqueuedCampaign = {
      campaignId,
      read: 0,
      queued: 0,
      batches: 0,
      rejected: 0,
      rejectedSample: [],
    };
    const buckets = new Map<
      string,
      { zone: ReturnType<typeof overseasZoneOf>; rows: OutboxJobData['r']; seen: Set<string> }
    >();
    const pending: Pending[] = [];
    let batch = 0;
    let invalidSince = 0;
    const reject = (entry: RejectedRecipient) => {
      result.rejected++;
      if (entry.reason !== 'duplicate') invalidSince++;
      if (result.rejectedSample.length < 100) result.rejectedSample.push(entry);
    };
    const flush = async (all: boolean) => {
      if (pending.length === 0 || (!all && pending.length < ADD_CHUNK)) return;
      const chunk = pending.splice(0, pending.length);
      await this.#registerAndAdd(campaignId, params.name, chunk);
      result.batches += chunk.filter((entry) => entry.data).length;
    };
    const close = (key: string) => {
      const bucket = buckets.get(key);
      if (!bucket || bucket.rows.length === 0) return;
      buckets.delete(key);
      const shared = params.message;
      const data = this.#jobData(params, bucket.zone, bucket.rows, shared);
      data.c = campaignId;
      data.b = batch;
      pending.push({ field: String(batch), batch: batch++, data, invalid: invalidSince });
      invalidSince = 0;
    };
    let index = 0;
    for await (const item of params.recipients as AsyncIterable<CampaignRecipient>) {
      const position = index++;
      result.read++;
      const input = typeof item === 'string' ? item : item?.to;
      const own = typeof item === 'object' && item !== null ? item.message : undefined;
      let to: string;
      try {
        to = normalizePhoneNumber(input as string, { field: `recipients[${position}]` });
      } catch (error) {
        reject({
          index: position,
          input: String(input),
          reason: 'invalid_number',
          message: (error as Error).message,
        });
        continue;
      }
      const text = own ?? params.message;
      if (typeof text !== 'string' || text.trim() === '') {
        reject({
          index: position,
          input: String(input),
          reason: 'missing_message',
          message: 'This recipient has no message and the campaign has no shared message.',
        });
        continue;
      }
      const zone =
        params.category === 'transactional' ||
        (params.category ?? this.#category) === 'transactional'
          ? undefined
          : overseasZoneOf(to);
      const bucketKey = zone?.zone ?? '';
      let bucket = buckets.get(bucketKey);
      if (!bucket) {
        bucket = { zone, rows: [], seen: new Set() };
        buckets.set(bucketKey, bucket);
      }
      // The client drops exact repeats within a request; leaving them out here keeps counts exact.
      const seenKey = own === undefined ? to : `${to}\u0000${own}`;
      if (bucket.seen.has(seenKey)) {
        reject({
          index: position,
          input: String(input),
          reason: 'duplicate',
          message: 'The same number with the same text is already in this batch.',
        });
        continue;
      }
      bucket.seen.add(seenKey);
      bucket.rows.push(own === undefined ? [to] : [to, own]);
      result.queued++;
      if (bucket.rows.length >= this.#batchSize) {
        close(bucketKey);
        await flush(false);
      }
    }
    for (const key of [...buckets.keys()]) close(key);
    if (invalidSince > 0) pending.push({ field: `x${batch}`, invalid: invalidSince });
    await flush(true);
    await CLOSE_CAMPAIGN.run(
      this.#redis.redis,
      [this.#keys.campaign(campaignId)],
      ['enqueued', this.#keys.channel, campaignId],
    );
    return result;
  }

  /**
   * Cancels a campaign: batches not yet sent are not sent (counted as cancelled when a worker
   * reaches them); batches already sent or parked for reconciliation are not affected.
   */
  async cancelCampaign(campaignId: string): Promise<boolean> {
    const key = this.#keys.campaign(checkId('campaignId', campaignId));
    return (
      (await CLOSE_CAMPAIGN.run(
        this.#redis.redis,
        [key],
        ['cancelled', this.#keys.channel, campaignId],
      )) === 1
    );
  }

  /** The campaign's counts, or `undefined` for an unknown id. */
  async campaign(campaignId: string): Promise<CampaignCounts | undefined> {
    const fields = await this.#redis.redis.hgetall(
      this.#keys.campaign(checkId('campaignId', campaignId)),
    );
    if (!fields.state) return undefined;
    const n = (name: string) => Number(fields[name] ?? 0);
    return {
      campaignId,
      name: fields.name,
      state: fields.state as CampaignCounts['state'],
      done: fields.doneAt !== undefined,
      total: n('total'),
      queued: n('queued'),
      parked: n('parked'),
      sent: n('sent'),
      delivered: n('delivered'),
      failed: n('failed'),
      stopped: n('stopped'),
      cancelled: n('cancelled'),
    };
  }

  /**
   * Waits until the campaign is `done` (nothing left in the queue) or, with `until: 'settled'`,
   * also has no recipient waiting for its final delivery report. Polls the counts.
   */
  async waitForCampaign(
    campaignId: string,
    options: {
      until?: 'done' | 'settled';
      timeoutMs?: number;
      intervalMs?: number;
      onProgress?: (counts: CampaignCounts) => void;
    } = {},
  ): Promise<CampaignCounts> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const counts = await this.campaign(campaignId);
      if (counts) {
        options.onProgress?.(counts);
        if (counts.done && (options.until !== 'settled' || counts.sent === 0)) return counts;
      }
      if (Date.now() > deadline) {
        throw new Error(`Campaign ${campaignId} did not finish in time: ${JSON.stringify(counts)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
  }

  /**
   * Counts a delivery report: call it from the webhook handler's `onDeliveryReport`. Final
   * statuses move a recipient from `sent` to `delivered` or `failed`, once (a repeated report is
   * `'duplicate'`); a report that arrives before its send is recorded is kept (`'pending'`) and
   * applied when it is. Reports of messages not sent by the outbox are kept briefly, then dropped.
   */
  async recordDeliveryReport(
    report: DeliveryReportEvent,
  ): Promise<'counted' | 'duplicate' | 'pending' | 'ignored'> {
    if (
      report.status !== 'delivered' &&
      report.status !== 'not_delivered' &&
      report.status !== 'ko'
    )
      return 'ignored';
    if (!report.messageId || !report.phoneNumber) return 'ignored';
    let phone: string;
    try {
      phone = normalizePhoneNumber(report.phoneNumber);
    } catch {
      return 'ignored';
    }
    const status = report.status === 'delivered' ? 'delivered' : 'failed';
    return (await DELIVERY.run(
      this.#redis.redis,
      [this.#keys.message(report.messageId), this.#keys.pendingReports(report.messageId)],
      [phone, status, 3_600_000, this.#keys.campaignPrefix, this.#keys.channel, report.messageId],
    )) as 'counted' | 'duplicate' | 'pending';
  }

  /**
   * Listens to the outbox's events (sends, parked attempts, delivery reports, campaigns done),
   * published on Redis by every worker and instance. Resolves to a function that stops listening.
   */
  async subscribe(listener: (event: OutboxEvent) => void): Promise<() => Promise<void>> {
    const subscriber = openRedis(
      typeof this.#connection === 'object' && 'duplicate' in this.#connection
        ? this.#connection.duplicate()
        : this.#connection,
    );
    this.#subscribers.add(subscriber);
    subscriber.redis.on('message', (_channel: string, message: string) => {
      try {
        listener(JSON.parse(message) as OutboxEvent);
      } catch {
        // A listener's error must not stop the subscription.
      }
    });
    await subscriber.redis.subscribe(this.#keys.channel);
    return async () => {
      this.#subscribers.delete(subscriber);
      await subscriber.redis.quit().catch(() => subscriber.redis.disconnect());
    };
  }

  /** Dead-lettered jobs (BullMQ's failed set), newest first, with their typed errors. */
  async deadLetters(options: { start?: number; end?: number } = {}): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(options.start ?? 0, options.end ?? 99);
    const letters: DeadLetter[] = [];
    for (const job of jobs) {
      if (!job?.id) continue;
      const data = job.data as OutboxJobData;
      const err = await this.#redis.redis.hget(this.#keys.record(job.id), 'err');
      letters.push({
        jobId: job.id,
        campaignId: data.c,
        key: data.k,
        recipients: data.r.map(([to]) => to),
        error: err ? JSON.parse(err) : undefined,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : undefined,
      });
    }
    return letters;
  }

  /** Closes the queue and Redis clients this outbox created. */
  async close(): Promise<void> {
    for (const subscriber of this.#subscribers) await subscriber.close();
    this.#subscribers.clear();
    if (this.#ownsQueue) await this.queue.close();
    await this.#redis.close();
  }

  #jobData(
    params: OutboxMessageOptions,
    zone: ReturnType<typeof overseasZoneOf>,
    rows: OutboxJobData['r'],
    shared: string | undefined,
  ): OutboxJobData {
    const category = params.category ?? this.#category;
    if (category !== 'commercial' && category !== 'transactional') {
      invalid(
        'category',
        `must be 'commercial' or 'transactional'; received ${JSON.stringify(category)}.`,
        "pass category: 'transactional' for one-time codes and notices.",
      );
    }
    const o: OutboxJobData['o'] = {};
    for (const name of [
      'sender',
      'isStopSms',
      'isUnicode',
      'urlDlr',
      'urlResponse',
      'range',
      'sandbox',
    ] as const) {
      if (params[name] !== undefined) (o as Record<string, unknown>)[name] = params[name];
    }
    const data: OutboxJobData = { v: 1, cat: category, o, r: rows };
    if (shared !== undefined) data.m = shared;
    if (category === 'commercial') {
      data.q = { p: this.#policy };
      if (zone) {
        data.q.z = zone.zone;
        data.q.tz = zone.timeZone;
      }
    }
    return data;
  }

  async #registerAndAdd(
    campaignId: string,
    name: string | undefined,
    chunk: Pending[],
  ): Promise<void> {
    const args: (string | number)[] = [Date.now(), name ?? ''];
    // Invalid recipients are registered with the batch that closes after them (or a last `x`
    // entry), so that enqueueing the same stream again counts them once too.
    for (const { field, data, invalid } of chunk)
      args.push(field, data ? data.r.length : 0, invalid);
    // Registered first: a worker finishing a batch always finds its count.
    await REGISTER.run(
      this.#redis.redis,
      [this.#keys.campaign(campaignId), this.#keys.campaignBatches(campaignId)],
      args,
    );
    const jobs = chunk.filter((entry) => entry.data !== undefined);
    if (jobs.length > 0) {
      await this.queue.addBulk(
        jobs.map(({ batch, data }) => ({
          name: 'batch',
          data: data!,
          opts: { ...this.#jobOptions, jobId: batchJobId(campaignId, batch!) },
        })),
      );
    }
  }
}

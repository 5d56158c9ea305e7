/**
 * The consumer side of the outbox: the job processor that sends through `SmsPartnerClient` and
 * records each attempt before and after the call, and a BullMQ worker running it.
 */
import { randomBytes } from 'node:crypto';
import {
  type BulkSendResult,
  nextSendWindow,
  normalizePhoneNumber,
  type SendSmsResult,
  SmsPartnerApiError,
  SmsPartnerClient,
  type SmsPartnerClientOptions,
  SmsPartnerError,
  type SmsPartnerErrorJSON,
  SmsPartnerQuietHoursError,
  SmsPartnerRateLimitError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import {
  DelayedError,
  type Job,
  Queue,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import { bullConnection, type OwnedRedis, openRedis, type RedisConnection } from './connection.js';
import { Keys, type OutboxJobData, PREFIX, QUEUE_NAME } from './internal/model.js';
import { CLAIM, FINISH, PARK, RELEASE, RETURN_SLOT } from './internal/scripts.js';

/** How attempts whose outcome is unknown are reconciled. */
export interface ReconcileOptions {
  /**
   * How long after an attempt started its statuses are read. Longer than the client's timeout,
   * so that a request still being processed is not mistaken for one that never arrived.
   * @default 120000
   */
  graceMs?: number;
  /**
   * What to do when the status endpoint knows nothing of the attempt's tag after `graceMs`:
   * `'resend'` (it never reached SMS Partner) or `'dead-letter'` (leave it to a person).
   * @default 'resend'
   */
  whenAbsent?: 'resend' | 'dead-letter';
  /** Reads of the status endpoint that may fail before the job is dead-lettered. @default 20 */
  maxChecks?: number;
}

/** Options of {@link createOutboxProcessor} and {@link createOutboxWorker}. */
export interface OutboxWorkerOptions {
  /** Redis: an ioredis client (shared), its options or a URL. */
  connection: RedisConnection;
  /** The client to send with, or its options. Sends are never retried by the client itself. */
  client: SmsPartnerClient | SmsPartnerClientOptions;
  /** As on the outbox. @default 'sms-partner' */
  queueName?: string;
  /** As on the outbox. @default 'bull' */
  prefix?: string;
  /**
   * The clock quiet hours are read on, epoch ms. Delays are real milliseconds from it.
   * @default Date.now
   */
  now?: () => number;
  /**
   * A commercial batch also waits when quiet hours start within this margin, so that it never
   * reaches SMS Partner inside them (clock skew, a slow request).
   * @default 60000
   */
  quietHoursMarginMs?: number;
  /** See {@link ReconcileOptions}. */
  reconcile?: ReconcileOptions;
  /**
   * Pause of every worker after an HTTP 429 without `Retry-After`.
   * @default 60000
   */
  rateLimitPauseMs?: number;
  /** How long send records are kept after a job ends (idempotency window). @default 7 days */
  keepRecordsMs?: number;
  /**
   * How long the mapping from a message id to its campaign is kept for delivery reports
   * (SMS Partner: reports may take up to 48 hours).
   * @default 604800000 (7 days)
   */
  deliveryReportWindowMs?: number;
}

/** The job processor, for a BullMQ worker of yours (or `@nestjs/bullmq`'s `WorkerHost`). */
export interface OutboxProcessor {
  /** Processes one outbox job; pass BullMQ's `token` (the second argument of a processor). */
  process(job: Job<OutboxJobData>, token?: string): Promise<OutboxJobResult>;
  /** Closes what the processor created (its Redis client and queue handle). */
  close(): Promise<void>;
}

/** What a processed job returns (BullMQ's return value). */
export interface OutboxJobResult {
  state: 'sent' | 'cancelled';
  messageId: string;
  sent: number;
  failed: number;
  stopped: number;
  /** True when the job was finished from its record (an earlier attempt had sent it). */
  recovered: boolean;
}

interface Outcome {
  messageId: string;
  sent: number;
  failed: number;
  stopped: number;
}

const DAY = 86_400_000;

function errorJson(error: unknown): SmsPartnerErrorJSON {
  if (error instanceof SmsPartnerError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'Error', code: 'network', message, outcome: 'unknown' };
}

function normalized(phone: string): string {
  try {
    return normalizePhoneNumber(phone);
  } catch {
    return phone;
  }
}

/**
 * Creates the outbox's job processor. Each job goes through these steps:
 *
 * 1. a commercial batch inside quiet hours (in its recipients' zone) is delayed to the next send
 *    window, before anything is recorded;
 * 2. the attempt is recorded in Redis (state `sending`, a fresh SMS Partner `tag`) before the
 *    HTTP call; a job whose record already says `sent` is finished without sending, and one that
 *    says `sending` (its worker died mid-call) is reconciled, never sent again blind;
 * 3. the batch is sent (`/v1/bulk-send`, or `/v1/send` for a single message) without client
 *    retries; the result, per-recipient counts and the message id are recorded in one script;
 * 4. on failure: an unknown outcome parks the job and reconciles it after `graceMs` through
 *    `GET /v1/bulk-status-by-tag`; a 429 pauses every worker (Retry-After, else
 *    `rateLimitPauseMs`) and puts the job back; a quiet-hours refusal waits for the window; what
 *    provably did not reach SMS Partner is retried with backoff; anything else is dead-lettered
 *    with the typed error.
 */
export function createOutboxProcessor(options: OutboxWorkerOptions): OutboxProcessor {
  const client =
    options.client instanceof SmsPartnerClient
      ? options.client
      : new SmsPartnerClient(options.client);
  const redis: OwnedRedis = openRedis(options.connection);
  const queueName = options.queueName ?? QUEUE_NAME;
  const prefix = options.prefix ?? PREFIX;
  const keys = new Keys(prefix, queueName);
  const now = options.now ?? Date.now;
  const margin = options.quietHoursMarginMs ?? 60_000;
  const graceMs = options.reconcile?.graceMs ?? 120_000;
  const whenAbsent = options.reconcile?.whenAbsent ?? 'resend';
  const maxChecks = options.reconcile?.maxChecks ?? 20;
  const pauseMs = options.rateLimitPauseMs ?? 60_000;
  const recTtl = options.keepRecordsMs ?? 7 * DAY;
  const msgTtl = options.deliveryReportWindowMs ?? 7 * DAY;
  const instanceId = randomBytes(3).toString('hex');
  let queue: Queue | undefined;
  const getQueue = () => {
    queue ??= new Queue(queueName, { connection: bullConnection(options.connection), prefix });
    return queue;
  };

  const limiterKey = `${prefix}:${queueName}:limiter`;
  /** Delays the job to `at` (quiet-hours clock); `sentNothing` gives its limiter slot back. */
  const delay = async (
    job: Job,
    at: number,
    token: string | undefined,
    sentNothing = false,
  ): Promise<never> => {
    await job.moveToDelayed(Date.now() + Math.max(0, at - now()), token);
    if (sentNothing) await RETURN_SLOT.run(redis.redis, [limiterKey], []);
    throw new DelayedError();
  };

  /** When a commercial batch may leave, or undefined if it may leave now. */
  function releaseAt(data: OutboxJobData): number | undefined {
    if (data.cat !== 'commercial' || !data.q) return undefined;
    const zone = {
      category: 'commercial' as const,
      ...(data.q.z ? { zone: data.q.z } : {}),
      ...(data.q.tz ? { timeZone: data.q.tz } : {}),
    };
    const at = now();
    const next = nextSendWindow(new Date(at), data.q.p, zone).getTime();
    if (next > at) return next;
    const soon = nextSendWindow(new Date(at + margin), data.q.p, zone).getTime();
    return soon > at + margin ? soon : undefined;
  }

  async function send(data: OutboxJobData, tag: string): Promise<Outcome> {
    const common = { ...data.o, tag, category: data.cat, quietHours: 'allow' as const };
    if (data.c === undefined && data.r.length === 1) {
      const [to, own] = data.r[0]!;
      try {
        const result: SendSmsResult = await client.sms.send(
          { ...common, to, message: own ?? data.m ?? '' },
          { retry: false },
        );
        return { messageId: result.messageId, sent: 1, failed: 0, stopped: 0 };
      } catch (error) {
        if (error instanceof SmsPartnerError && (error as SmsPartnerError).code === 'stop_listed')
          return { messageId: '', sent: 0, failed: 0, stopped: 1 };
        throw error;
      }
    }
    const messages = data.r.map(([to, own]) => ({ to, message: own ?? data.m ?? '' }));
    const result: BulkSendResult = await client.sms.bulkSend(
      { ...common, messages },
      { retry: false },
    );
    const byPhone = new Map(result.items.map((item) => [normalized(item.phoneNumber), item]));
    const outcome: Outcome = { messageId: result.messageId, sent: 0, failed: 0, stopped: 0 };
    for (const [to] of data.r) {
      const item = byPhone.get(to);
      // A recipient the answer does not list was part of an accepted request: counted as sent.
      if (!item || item.success) outcome.sent++;
      else if (item.apiCode === 14) outcome.stopped++;
      else outcome.failed++;
    }
    return outcome;
  }

  /** Reads the statuses of the attempt's tag: the outcome if SMS Partner has it, else undefined. */
  async function lookup(data: OutboxJobData, tag: string): Promise<Outcome | undefined> {
    const found = new Map<string, string>();
    try {
      for await (const status of client.status.iterateByTag(tag))
        found.set(normalized(status.phoneNumber), status.messageId);
    } catch (error) {
      // Code 4: no message has this tag.
      if (error instanceof SmsPartnerApiError && error.apiCode === 4) return undefined;
      throw error;
    }
    if (found.size === 0) return undefined;
    const outcome: Outcome = {
      messageId: [...found.values()][0] ?? '',
      sent: 0,
      failed: 0,
      stopped: 0,
    };
    // Recipients of a processed request that the platform does not list were refused there.
    for (const [to] of data.r) {
      if (found.has(to)) outcome.sent++;
      else outcome.failed++;
    }
    return outcome;
  }

  async function finish(
    job: Job<OutboxJobData>,
    tag: string,
    final: 'sent' | 'dead',
    outcome: Outcome,
    error?: unknown,
  ): Promise<void> {
    const data = job.data;
    await FINISH.run(
      redis.redis,
      [
        keys.record(job.id!),
        keys.campaign(data.c ?? ''),
        keys.message(outcome.messageId || 'none'),
        keys.pendingReports(outcome.messageId || 'none'),
      ],
      [
        tag,
        final,
        outcome.messageId,
        outcome.sent,
        outcome.failed,
        outcome.stopped,
        data.k ?? '',
        recTtl,
        msgTtl,
        keys.channel,
        error === undefined ? '' : JSON.stringify(errorJson(error)),
        job.id!,
        data.c ?? '',
      ],
    );
  }

  async function deadLetter(job: Job<OutboxJobData>, tag: string, error: unknown): Promise<never> {
    await finish(
      job,
      tag,
      'dead',
      { messageId: '', sent: 0, failed: job.data.r.length, stopped: 0 },
      error,
    );
    const json = errorJson(error);
    throw new UnrecoverableError(`${json.code}: ${json.message}`);
  }

  async function reconcile(
    job: Job<OutboxJobData>,
    token: string | undefined,
    tag: string,
    startedAt: number,
    state: string,
  ): Promise<OutboxJobResult> {
    if (state === 'sending') {
      // Its worker died (or lost its lock) mid-call: park it so that the counts say so.
      await PARK.run(
        redis.redis,
        [keys.record(job.id!), keys.campaign(job.data.c ?? '')],
        [
          tag,
          JSON.stringify({
            name: 'SmsPartnerError',
            code: 'network',
            message: 'The worker stopped during the request; its outcome is unknown.',
            outcome: 'unknown',
          }),
          keys.channel,
          job.id!,
        ],
      );
    }
    if (Date.now() - startedAt < graceMs)
      return delay(job, now() + (startedAt + graceMs - Date.now()), token, true);
    let outcome: Outcome | undefined;
    try {
      outcome = await lookup(job.data, tag);
    } catch (error) {
      const checks = await redis.redis.hincrby(keys.record(job.id!), 'chk', 1);
      if (checks >= maxChecks) return deadLetter(job, tag, error);
      return delay(job, now() + graceMs, token, true);
    }
    if (outcome) {
      await finish(job, tag, 'sent', outcome);
      return { state: 'sent', ...outcome, recovered: true };
    }
    const absent = new SmsPartnerError(
      'network',
      `SMS Partner has no message tagged ${tag} ${Math.round((Date.now() - startedAt) / 1000)} s after the attempt: it never arrived.`,
      { outcome: 'not_sent' },
    );
    if (whenAbsent === 'dead-letter') return deadLetter(job, tag, absent);
    await RELEASE.run(
      redis.redis,
      [keys.record(job.id!), keys.campaign(job.data.c ?? '')],
      [tag, JSON.stringify(absent.toJSON())],
    );
    return attempt(job, token);
  }

  async function attempt(
    job: Job<OutboxJobData>,
    token: string | undefined,
  ): Promise<OutboxJobResult> {
    const data = job.data;
    const release = releaseAt(data);
    if (release !== undefined) return delay(job, release, token, true);
    const [state, tagOrId, extra] = (await CLAIM.run(
      redis.redis,
      [keys.record(job.id!), keys.seq, keys.campaign(data.c ?? '')],
      // Real time, not the quiet-hours clock: the grace before reconciliation is a real duration.
      [Date.now(), recTtl, data.r.length, data.c ?? '', instanceId, keys.channel],
    )) as [string, string, string];
    if (state === 'sent')
      return { state: 'sent', messageId: tagOrId, sent: 0, failed: 0, stopped: 0, recovered: true };
    if (state === 'cancelled')
      return {
        state: 'cancelled',
        messageId: '',
        sent: 0,
        failed: 0,
        stopped: 0,
        recovered: false,
      };
    if (state === 'dead') throw new UnrecoverableError(extra || 'dead-lettered');
    if (state === 'sending' || state === 'parked')
      return reconcile(job, token, tagOrId, Number(extra), state);
    const tag = tagOrId;
    let outcome: Outcome;
    try {
      outcome = await send(data, tag);
    } catch (error) {
      return failed(job, token, tag, error);
    }
    await finish(job, tag, 'sent', outcome);
    return { state: 'sent', ...outcome, recovered: false };
  }

  async function failed(
    job: Job<OutboxJobData>,
    token: string | undefined,
    tag: string,
    error: unknown,
  ): Promise<never> {
    const recKeys = [keys.record(job.id!), keys.campaign(job.data.c ?? '')];
    const json = JSON.stringify(errorJson(error));
    if (!(error instanceof SmsPartnerError) || error.outcome === 'unknown') {
      await PARK.run(redis.redis, recKeys, [tag, json, keys.channel, job.id!]);
      return delay(job, now() + graceMs, token);
    }
    if (error instanceof SmsPartnerRateLimitError) {
      await RELEASE.run(redis.redis, recKeys, [tag, json]);
      await getQueue().rateLimit(error.retryAfter ?? pauseMs);
      throw Worker.RateLimitError();
    }
    if (error instanceof SmsPartnerQuietHoursError) {
      await RELEASE.run(redis.redis, recKeys, [tag, json]);
      return delay(job, error.nextWindow.getTime(), token);
    }
    if (error instanceof SmsPartnerValidationError) {
      // Checked before any network call: drop the recipients it names and send the others.
      const bad = new Set<number>();
      for (const issue of error.issues) {
        const match = /^messages\[(\d+)\]/.exec(issue.field);
        if (!match) return deadLetter(job, tag, error);
        bad.add(Number(match[1]));
      }
      const keep = job.data.r.filter((_, index) => !bad.has(index));
      if (keep.length === 0 || keep.length === job.data.r.length)
        return deadLetter(job, tag, error);
      let outcome: Outcome;
      try {
        outcome = await send({ ...job.data, r: keep }, tag);
      } catch (second) {
        return failed(job, token, tag, second);
      }
      outcome.failed += job.data.r.length - keep.length;
      await finish(job, tag, 'sent', outcome);
      throw new DoneSignal({ state: 'sent', ...outcome, recovered: false });
    }
    const retryable =
      error.outcome === 'not_sent' ||
      error.code === 'authentication' ||
      error.code === 'insufficient_credit';
    const attempts = job.opts.attempts ?? 1;
    if (retryable && job.attemptsMade + 1 < attempts) {
      await RELEASE.run(redis.redis, recKeys, [tag, json]);
      throw error;
    }
    return deadLetter(job, tag, error);
  }

  return {
    async process(job, token) {
      try {
        return await attempt(job, token);
      } catch (error) {
        if (error instanceof DoneSignal) return error.result;
        throw error;
      }
    },
    async close() {
      await queue?.close();
      await redis.close();
    },
  };
}

/** Carries a result out of the validation path's nested send. */
class DoneSignal extends Error {
  constructor(readonly result: OutboxJobResult) {
    super('done');
  }
}

/** Options of {@link createOutboxWorker}: the processor's, plus BullMQ worker settings. */
export interface CreateOutboxWorkerOptions extends OutboxWorkerOptions {
  /** Jobs (requests) in flight at once in this worker. @default 4 */
  concurrency?: number;
  /**
   * Requests per `duration` ms across every worker of the queue (BullMQ's limiter, kept in Redis).
   * SMS Partner documents no limit for sends; a third-party library assumes 5 per second.
   * @default { max: 5, duration: 1000 }
   */
  limiter?: { max: number; duration: number };
  /** Other BullMQ worker options (lockDuration, stalledInterval, ...). */
  worker?: Partial<WorkerOptions>;
}

/**
 * Starts a BullMQ worker that processes the outbox's jobs (see {@link createOutboxProcessor}).
 * Run as many as you like, in as many processes: the limiter and the records are shared.
 *
 * @example
 * ```ts
 * const worker = createOutboxWorker({ connection: 'redis://127.0.0.1:6379', client: { apiKey: process.env.SMS_PARTNER_API_KEY } });
 * process.on('SIGTERM', () => worker.close());
 * ```
 */
export function createOutboxWorker(
  options: CreateOutboxWorkerOptions,
): Worker<OutboxJobData, OutboxJobResult> {
  const processor = createOutboxProcessor(options);
  const worker = new Worker<OutboxJobData, OutboxJobResult>(
    options.queueName ?? QUEUE_NAME,
    (job, token) => processor.process(job, token),
    {
      connection: bullConnection(options.connection),
      prefix: options.prefix ?? PREFIX,
      concurrency: options.concurrency ?? 4,
      limiter: options.limiter ?? { max: 5, duration: 1000 },
      // A stalled job is safe to hand to another worker any number of times: its record decides.
      maxStalledCount: 1_000_000,
      ...options.worker,
    },
  );
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await close(force);
    await processor.close();
  };
  return worker;
}

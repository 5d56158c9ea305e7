/**
 * `@sms-partner/bullmq`: SMS Partner sends and campaigns on BullMQ and Redis. An outbox that
 * survives crashes without losing or doubling a message, batches of up to 500 per request,
 * French quiet hours per recipient zone, rate limits shared by every worker, campaign counts
 * from delivery reports, and Redis stores for core's webhook handler.
 *
 * @example
 * ```ts
 * import { createOutboxWorker, SmsOutbox } from '@sms-partner/bullmq';
 *
 * const connection = 'redis://127.0.0.1:6379';
 * const outbox = new SmsOutbox({ connection });
 * createOutboxWorker({ connection, client: { apiKey: process.env.SMS_PARTNER_API_KEY } });
 * await outbox.enqueueCampaign({ id: 'soldes', message: 'Soldes -20 %', isStopSms: true, recipients: customers() });
 * ```
 * @packageDocumentation
 */
export type { RedisConcatStore, RedisConcatStoreOptions } from './concat-store.js';
export { createRedisConcatStore } from './concat-store.js';
export type { RedisConnection } from './connection.js';
export type {
  DedupeClaimResult,
  RedisDedupeStore,
  RedisDedupeStoreOptions,
} from './dedupe-store.js';
export { createRedisDedupeStore } from './dedupe-store.js';
export type { JobSendOptions, OutboxJobData } from './internal/model.js';
export type { SmsOutboxOptions } from './outbox.js';
export { SmsOutbox } from './outbox.js';
export type {
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
export type {
  CreateOutboxWorkerOptions,
  OutboxJobResult,
  OutboxProcessor,
  OutboxWorkerOptions,
  ReconcileOptions,
} from './worker.js';
export { createOutboxProcessor, createOutboxWorker } from './worker.js';

/** The default BullMQ queue name of the outbox. */
export const OUTBOX_QUEUE_NAME = 'sms-partner';

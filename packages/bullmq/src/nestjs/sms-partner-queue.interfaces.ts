import type { SmsOutboxOptions } from '../outbox.js';
import type { OutboxWorkerOptions } from '../worker.js';

/** Worker settings of {@link SmsPartnerQueueModule}: BullMQ's, through `@nestjs/bullmq`. */
export interface SmsPartnerQueueWorkerOptions
  extends Omit<OutboxWorkerOptions, 'connection' | 'client' | 'queueName' | 'prefix'> {
  /** Jobs (requests) in flight at once in this process. @default 4 */
  concurrency?: number;
  /**
   * Requests per `duration` ms across every worker of the queue (BullMQ's limiter, in Redis).
   * @default { max: 5, duration: 1000 }
   */
  limiter?: { max: number; duration: number };
  /** Lock and stall settings of the BullMQ worker. */
  lockDuration?: number;
  stalledInterval?: number;
}

/** Options of {@link SmsPartnerQueueModule.forRoot}. */
export interface SmsPartnerQueueModuleOptions
  extends Omit<SmsOutboxOptions, 'queue'>,
    Pick<OutboxWorkerOptions, 'client'> {
  /**
   * Runs the worker in this application (`false` for producer-only instances, for example
   * behind an HTTP load balancer while dedicated processes send).
   * @default {}
   */
  worker?: SmsPartnerQueueWorkerOptions | false;
  /** Makes the outbox injectable in every module without importing this one. @default false */
  isGlobal?: boolean;
}

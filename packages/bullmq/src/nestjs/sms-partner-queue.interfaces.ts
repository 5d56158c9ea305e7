import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
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

/** The options `forRootAsync` resolves (everything but what names the queue). */
export type SmsPartnerQueueResolvedOptions = Omit<
  SmsPartnerQueueModuleOptions,
  'queueName' | 'prefix' | 'isGlobal'
>;

/** A `useFactory` of {@link SmsPartnerQueueModuleAsyncOptions}. */
export type SmsPartnerQueueOptionsFactory = (
  // biome-ignore lint/suspicious/noExplicitAny: a factory's parameters are whatever `inject` resolves to.
  ...args: any[]
) => SmsPartnerQueueResolvedOptions | Promise<SmsPartnerQueueResolvedOptions>;

/**
 * Options of {@link SmsPartnerQueueModule.forRootAsync}: the queue's name and prefix are needed
 * when the module is defined (they name the BullMQ queue token); the rest comes from `useFactory`.
 */
export interface SmsPartnerQueueModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** As in the options. @default 'sms-partner' */
  queueName?: string;
  /** As in the options. @default 'bull' */
  prefix?: string;
  /** Makes the outbox injectable in every module without importing this one. @default false */
  isGlobal?: boolean;
  /** Builds the options; receives the `inject` tokens, resolved, in order. */
  useFactory: SmsPartnerQueueOptionsFactory;
  /** Tokens resolved and passed to `useFactory`, in order. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}

import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { bullConnection } from '../connection.js';
import type { OutboxJobData } from '../internal/model.js';
import { PREFIX, QUEUE_NAME } from '../internal/model.js';
import { SmsOutbox } from '../outbox.js';
import { createOutboxProcessor, type OutboxJobResult, type OutboxProcessor } from '../worker.js';
import {
  SMS_PARTNER_OUTBOX,
  SMS_PARTNER_OUTBOX_PROCESSOR,
  SMS_PARTNER_OUTBOX_WORKER,
  SMS_PARTNER_QUEUE_OPTIONS,
} from './sms-partner-queue.constants.js';
import type {
  SmsPartnerQueueModuleAsyncOptions,
  SmsPartnerQueueModuleOptions,
} from './sms-partner-queue.interfaces.js';

/** Closes the outbox and the processor's clients when the application stops. */
@Injectable()
export class SmsPartnerQueueLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(SMS_PARTNER_OUTBOX) private readonly outbox: SmsOutbox,
    @Inject(SMS_PARTNER_OUTBOX_PROCESSOR) private readonly processor: OutboxProcessor,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.close();
    await this.processor.close();
  }
}

/**
 * A `WorkerHost` for one queue: `@nestjs/bullmq` discovers it by its `@Processor()` metadata (read
 * at module init, after the factories ran) and runs a BullMQ worker with it. A class per module
 * instance, because the metadata is per class; `worker: false` provides a plain object instead.
 */
function workerHostProvider(queueName: string): Provider {
  class SmsPartnerOutboxWorker extends WorkerHost {
    constructor(private readonly processor: OutboxProcessor) {
      super();
    }
    process(job: Job<OutboxJobData>, token?: string): Promise<OutboxJobResult> {
      return this.processor.process(job, token);
    }
  }
  return {
    provide: SMS_PARTNER_OUTBOX_WORKER,
    useFactory: (options: SmsPartnerQueueModuleOptions, processor: OutboxProcessor) => {
      if (options.worker === false) return { disabled: true };
      const worker = options.worker ?? {};
      Processor(queueName, {
        concurrency: worker.concurrency ?? 4,
        limiter: worker.limiter ?? { max: 5, duration: 1000 },
        // A stalled job is safe to hand to another worker any number of times: its record decides.
        maxStalledCount: 1_000_000,
        ...(worker.lockDuration === undefined ? {} : { lockDuration: worker.lockDuration }),
        ...(worker.stalledInterval === undefined
          ? {}
          : { stalledInterval: worker.stalledInterval }),
      })(SmsPartnerOutboxWorker);
      return new SmsPartnerOutboxWorker(processor);
    },
    inject: [SMS_PARTNER_QUEUE_OPTIONS, SMS_PARTNER_OUTBOX_PROCESSOR],
  };
}

/** The providers both `forRoot` and `forRootAsync` share, once the options token exists. */
function sharedProviders(queueName: string, prefix: string): Provider[] {
  return [
    {
      provide: SMS_PARTNER_OUTBOX,
      useFactory: (options: SmsPartnerQueueModuleOptions, queue: Queue) =>
        new SmsOutbox({ ...options, queue }),
      inject: [SMS_PARTNER_QUEUE_OPTIONS, getQueueToken(queueName)],
    },
    { provide: SmsOutbox, useExisting: SMS_PARTNER_OUTBOX },
    {
      provide: SMS_PARTNER_OUTBOX_PROCESSOR,
      useFactory: (options: SmsPartnerQueueModuleOptions) =>
        createOutboxProcessor({
          ...(options.worker || {}),
          connection: options.connection,
          client: options.client,
          queueName,
          prefix,
        }),
      inject: [SMS_PARTNER_QUEUE_OPTIONS],
    },
    SmsPartnerQueueLifecycle,
    workerHostProvider(queueName),
  ];
}

const exported = [SMS_PARTNER_OUTBOX, SmsOutbox, SMS_PARTNER_QUEUE_OPTIONS];

/**
 * The SMS Partner outbox for NestJS: registers its BullMQ queue with `@nestjs/bullmq`, provides
 * an injectable {@link SmsOutbox} (`@InjectOutbox()`), and runs the worker in this application
 * unless `worker: false`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     SmsPartnerQueueModule.forRoot({
 *       connection: process.env.REDIS_URL!,
 *       client: { apiKey: process.env.SMS_PARTNER_API_KEY! },
 *       worker: { concurrency: 4, limiter: { max: 5, duration: 1000 } },
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class of static factories.
export class SmsPartnerQueueModule {
  /** Configures the module with known options. */
  static forRoot(options: SmsPartnerQueueModuleOptions): DynamicModule {
    const queueName = options.queueName ?? QUEUE_NAME;
    const prefix = options.prefix ?? PREFIX;
    return {
      module: SmsPartnerQueueModule,
      global: options.isGlobal ?? false,
      imports: [
        BullModule.registerQueue({
          name: queueName,
          prefix,
          connection: bullConnection(options.connection),
        }),
      ],
      providers: [
        { provide: SMS_PARTNER_QUEUE_OPTIONS, useValue: { ...options, queueName, prefix } },
        ...sharedProviders(queueName, prefix),
      ],
      exports: exported,
    };
  }

  /**
   * Configures the module with options resolved at bootstrap (from `ConfigService`, a vault...).
   * `useFactory` runs twice: once for the BullMQ queue's connection, once for the module.
   */
  static forRootAsync(options: SmsPartnerQueueModuleAsyncOptions): DynamicModule {
    const queueName = options.queueName ?? QUEUE_NAME;
    const prefix = options.prefix ?? PREFIX;
    const inject = options.inject ?? [];
    return {
      module: SmsPartnerQueueModule,
      global: options.isGlobal ?? false,
      imports: [
        ...(options.imports ?? []),
        BullModule.registerQueueAsync({
          name: queueName,
          imports: options.imports ?? [],
          // biome-ignore lint/suspicious/noExplicitAny: whatever `inject` resolves to.
          useFactory: async (...args: any[]) => ({
            prefix,
            connection: bullConnection((await options.useFactory(...args)).connection),
          }),
          inject,
        }),
      ],
      providers: [
        {
          provide: SMS_PARTNER_QUEUE_OPTIONS,
          // biome-ignore lint/suspicious/noExplicitAny: whatever `inject` resolves to.
          useFactory: async (...args: any[]) => ({
            ...(await options.useFactory(...args)),
            queueName,
            prefix,
          }),
          inject,
        },
        ...sharedProviders(queueName, prefix),
      ],
      exports: exported,
    };
  }
}

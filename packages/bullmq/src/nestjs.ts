/**
 * `@sms-partner/bullmq/nestjs`: the outbox as a NestJS module on `@nestjs/bullmq`. The queue is
 * registered with `BullModule.registerQueue`, the worker is a `WorkerHost` that
 * `@nestjs/bullmq` runs, and the outbox is injectable with `@InjectOutbox()` (explicit tokens:
 * no `emitDecoratorMetadata` needed).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Orders {
 *   constructor(@InjectOutbox() private readonly outbox: SmsOutbox) {}
 *   shipped(order: Order) {
 *     return this.outbox.send({ to: order.phone, message: 'Votre commande est partie.', category: 'transactional', key: `shipped-${order.id}` });
 *   }
 * }
 * ```
 * @packageDocumentation
 */
export {
  SMS_PARTNER_OUTBOX,
  SMS_PARTNER_OUTBOX_PROCESSOR,
  SMS_PARTNER_OUTBOX_WORKER,
  SMS_PARTNER_QUEUE_OPTIONS,
} from './nestjs/sms-partner-queue.constants.js';
export { InjectOutbox } from './nestjs/sms-partner-queue.decorators.js';
export type {
  SmsPartnerQueueModuleAsyncOptions,
  SmsPartnerQueueModuleOptions,
  SmsPartnerQueueOptionsFactory,
  SmsPartnerQueueResolvedOptions,
  SmsPartnerQueueWorkerOptions,
} from './nestjs/sms-partner-queue.interfaces.js';
export {
  SmsPartnerQueueLifecycle,
  SmsPartnerQueueModule,
} from './nestjs/sms-partner-queue.module.js';

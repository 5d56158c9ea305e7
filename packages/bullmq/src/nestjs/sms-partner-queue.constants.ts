/** Injection token of the module's resolved {@link SmsPartnerQueueModuleOptions}. */
export const SMS_PARTNER_QUEUE_OPTIONS = 'SMS_PARTNER_QUEUE_OPTIONS';

/** Injection token of the shared {@link SmsOutbox} (also injectable by its class). */
export const SMS_PARTNER_OUTBOX = 'SMS_PARTNER_OUTBOX';

/** Injection token of the outbox job processor the module's BullMQ worker runs. */
export const SMS_PARTNER_OUTBOX_PROCESSOR = 'SMS_PARTNER_OUTBOX_PROCESSOR';

/** Injection token of the module's `WorkerHost` (registered with `@nestjs/bullmq`). */
export const SMS_PARTNER_OUTBOX_WORKER = 'SMS_PARTNER_OUTBOX_WORKER';

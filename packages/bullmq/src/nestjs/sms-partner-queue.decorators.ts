import { Inject } from '@nestjs/common';
import { SMS_PARTNER_OUTBOX } from './sms-partner-queue.constants.js';

/**
 * Injects the module's {@link SmsOutbox}.
 *
 * @example
 * ```ts
 * constructor(@InjectOutbox() private readonly outbox: SmsOutbox) {}
 * ```
 */
export const InjectOutbox = (): ParameterDecorator & PropertyDecorator =>
  Inject(SMS_PARTNER_OUTBOX);

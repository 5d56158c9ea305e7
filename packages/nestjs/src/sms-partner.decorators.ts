import { Inject, SetMetadata } from '@nestjs/common';
import type { SmsPartnerWebhookEventType } from '@sms-partner/core';
import {
  SMS_PARTNER_CLIENT,
  SMS_PARTNER_EVENT_METADATA,
  SMS_PARTNER_OPTIONS,
} from './sms-partner.constants.js';

/**
 * Injects the module's `SmsPartnerClient` (the same instance everywhere).
 *
 * @example
 * ```ts
 * constructor(@InjectSmsPartner() private readonly sms: SmsPartnerClient) {}
 * ```
 */
export const InjectSmsPartner = (): ParameterDecorator & PropertyDecorator =>
  Inject(SMS_PARTNER_CLIENT);

/** Injects the module's resolved options. */
export const InjectSmsPartnerOptions = (): ParameterDecorator & PropertyDecorator =>
  Inject(SMS_PARTNER_OPTIONS);

const on = (type: SmsPartnerWebhookEventType): MethodDecorator =>
  SetMetadata(SMS_PARTNER_EVENT_METADATA, type);

/**
 * Marks a provider method as the handler of delivery reports (`urlDlr` callbacks). It receives a
 * `DeliveryReportEvent`; a throw or a rejected promise makes the webhook answer 500.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Receipts {
 *   @OnDeliveryReport()
 *   async handle(event: DeliveryReportEvent) { await this.repo.markStatus(event.messageId, event.status); }
 * }
 * ```
 */
export const OnDeliveryReport = (): MethodDecorator => on('delivery_report');
/** Marks a provider method as the handler of short-number replies (`ReplyEvent`). */
export const OnReply = (): MethodDecorator => on('reply');
/** Marks a provider method as the handler of opt-outs (`StopEvent`). */
export const OnStop = (): MethodDecorator => on('stop');
/** Marks a provider method as the handler of long-number inbound SMS, reassembled (`InboundMessageEvent`). */
export const OnInboundMessage = (): MethodDecorator => on('inbound_message');
/** Marks a provider method as the handler of HLR lookup results (`HlrResultEvent`). */
export const OnHlrResult = (): MethodDecorator => on('hlr_result');

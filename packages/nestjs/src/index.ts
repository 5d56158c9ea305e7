/**
 * `@sms-partner/nestjs`: the SMS Partner client as an injectable, and SMS Partner callbacks
 * (delivery reports, replies, STOP, inbound SMS, HLR results) delivered to decorated provider
 * methods. Works on `@nestjs/platform-express` and `@nestjs/platform-fastify`.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class SmsEvents {
 *   constructor(@InjectSmsPartner() private readonly sms: SmsPartnerClient) {}
 *
 *   @OnStop()
 *   async optOut(event: StopEvent) { await this.users.unsubscribe(event.phoneNumber); }
 * }
 * ```
 * @packageDocumentation
 */
export {
  DEFAULT_WEBHOOK_PATH,
  frameworkName,
  SMS_PARTNER_CLIENT,
  SMS_PARTNER_EVENT_METADATA,
  SMS_PARTNER_OPTIONS,
} from './sms-partner.constants.js';
export {
  InjectSmsPartner,
  InjectSmsPartnerOptions,
  OnDeliveryReport,
  OnHlrResult,
  OnInboundMessage,
  OnReply,
  OnStop,
} from './sms-partner.decorators.js';
export type {
  SmsPartnerModuleAsyncOptions,
  SmsPartnerModuleOptions,
  SmsPartnerOptionsFactory,
  SmsPartnerWebhookRouteOptions,
} from './sms-partner.interfaces.js';
export { SmsPartnerModule } from './sms-partner.module.js';
export { SmsPartnerWebhooksService } from './sms-partner-webhooks.service.js';

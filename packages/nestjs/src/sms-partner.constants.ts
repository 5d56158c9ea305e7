/** Injection token of the module's resolved {@link SmsPartnerModuleOptions}. */
export const SMS_PARTNER_OPTIONS = 'SMS_PARTNER_OPTIONS';

/** Injection token of the shared `SmsPartnerClient` (also injectable by its class). */
export const SMS_PARTNER_CLIENT = 'SMS_PARTNER_CLIENT';

/** Metadata key the `@On...()` decorators set on handler methods. */
export const SMS_PARTNER_EVENT_METADATA = 'sms-partner:webhook-event';

/** The webhook path used when `webhooks.path` is not given. */
export const DEFAULT_WEBHOOK_PATH = '/sms-partner/webhooks';

/** The adapter's name, for logs and diagnostics. */
export const frameworkName = 'nestjs';

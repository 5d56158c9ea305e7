/**
 * The SMS Partner HTTP client: `new SmsPartnerClient({ apiKey })` with every endpoint of the SMS
 * API as typed methods grouped by resource, and the typed errors it throws.
 *
 * @example
 * ```ts
 * import { SmsPartnerClient, SmsPartnerStopListedError } from '@sms-partner/core';
 *
 * const client = new SmsPartnerClient({ apiKey: 'your-key' });
 * try {
 *   await client.sms.send({ to: '0612345678', message: 'Bonjour !' });
 * } catch (error) {
 *   if (error instanceof SmsPartnerStopListedError) console.log('opted out');
 * }
 * ```
 * @packageDocumentation
 */
export type {
  RequestOutcome,
  SmsPartnerErrorCode,
  SmsPartnerErrorJSON,
  SmsPartnerErrorOptions,
  ValidationIssue,
} from '../errors.js';
export { SmsPartnerError, SmsPartnerValidationError } from '../errors.js';
export type { SmsPartnerClientOptions } from './client.js';
export { API_KEY_ENV_VAR, DEFAULT_BASE_URL, SmsPartnerClient } from './client.js';
export type { ApiCodeInfo, ApiErrorKind, ApiFamily } from './error-codes.js';
export { describeApiCode } from './error-codes.js';
export type {
  ApiErrorDetail,
  ApiErrorOptions,
  QuietHoursErrorOptions,
  RateLimitErrorOptions,
  ResponseErrorOptions,
  TimeoutErrorOptions,
} from './errors.js';
export {
  SmsPartnerAbortError,
  SmsPartnerApiError,
  SmsPartnerAuthenticationError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerNetworkError,
  SmsPartnerQuietHoursError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerStopListedError,
  SmsPartnerTimeoutError,
} from './errors.js';
export type {
  MessageDefaults,
  QuietHoursMode,
  RequestEvent,
  RequestOptions,
  ResponseEvent,
  ResponseFormat,
  RetryEvent,
  RetryOptions,
  SmsPartnerHooks,
  SmsPartnerLogger,
  SmsPricing,
} from './options.js';
export type { Account, AccountUser, Credits } from './resources/account.js';
export { AccountResource } from './resources/account.js';
export { SmsResource } from './resources/sms.js';
export type {
  BatchFailure,
  BatchOptions,
  BatchResult,
  BulkSendItem,
  BulkSendParams,
  BulkSendResult,
  BulkSmsMessage,
  CancelResult,
  MessagePreview,
  PreviewOptions,
  QuietHoursSendOptions,
  SendFromLongNumberParams,
  SendFromLongNumberResult,
  SendResultBase,
  SendSmsParams,
  SendSmsResult,
  SendSurveyParams,
  SendSurveyResult,
  SmsSendOptions,
} from './resources/sms-types.js';

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
export type { ApiCodeEntry, ApiCodeInfo, ApiErrorKind, ApiFamily } from './error-codes.js';
export { describeApiCode } from './error-codes.js';
export type {
  AccountDisabledErrorOptions,
  ApiErrorDetail,
  ApiErrorOptions,
  QuietHoursErrorOptions,
  RateLimitErrorOptions,
  ResponseErrorOptions,
  TimeoutErrorOptions,
} from './errors.js';
export {
  SmsPartnerAbortError,
  SmsPartnerAccountDisabledError,
  SmsPartnerApiError,
  SmsPartnerAuthenticationError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerNetworkError,
  SmsPartnerQueueError,
  SmsPartnerQuietHoursError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerStopListedError,
  SmsPartnerTimeoutError,
} from './errors.js';
export type {
  DayInput,
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
export type {
  AddContactsResult,
  Contact,
  ContactInput,
  ContactPage,
} from './resources/contacts.js';
export { ContactsResource } from './resources/contacts.js';
export type { ContactGroup } from './resources/groups.js';
export { GroupsResource } from './resources/groups.js';
export type { CallForwardParams, HlrParams, HlrResult, LookupItem } from './resources/numbers.js';
export { NumbersResource } from './resources/numbers.js';
export type {
  RcsRichContent,
  RcsSuggestion,
  SendRcsParams,
  SendRcsResult,
} from './resources/rcs.js';
export { RcsResource } from './resources/rcs.js';
export type {
  RentalQuote,
  RentalStatus,
  RentalTargeting,
  RentalVolume,
  RentalVolumes,
} from './resources/rental.js';
export { RentalResource } from './resources/rental.js';
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
export type { CostsQuery, CostsResult, MonthlyCost } from './resources/statistics.js';
export { StatisticsResource } from './resources/statistics.js';
export type {
  MessageStatus,
  MessageStatusQuery,
  MessageStatusResult,
  MultiStatusItem,
  StatusList,
  StatusPage,
} from './resources/status.js';
export { StatusResource } from './resources/status.js';
export type { StopList, StopListEntry } from './resources/stops.js';
export { StopsResource } from './resources/stops.js';
export type {
  CreatedSubaccount,
  CreateSubaccountParams,
  CreditTransfer,
  Subaccount,
} from './resources/subaccounts.js';
export { SubaccountsResource } from './resources/subaccounts.js';

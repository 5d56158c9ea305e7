import type { SmsPartnerError } from '../../errors.js';
import type { MessageAnalysis, MessageRange } from '../../message/index.js';
import type { MessageCategory } from '../../schedule/index.js';
import type { QuietHoursMode, ResponseFormat } from '../options.js';

/** Quiet-hour options of a commercial send; both default to the client's. */
export interface QuietHoursSendOptions {
  /**
   * Whether the message is commercial (quiet hours apply) or transactional (they do not).
   * @default the client's `category` ('commercial')
   */
  category?: MessageCategory;
  /**
   * What to do if a commercial message would leave in quiet hours: `'allow'` (SMS Partner holds
   * it; `heldUntil` says until when), `'defer'` (schedule it at the next window), `'reject'`
   * (throw {@link SmsPartnerQuietHoursError}).
   * @default the client's `quietHours` ('allow')
   */
  quietHours?: QuietHoursMode;
}

/** Options shared by the SMS send endpoints. */
export interface SmsSendOptions extends QuietHoursSendOptions {
  /**
   * Sender name shown to the recipient: 3 to 11 letters or digits. Omit to use a short code.
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/single-send
   */
  sender?: string;
  /** Your label for the send (at most 20 lower-case characters, no spaces), to query statuses by tag. */
  tag?: string;
  /**
   * Send later. Converted to SMS Partner's Paris-time fields, rounded up to the next 5 minutes;
   * must be in the future.
   */
  scheduledAt?: Date;
  /** URL that receives the replies (see the webhooks module). */
  urlResponse?: string;
  /** URL that receives the delivery reports (see the webhooks module). */
  urlDlr?: string;
  /**
   * Append the STOP opt-out mention (`isStopSms=1`); mandatory for commercial SMS.
   * @default false
   */
  isStopSms?: boolean;
  /**
   * Send in Unicode (70 characters per SMS); the account must have it enabled by SMS Partner.
   * @default false
   */
  isUnicode?: boolean;
  /**
   * Sandbox: nothing is sent or charged.
   * @default the client's `sandbox` (false)
   */
  sandbox?: boolean;
  /**
   * Range (`gamme`): `'premium'` or `'lowcost'` (one segment only).
   * @default 'premium'
   */
  range?: MessageRange;
  /**
   * Answer format asked of SMS Partner; the result is the same either way.
   * @default the client's `format` ('json')
   */
  format?: ResponseFormat;
}

/**
 * Parameters of {@link SmsResource.send}.
 * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/single-send
 */
export interface SendSmsParams extends SmsSendOptions {
  /**
   * Recipients: one number, or up to 500 (an array, or one string with commas). French numbers may
   * be national (`06…`); others must be international (`+49…`). Duplicates are sent once.
   */
  to: string | readonly string[];
  /**
   * The text as the recipient should read it: real line breaks, `€`, quotes. The client converts it
   * to SMS Partner's syntax (`:br:`, `:euro:`).
   */
  message: string;
}

/** What every send returns. */
export interface SendResultBase {
  /** SMS Partner's id of the send, for statuses and cancellation. */
  messageId: string;
  /**
   * SMS billed for the whole send (`nb_sms`): every recipient's parts, added up. Two recipients of
   * a one-part message: 2. The parts of one message are `analysis.segments` (as in
   * `analyzeMessage()` and `client.sms.preview()`).
   */
  billedSegments: number;
  /**
   * The same number as {@link SendResultBase.billedSegments}, under the name that
   * `analyzeMessage()` and `client.sms.preview()` use for the parts of one message.
   * @deprecated Use `billedSegments` (the total billed); for the parts of one message, read
   * `analysis.segments`. Kept until 1.0.
   */
  segments: number;
  /** Cost charged. */
  cost: number;
  /** Currency of `cost`. */
  currency: string;
  /**
   * When the send is scheduled, if it is: the answer's `scheduledDeliveryDate` when SMS Partner
   * sends one (it does for scheduled sends), else your `scheduledAt`, rounded, or the deferred window.
   */
  scheduledAt: Date | undefined;
  /**
   * Under `quietHours: 'allow'`, for a commercial SMS sent in quiet hours: when SMS Partner will
   * release it. `undefined` when it leaves at once.
   */
  heldUntil: Date | undefined;
  /** True when `quietHours: 'defer'` moved the send to the next window. */
  deferred: boolean;
  /** True for sandbox sends (nothing sent, nothing charged). */
  sandbox: boolean;
  /** SMS Partner's answer as parsed. */
  raw: unknown;
}

/** Result of {@link SmsResource.send}. */
export interface SendSmsResult extends SendResultBase {
  /** The recipients sent to, in E.164 form, each once. */
  recipients: string[];
  /** How many duplicate recipients were dropped. */
  duplicatesRemoved: number;
  /** The message analysis (encoding, segments, replacements, wire text). */
  analysis: MessageAnalysis;
}

/** One message of {@link SmsResource.bulkSend}. */
export interface BulkSmsMessage {
  /** The recipient (French national or international). */
  to: string;
  /** The text for this recipient, as it should be read. */
  message: string;
}

/**
 * Parameters of {@link SmsResource.bulkSend}.
 * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/bulk-send
 */
export interface BulkSendParams extends SmsSendOptions {
  /** Up to 500 messages, each with its own text. An exact duplicate (same number, same text) is sent once. */
  messages: readonly BulkSmsMessage[];
}

/** One recipient's outcome in a bulk send. */
export interface BulkSendItem {
  /** The number as SMS Partner echoed it. */
  phoneNumber: string;
  /** Whether this message was accepted. */
  success: boolean;
  /** SMS Partner's code for this message. */
  apiCode: number | undefined;
  /** English meaning of `apiCode` when it is an error. */
  meaning: string | undefined;
  /** SMS billed for this message (`nbSms`). */
  billedSegments: number;
  /**
   * The same number as {@link BulkSendItem.billedSegments}.
   * @deprecated Use `billedSegments`. Kept until 1.0.
   */
  segments: number;
  /** Cost of this message. */
  cost: number;
}

/** Result of {@link SmsResource.bulkSend}. */
export interface BulkSendResult extends SendResultBase {
  /** Per-recipient outcomes. */
  items: BulkSendItem[];
  /** The analyses, in the order of the (de-duplicated) messages. */
  analyses: MessageAnalysis[];
  /** How many exact duplicates were dropped. */
  duplicatesRemoved: number;
}

/**
 * Parameters of {@link SmsResource.sendFromLongNumber} (`POST /v1/vn/send`).
 * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/send-by-long-number
 */
export interface SendFromLongNumberParams extends QuietHoursSendOptions {
  /** The one recipient (French national or international). */
  to: string;
  /** Your rented long number, in any usual form (`+33700000000`, `0700000000`, `33700000000`); sent as `33700000000`. */
  from: string;
  /** The text as it should be read. */
  message: string;
  /** Your label (at most 20 lower-case characters, no spaces). */
  tag?: string;
  /** URL that receives the replies. */
  urlResponse?: string;
  /** URL that receives the delivery reports. */
  urlDlr?: string;
  /**
   * Append the STOP mention.
   * @default false
   */
  isStopSms?: boolean;
  /**
   * Nothing sent, nothing charged.
   * @default the client's `sandbox`
   */
  sandbox?: boolean;
  /**
   * Answer format (`_format`).
   * @default the client's `format` ('json')
   */
  format?: ResponseFormat;
}

/** Result of {@link SmsResource.sendFromLongNumber}. */
export interface SendFromLongNumberResult extends SendResultBase {
  /** Recipient, E.164. */
  to: string;
  /** The long number as sent (`33700000000`). */
  from: string;
  /** The message analysis. */
  analysis: MessageAnalysis;
}

/**
 * Parameters of {@link SmsResource.sendSurvey}.
 * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/survey-send
 */
export interface SendSurveyParams extends QuietHoursSendOptions {
  /** Recipients, up to 500. */
  to: string | readonly string[];
  /** The survey's identifier from the dashboard (`sondageIdent`). */
  surveyId: string;
  /** Your label. */
  tag?: string;
  /** Send later (rounded up to 5 minutes, Paris time). */
  scheduledAt?: Date;
  /** Answer format. */
  format?: ResponseFormat;
  /**
   * Surveys have no sandbox mode: while the client is in sandbox mode this call is refused unless
   * it says `sandbox: false` (then it really sends).
   * @default the client's `sandbox`
   */
  sandbox?: boolean;
}

/** Result of {@link SmsResource.sendSurvey}. */
export interface SendSurveyResult extends SendResultBase {
  /** Recipients, E.164, each once. */
  recipients: string[];
  /** Duplicates dropped. */
  duplicatesRemoved: number;
}

/** Result of {@link SmsResource.cancel}. */
export interface CancelResult {
  /** Always true (a refusal throws). */
  cancelled: true;
  /** SMS Partner's confirmation text. */
  message: string | undefined;
  /** The answer as parsed. */
  raw: unknown;
}

/** Options of {@link SmsResource.preview}. */
export interface PreviewOptions {
  /** As on send. @default false */
  isUnicode?: boolean;
  /** As on send. @default false */
  isStopSms?: boolean;
  /** As on send. @default 'premium' */
  range?: MessageRange;
  /**
   * Recipients, for the total estimate.
   * @default 1
   */
  recipients?: number;
}

/** A message analysis with its estimated cost. */
export interface MessagePreview extends MessageAnalysis {
  /** The estimate, when the client has `pricing` for the range. */
  estimatedCost: { perRecipient: number; total: number; currency: string } | undefined;
}

/** Options of the batched sends. */
export interface BatchOptions {
  /**
   * Recipients (or messages) per request.
   * @default 500
   */
  batchSize?: number;
  /**
   * Requests in flight at once.
   * @default 2
   */
  concurrency?: number;
  /**
   * Stop starting new batches after the first failure (batches not started are reported in `skipped`).
   * @default false
   */
  stopOnError?: boolean;
}

/** A batch that failed; its recipients may or may not have been sent to (see `error.outcome`). */
export interface BatchFailure {
  /** The batch's recipients, E.164. */
  recipients: string[];
  /** Why it failed. */
  error: SmsPartnerError;
}

/** Result of a batched send. Nothing is retried: failed batches are reported, never re-sent. */
export interface BatchResult<T> {
  /** One result per successful batch, in batch order. */
  results: T[];
  /** Failed batches. */
  failures: BatchFailure[];
  /** Recipients of batches not started because of `stopOnError`. */
  skipped: string[];
  /** Duplicates dropped before batching. */
  duplicatesRemoved: number;
}

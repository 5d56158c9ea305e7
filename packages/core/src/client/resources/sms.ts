import { analyzeMessage } from '../../message/index.js';
import { batchSize, chunk, runBatches } from '../internal/batch.js';
import { toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { sendFromLongNumber, sendSurvey } from '../internal/long-number-and-survey.js';
import { bulkPrepared, prepareBulk, prepareSend, sendPrepared } from '../internal/sms-requests.js';
import { Issues, MAX_RECIPIENTS, requireId } from '../internal/validate.js';
import type { RequestOptions } from '../options.js';
import type {
  BatchOptions,
  BatchResult,
  BulkSendParams,
  BulkSendResult,
  CancelResult,
  MessagePreview,
  PreviewOptions,
  SendFromLongNumberParams,
  SendFromLongNumberResult,
  SendSmsParams,
  SendSmsResult,
  SendSurveyParams,
  SendSurveyResult,
} from './sms-types.js';

/**
 * Sending SMS: to one or many recipients (`/v1/send`), a different text per recipient
 * (`/v1/bulk-send`), from a rented long number (`/v1/vn/send`), surveys, cancellation, and a
 * preview of what a message will cost before it is sent.
 *
 * Every method validates its input before any network call, converts plain text to SMS Partner's
 * wire syntax, applies the quiet-hour policy to commercial messages, and is never retried once the
 * request may have reached SMS Partner.
 */
export class SmsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * The analysis of a message as SMS Partner will send it (encoding, segments, replacements, wire
   * text, violations) and its estimated cost when the client has `pricing`. No network call.
   *
   * @example
   * ```ts
   * const preview = client.sms.preview('Votre code : 1234\nÀ bientôt', { recipients: 100 });
   * preview.segments; // 1
   * preview.estimatedCost; // { perRecipient: 0.045, total: 4.5, currency: 'EUR' } with pricing set
   * ```
   */
  preview(message: string, options: PreviewOptions = {}): MessagePreview {
    const analysis = analyzeMessage(String(message), {
      ...this.#context.message,
      ...(options.isUnicode === undefined ? {} : { isUnicode: options.isUnicode }),
      ...(options.isStopSms === undefined ? {} : { isStopSms: options.isStopSms }),
      ...(options.range === undefined ? {} : { range: options.range }),
    });
    const pricing = this.#context.pricing;
    const price = options.range === 'lowcost' ? pricing?.lowcost : pricing?.premium;
    const recipients = options.recipients ?? 1;
    const estimatedCost =
      price === undefined
        ? undefined
        : {
            perRecipient: round(price * analysis.segments),
            total: round(price * analysis.segments * recipients),
            currency: pricing?.currency ?? 'EUR',
          };
    return { ...analysis, estimatedCost };
  }

  /**
   * Sends one text to 1 to 500 recipients (`POST /v1/send`).
   *
   * @throws {SmsPartnerValidationError} before any network call when the input is wrong.
   * @throws {SmsPartnerQuietHoursError} under `quietHours: 'reject'` in quiet hours.
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/single-send
   * @example
   * ```ts
   * const result = await client.sms.send({ to: '06 12 34 56 78', message: 'Bonjour !\nÀ demain.', sender: 'MaBoutique' });
   * result.messageId; // '307'
   * ```
   */
  async send(params: SendSmsParams, options?: RequestOptions): Promise<SendSmsResult> {
    return sendPrepared(this.#context, prepareSend(this.#context, params, MAX_RECIPIENTS), options);
  }

  /**
   * Sends one text to any number of recipients in batches of up to 500 (`POST /v1/send` per batch),
   * at most `concurrency` at a time. Recipients are normalised and de-duplicated across the whole
   * list first, so nobody is sent the message twice. A failed batch is reported, never retried.
   *
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/single-send
   * @example
   * ```ts
   * const { results, failures } = await client.sms.sendBatched({ to: customers, message: 'Soldes !' }, { concurrency: 2 });
   * ```
   */
  async sendBatched(
    params: SendSmsParams,
    batch: BatchOptions = {},
    options?: RequestOptions,
  ): Promise<BatchResult<SendSmsResult>> {
    const prepared = prepareSend(this.#context, params, Number.POSITIVE_INFINITY);
    return runBatches(
      chunk(prepared.recipients, batchSize(batch)),
      batch,
      prepared.duplicates,
      (recipients) => recipients,
      (recipients) =>
        sendPrepared(
          this.#context,
          {
            ...prepared,
            recipients,
            duplicates: 0,
            body: { ...prepared.body, phoneNumbers: recipients.join(',') },
          },
          options,
        ),
    );
  }

  /**
   * Sends a different text to each recipient, up to 500 per call (`POST /v1/bulk-send`).
   *
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/bulk-send
   * @example
   * ```ts
   * await client.sms.bulkSend({ messages: [{ to: '0612345678', message: 'Bonjour Anne' }, { to: '0698765432', message: 'Bonjour Luc' }] });
   * ```
   */
  async bulkSend(params: BulkSendParams, options?: RequestOptions): Promise<BulkSendResult> {
    return bulkPrepared(this.#context, prepareBulk(this.#context, params, MAX_RECIPIENTS), options);
  }

  /**
   * {@link SmsResource.bulkSend} for any number of messages, in batches of up to 500 with bounded
   * concurrency. Exact duplicates are dropped first; failed batches are reported, never retried.
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/bulk-send
   */
  async bulkSendBatched(
    params: BulkSendParams,
    batch: BatchOptions = {},
    options?: RequestOptions,
  ): Promise<BatchResult<BulkSendResult>> {
    const prepared = prepareBulk(this.#context, params, Number.POSITIVE_INFINITY);
    const groups = chunk(
      prepared.messages.map((_, index) => index),
      batchSize(batch),
    );
    return runBatches(
      groups,
      batch,
      prepared.duplicates,
      (group) => group.map((index) => prepared.messages[index]!.to),
      (group) => {
        const messages = group.map((index) => prepared.messages[index]!);
        return bulkPrepared(
          this.#context,
          {
            ...prepared,
            messages,
            analyses: group.map((index) => prepared.analyses[index]!),
            duplicates: 0,
            body: {
              ...prepared.body,
              SMSList: messages.map((m) => ({ phoneNumber: m.to, message: m.wire })),
            },
          },
          options,
        );
      },
    );
  }

  /**
   * Sends from your rented long (virtual) number, so that recipients can reply
   * (`POST /v1/vn/send`). This endpoint takes no scheduling fields: under `quietHours: 'defer'` a
   * commercial message in quiet hours throws {@link SmsPartnerQuietHoursError} with the next window.
   *
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/send-by-long-number
   * @example
   * ```ts
   * await client.sms.sendFromLongNumber({ from: '+33700000000', to: '0612345678', message: 'Répondez OUI pour confirmer' });
   * ```
   */
  async sendFromLongNumber(
    params: SendFromLongNumberParams,
    options?: RequestOptions,
  ): Promise<SendFromLongNumberResult> {
    return sendFromLongNumber(this.#context, params, options);
  }

  /**
   * Sends a survey created in the dashboard to up to 500 recipients (`POST /v1/sondage/to/send`).
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/survey-send
   */
  async sendSurvey(params: SendSurveyParams, options?: RequestOptions): Promise<SendSurveyResult> {
    return sendSurvey(this.#context, params, options);
  }

  /**
   * Cancels a scheduled send (`GET /v1/message-cancel`); impossible less than 5 minutes before it
   * leaves (API code 6).
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/cancel-scheduled-sms
   */
  async cancel(messageId: string | number, options?: RequestOptions): Promise<CancelResult> {
    const issues = new Issues();
    const id = requireId(issues, 'messageId', messageId);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/message-cancel',
        family: 'cancel',
        // Cancelling twice answers "already cancelled": not retried, so the first answer is the one seen.
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'message'],
        query: { messageId: id },
      },
      options,
    );
    return { cancelled: true, message: toText(result.data.message), raw: result.raw };
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

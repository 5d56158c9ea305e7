import type { SmsPartnerError } from '../../errors.js';
import { analyzeMessage, type MessageAnalysis } from '../../message/index.js';
import { describeApiCode } from '../error-codes.js';
import { chunk, runBounded } from '../internal/batch.js';
import { asArray, asRecord, toBoolean, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import {
  decideQuietHours,
  type MessageFlags,
  prepareMessage,
  scheduleFields,
} from '../internal/prepare.js';
import { readSendAnswer, SEND_XML_KEYS } from '../internal/send-answer.js';
import {
  checkFlag,
  checkLongNumber,
  checkPhone,
  checkRecipients,
  checkSender,
  checkTag,
  checkUrl,
  Issues,
  MAX_RECIPIENTS,
  requireId,
  requireText,
} from '../internal/validate.js';
import type { RequestOptions } from '../options.js';
import type {
  BatchOptions,
  BatchResult,
  BulkSendItem,
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
  SmsSendOptions,
} from './sms-types.js';

interface Common {
  body: Record<string, unknown>;
  scheduledAt: Date | undefined;
  heldUntil: Date | undefined;
  deferred: boolean;
  sandbox: boolean;
  format: 'json' | 'xml' | undefined;
}

interface PreparedSend extends Common {
  recipients: string[];
  duplicates: number;
  analysis: MessageAnalysis;
}

interface PreparedBulk extends Common {
  messages: Array<{ to: string; message: string; wire: string }>;
  analyses: MessageAnalysis[];
  duplicates: number;
}

function paramsObject(issues: Issues, params: unknown, example: string): Record<string, unknown> {
  if (params === null || typeof params !== 'object') {
    issues.add(
      'params',
      `must be an object; received ${params === null ? 'null' : typeof params}.`,
      `pass ${example}.`,
    );
    issues.done();
  }
  return params as Record<string, unknown>;
}

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
    return this.#sendPrepared(this.#prepareSend(params, MAX_RECIPIENTS), options);
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
    const size = batchSize(batch);
    const prepared = this.#prepareSend(params, Number.POSITIVE_INFINITY);
    const groups = chunk(prepared.recipients, size);
    const outcomes = await runBounded(
      groups,
      concurrency(batch),
      batch.stopOnError ?? false,
      (recipients) =>
        this.#sendPrepared(
          {
            ...prepared,
            recipients,
            duplicates: 0,
            body: { ...prepared.body, phoneNumbers: recipients.join(',') },
          },
          options,
        ),
    );
    const result: BatchResult<SendSmsResult> = {
      results: [],
      failures: [],
      skipped: [],
      duplicatesRemoved: prepared.duplicates,
    };
    outcomes.forEach((outcome, index) => {
      const recipients = groups[index]!;
      if (outcome.ok === true) result.results.push(outcome.value);
      else if (outcome.ok === false)
        result.failures.push({ recipients, error: outcome.error as SmsPartnerError });
      else result.skipped.push(...recipients);
    });
    return result;
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
    return this.#bulkPrepared(this.#prepareBulk(params, MAX_RECIPIENTS), options);
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
    const prepared = this.#prepareBulk(params, Number.POSITIVE_INFINITY);
    const indexes = chunk(
      prepared.messages.map((_, index) => index),
      batchSize(batch),
    );
    const outcomes = await runBounded(
      indexes,
      concurrency(batch),
      batch.stopOnError ?? false,
      (group) => {
        const messages = group.map((index) => prepared.messages[index]!);
        return this.#bulkPrepared(
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
    const result: BatchResult<BulkSendResult> = {
      results: [],
      failures: [],
      skipped: [],
      duplicatesRemoved: prepared.duplicates,
    };
    outcomes.forEach((outcome, index) => {
      const recipients = indexes[index]!.map((i) => prepared.messages[i]!.to);
      if (outcome.ok === true) result.results.push(outcome.value);
      else if (outcome.ok === false)
        result.failures.push({ recipients, error: outcome.error as SmsPartnerError });
      else result.skipped.push(...recipients);
    });
    return result;
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
    const endpoint = 'POST /v1/vn/send';
    const issues = new Issues();
    const input = paramsObject(
      issues,
      params,
      "{ from: '+33700000000', to: '0612345678', message: 'Bonjour' }",
    );
    const to = checkPhone(issues, 'to', input.to);
    const from = checkLongNumber(issues, 'from', input.from);
    const tag = checkTag(issues, 'tag', input.tag);
    const urlResponse = checkUrl(issues, 'urlResponse', input.urlResponse);
    const urlDlr = checkUrl(issues, 'urlDlr', input.urlDlr);
    const isStopSms = checkFlag(issues, 'isStopSms', input.isStopSms);
    const sandbox =
      checkFlag(issues, 'sandbox', input.sandbox) ?? (this.#context.sandbox ? 1 : undefined);
    const analysis = prepareMessage(this.#context, issues, 'message', input.message, {
      isStopSms: input.isStopSms as boolean | undefined,
    });
    issues.done();
    const decision = decideQuietHours(this.#context, {
      mode: params.quietHours,
      category: params.category,
      scheduledAt: undefined,
      canSchedule: false,
      endpoint,
    });
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/vn/send',
        family: 'send',
        kind: 'write',
        format: params.format ?? this.#context.format,
        xmlKeys: SEND_XML_KEYS,
        body: {
          to,
          from,
          message: analysis!.wireText,
          tag,
          urlResponse,
          urlDlr,
          isStopSms,
          sandbox,
        },
      },
      options,
    );
    const answer = readSendAnswer(result, endpoint, (text) => this.#context.transport.redact(text));
    return {
      ...answer,
      to: to!,
      from: from!,
      analysis: analysis!,
      scheduledAt: undefined,
      heldUntil: decision.heldUntil,
      deferred: false,
      sandbox: sandbox === 1,
      raw: result.raw,
    };
  }

  /**
   * Sends a survey created in the dashboard to up to 500 recipients (`POST /v1/sondage/to/send`).
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/survey-send
   */
  async sendSurvey(params: SendSurveyParams, options?: RequestOptions): Promise<SendSurveyResult> {
    const endpoint = 'POST /v1/sondage/to/send';
    const issues = new Issues();
    const input = paramsObject(issues, params, "{ to: '0612345678', surveyId: 'abc123' }");
    const recipients = checkRecipients(issues, 'to', input.to);
    const surveyId = requireText(
      issues,
      'surveyId',
      input.surveyId,
      "'abc123' (the survey's identifier in the dashboard)",
    );
    const tag = checkTag(issues, 'tag', input.tag);
    const schedule = scheduleFields(this.#context, issues, 'scheduledAt', input.scheduledAt);
    issues.done();
    const decision = decideQuietHours(this.#context, {
      mode: params.quietHours,
      category: params.category,
      scheduledAt: schedule?.at,
      canSchedule: true,
      endpoint,
    });
    const fields =
      this.#fieldsFor(decision.deferred ? decision.scheduledAt : undefined) ?? schedule?.fields;
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/sondage/to/send',
        family: 'send',
        kind: 'write',
        format: params.format ?? this.#context.format,
        xmlKeys: SEND_XML_KEYS,
        body: {
          phoneNumbers: recipients.numbers.join(','),
          sondageIdent: surveyId,
          tag,
          ...fields,
        },
      },
      options,
    );
    const answer = readSendAnswer(result, endpoint, (text) => this.#context.transport.redact(text));
    return {
      ...answer,
      recipients: recipients.numbers,
      duplicatesRemoved: recipients.duplicates,
      scheduledAt: decision.scheduledAt,
      heldUntil: decision.heldUntil,
      deferred: decision.deferred,
      sandbox: false,
      raw: result.raw,
    };
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

  #prepareSend(params: SendSmsParams, max: number): PreparedSend {
    const issues = new Issues();
    const input = paramsObject(issues, params, "{ to: '0612345678', message: 'Bonjour' }");
    const recipients = checkRecipients(issues, 'to', input.to, { max });
    const common = this.#commonFields(issues, input);
    const analysis = prepareMessage(this.#context, issues, 'message', input.message, flags(input));
    issues.done();
    const decision = this.#decide(params, common.scheduleAt, '/v1/send');
    return {
      recipients: recipients.numbers,
      duplicates: recipients.duplicates,
      analysis: analysis!,
      ...decision.common,
      body: {
        phoneNumbers: recipients.numbers.join(','),
        message: analysis!.wireText,
        ...common.body,
        ...decision.fields,
      },
    };
  }

  #prepareBulk(params: BulkSendParams, max: number): PreparedBulk {
    const issues = new Issues();
    const input = paramsObject(
      issues,
      params,
      "{ messages: [{ to: '0612345678', message: 'Bonjour' }] }",
    );
    const list = Array.isArray(input.messages) ? (input.messages as unknown[]) : undefined;
    if (list === undefined || list.length === 0) {
      issues.add(
        'messages',
        'needs at least one { to, message } item.',
        "pass messages: [{ to: '0612345678', message: 'Bonjour' }].",
      );
    }
    const common = this.#commonFields(issues, input);
    const seen = new Set<string>();
    const messages: PreparedBulk['messages'] = [];
    const analyses: MessageAnalysis[] = [];
    let duplicates = 0;
    (list ?? []).forEach((item, index) => {
      const record = asRecord(item);
      const to = checkPhone(issues, `messages[${index}].to`, record.to);
      const analysis = prepareMessage(
        this.#context,
        issues,
        `messages[${index}].message`,
        record.message,
        flags(input),
      );
      if (to === undefined || analysis === undefined) return;
      const key = `${to}\u0000${analysis.wireText}`;
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      messages.push({ to, message: record.message as string, wire: analysis.wireText });
      analyses.push(analysis);
    });
    if (messages.length > max) {
      issues.add(
        'messages',
        `has ${messages.length} messages; one request takes at most ${max}.`,
        'split them, or use client.sms.bulkSendBatched().',
      );
    }
    issues.done();
    const decision = this.#decide(params, common.scheduleAt, '/v1/bulk-send');
    return {
      messages,
      analyses,
      duplicates,
      ...decision.common,
      body: {
        SMSList: messages.map((m) => ({ phoneNumber: m.to, message: m.wire })),
        ...common.body,
        ...decision.fields,
      },
    };
  }

  /** Validates the options shared by `/v1/send` and `/v1/bulk-send`. */
  #commonFields(issues: Issues, input: Record<string, unknown>) {
    const sender = checkSender(issues, 'sender', input.sender);
    const tag = checkTag(issues, 'tag', input.tag);
    const urlResponse = checkUrl(issues, 'urlResponse', input.urlResponse);
    const urlDlr = checkUrl(issues, 'urlDlr', input.urlDlr);
    const isStopSms = checkFlag(issues, 'isStopSms', input.isStopSms);
    const isUnicode = checkFlag(issues, 'isUnicode', input.isUnicode);
    const sandbox =
      checkFlag(issues, 'sandbox', input.sandbox) ?? (this.#context.sandbox ? 1 : undefined);
    const range = input.range;
    if (range !== undefined && range !== 'premium' && range !== 'lowcost') {
      issues.add(
        'range',
        `must be 'premium' or 'lowcost'; received ${JSON.stringify(range)}.`,
        "pass range: 'lowcost' for the ECO range, or omit it.",
      );
    }
    const schedule = scheduleFields(this.#context, issues, 'scheduledAt', input.scheduledAt);
    return {
      scheduleAt: schedule?.at,
      body: {
        sender,
        tag,
        urlResponse,
        urlDlr,
        isStopSms,
        isUnicode,
        sandbox,
        // gamme is missing from the current parameter table but still honoured (spec §2.2); sent only for ECO.
        ...(range === 'lowcost' ? { gamme: 2 } : {}),
      },
    };
  }

  #decide(params: SmsSendOptions, scheduledAt: Date | undefined, path: string) {
    const decision = decideQuietHours(this.#context, {
      mode: params.quietHours,
      category: params.category,
      scheduledAt,
      canSchedule: true,
      endpoint: `POST ${path}`,
    });
    const sandbox = (params.sandbox ?? this.#context.sandbox) === true;
    const when = decision.scheduledAt;
    return {
      fields: when === undefined ? {} : this.#fieldsFor(when),
      common: {
        scheduledAt: when,
        heldUntil: decision.heldUntil,
        deferred: decision.deferred,
        sandbox,
        format: params.format ?? this.#context.format,
      },
    };
  }

  #fieldsFor(at: Date | undefined) {
    if (at === undefined) return undefined;
    const issues = new Issues();
    const schedule = scheduleFields(this.#context, issues, 'scheduledAt', at);
    issues.done();
    return schedule?.fields;
  }

  async #sendPrepared(
    prepared: PreparedSend,
    options: RequestOptions | undefined,
  ): Promise<SendSmsResult> {
    const endpoint = 'POST /v1/send';
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/send',
        family: 'send',
        kind: 'write',
        format: prepared.format,
        xmlKeys: SEND_XML_KEYS,
        body: prepared.body,
      },
      options,
    );
    const answer = readSendAnswer(result, endpoint, (text) => this.#context.transport.redact(text));
    return {
      ...answer,
      recipients: prepared.recipients,
      duplicatesRemoved: prepared.duplicates,
      analysis: prepared.analysis,
      scheduledAt: prepared.scheduledAt,
      heldUntil: prepared.heldUntil,
      deferred: prepared.deferred,
      sandbox: prepared.sandbox,
      raw: result.raw,
    };
  }

  async #bulkPrepared(
    prepared: PreparedBulk,
    options: RequestOptions | undefined,
  ): Promise<BulkSendResult> {
    const endpoint = 'POST /v1/bulk-send';
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/bulk-send',
        family: 'send',
        kind: 'write',
        format: prepared.format,
        xmlKeys: ['success', 'code', 'message_id', 'currency', 'cost', 'nbSMS', 'SMSResponse_List'],
        body: prepared.body,
      },
      options,
    );
    const answer = readSendAnswer(result, endpoint, (text) => this.#context.transport.redact(text));
    const items: BulkSendItem[] = asArray(result.data.SMSResponse_List).map((item) => {
      const record = asRecord(item);
      const success = toBoolean(record.success) ?? true;
      const apiCode = toNumber(record.code);
      return {
        phoneNumber: toText(record.phoneNumber) ?? '',
        success,
        apiCode,
        meaning:
          !success && apiCode !== undefined ? describeApiCode('send', apiCode).meaning : undefined,
        segments: toNumber(record.nbSms ?? record.nbSMS ?? record.nb_sms) ?? 0,
        cost: toNumber(record.cost) ?? 0,
      };
    });
    return {
      ...answer,
      items,
      analyses: prepared.analyses,
      duplicatesRemoved: prepared.duplicates,
      scheduledAt: prepared.scheduledAt,
      heldUntil: prepared.heldUntil,
      deferred: prepared.deferred,
      sandbox: prepared.sandbox,
      raw: result.raw,
    };
  }
}

function flags(input: Record<string, unknown>): MessageFlags {
  return {
    isUnicode: input.isUnicode === true ? true : undefined,
    isStopSms: input.isStopSms === true ? true : undefined,
    range: input.range === 'lowcost' ? 'lowcost' : undefined,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function batchSize(batch: BatchOptions): number {
  const size = batch.batchSize ?? MAX_RECIPIENTS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_RECIPIENTS) {
    const issues = new Issues();
    issues.add(
      'batchSize',
      `must be an integer from 1 to ${MAX_RECIPIENTS}; received ${String(size)}.`,
      'omit it to send 500 per request.',
    );
    issues.done();
  }
  return size;
}

function concurrency(batch: BatchOptions): number {
  const value = batch.concurrency ?? 2;
  if (!Number.isInteger(value) || value < 1) {
    const issues = new Issues();
    issues.add(
      'concurrency',
      `must be an integer of at least 1; received ${String(value)}.`,
      'pass concurrency: 2.',
    );
    issues.done();
  }
  return value;
}

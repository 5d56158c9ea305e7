import { type DeliveryStatus, normalizeDeliveryStatus } from '../../webhooks/index.js';
import { describeApiCode } from '../error-codes.js';
import { asArray, asRecord, pick, toBoolean, toId, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { toDate } from '../internal/dates.js';
import {
  checkPhone,
  checkPositiveInteger,
  Issues,
  MAX_RECIPIENTS,
  requireId,
  requireText,
} from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** The delivery status of one message to one number. */
export interface MessageStatus {
  /** The send's id. */
  messageId: string;
  /** The recipient, as SMS Partner wrote it (national or international). */
  phoneNumber: string;
  /** Normalised status. */
  status: DeliveryStatus;
  /** The status word as SMS Partner sent it (`'Delivered'`, `'Not delivered'`, …). */
  rawStatus: string | undefined;
  /** When the status was set (the API sends Unix seconds or Paris local time; both are read). */
  date: Date | undefined;
  /** Whether the recipient has opted out (STOP). */
  stopSms: boolean | undefined;
}

/** Result of {@link StatusResource.get}. */
export interface MessageStatusResult extends MessageStatus {
  /** Cost of this message. */
  cost: number | undefined;
  /** Currency of `cost`. */
  currency: string | undefined;
  /** Destination country as an ISO 3166 code (`'FR'`, `'MA'`), as SMS Partner sends it. */
  countryCode: string | undefined;
  /** The answer as parsed. */
  raw: unknown;
}

/** One pair of {@link StatusResource.getMany}. */
export interface MessageStatusQuery {
  /** The send's id. */
  messageId: string | number;
  /** The recipient (any usual form; sent in international form, as the endpoint requires). */
  phoneNumber: string;
}

/** One item of {@link StatusResource.getMany}. */
export interface MultiStatusItem extends MessageStatus {
  /** False when SMS Partner could not find this pair. */
  success: boolean;
  /** SMS Partner's code for this pair. */
  apiCode: number | undefined;
  /** Why it failed (the API puts the text in `status`), when it did. */
  error: string | undefined;
  /** Whether SMS Partner flags the message as spam (`isSpam`). */
  isSpam: boolean | undefined;
}

/** Result of the list endpoints. */
export interface StatusList<T = MessageStatus> {
  items: T[];
  /** The answer as parsed. */
  raw: unknown;
}

/** Result of {@link StatusResource.byTag}: one page. */
export interface StatusPage extends StatusList {
  /** The page returned (`currentPage`). */
  page: number;
  /** Statuses for this tag across all pages (`total`). */
  total: number;
}

function readStatus(record: Record<string, unknown>, messageId: string | undefined): MessageStatus {
  const rawStatus = toText(pick(record, 'status', 'statut'));
  return {
    messageId: toId(pick(record, 'messageId', 'message_id')) ?? messageId ?? '',
    phoneNumber: toText(pick(record, 'phoneNumber', 'number', 'phone')) ?? '',
    status: rawStatus === undefined ? 'unknown' : normalizeDeliveryStatus(rawStatus),
    rawStatus,
    date: toDate(record.date),
    stopSms: toBoolean(pick(record, 'stopSms', 'stopSMS')),
  };
}

/** Delivery statuses: of one message, of many, of a whole send, of a tag. */
export class StatusResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * The status of one message to one number (`GET /v1/message-status`).
   * @see https://www.docpartner.dev/en/api/sms-partner/status-and-statistics/single-status
   * @example
   * ```ts
   * const { status, date } = await client.status.get({ messageId: result.messageId, phoneNumber: '0612345678' });
   * ```
   */
  async get(query: MessageStatusQuery, options?: RequestOptions): Promise<MessageStatusResult> {
    const issues = new Issues();
    const messageId = requireId(issues, 'messageId', query?.messageId);
    const phoneNumber = checkPhone(issues, 'phoneNumber', query?.phoneNumber);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/message-status',
        family: 'status',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: [
          'success',
          'code',
          'number',
          'messageId',
          'stopSms',
          'date',
          'statut',
          'cost',
          'countryCode',
          'currency',
        ],
        query: { messageId, phoneNumber },
      },
      options,
    );
    const data = result.data;
    return {
      ...readStatus(data, messageId),
      cost: toNumber(data.cost),
      currency: toText(data.currency),
      countryCode: toText(data.countryCode),
      raw: result.raw,
    };
  }

  /**
   * The statuses of up to 500 (message, number) pairs in one call (`POST /v1/multi-status`).
   * A pair SMS Partner cannot find comes back with `success: false` rather than failing the call.
   * @see https://www.docpartner.dev/en/api/sms-partner/status-and-statistics/bulk-status
   */
  async getMany(
    queries: readonly MessageStatusQuery[],
    options?: RequestOptions,
  ): Promise<StatusList<MultiStatusItem>> {
    const issues = new Issues();
    const list = Array.isArray(queries) ? queries : [];
    if (list.length === 0) {
      issues.add(
        'queries',
        'needs at least one { messageId, phoneNumber } pair.',
        "pass [{ messageId: '123', phoneNumber: '+33612345678' }].",
      );
    }
    if (list.length > MAX_RECIPIENTS) {
      issues.add(
        'queries',
        `has ${list.length} pairs; one request takes at most ${MAX_RECIPIENTS}.`,
        'split the list.',
      );
    }
    const pairs = list.map((query, index) => ({
      messageId: requireId(issues, `queries[${index}].messageId`, query?.messageId),
      phoneNumber: checkPhone(issues, `queries[${index}].phoneNumber`, query?.phoneNumber),
    }));
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/multi-status',
        family: 'status',
        // Reading statuses changes nothing: safe to retry.
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'StatutResponse_List'],
        body: {
          SMSStatut_List: pairs.map((pair) => ({
            phoneNumber: pair.phoneNumber,
            // The documented example sends ids as numbers; keep a numeric id numeric.
            messageId: /^\d+$/.test(pair.messageId!) ? Number(pair.messageId) : pair.messageId,
          })),
        },
      },
      options,
    );
    const items = asArray(result.data.StatutResponse_List).map((item): MultiStatusItem => {
      const record = asRecord(item);
      const success = toBoolean(record.success) ?? true;
      const apiCode = toNumber(record.code);
      const status = readStatus(record, undefined);
      return {
        ...status,
        // On failure `status` carries an error text, not a status word.
        ...(success ? {} : { status: 'unknown' as const }),
        success,
        apiCode,
        error: success
          ? undefined
          : (status.rawStatus ??
            (apiCode === undefined ? undefined : describeApiCode('status', apiCode).meaning)),
        isSpam: toBoolean(record.isSpam),
      };
    });
    return { items, raw: result.raw };
  }

  /**
   * The status of every recipient of one send (`GET /v1/bulk-status`).
   * @see https://www.docpartner.dev/en/api/sms-partner/status-and-statistics/status-by-message
   */
  async byMessage(messageId: string | number, options?: RequestOptions): Promise<StatusList> {
    const issues = new Issues();
    const id = requireId(issues, 'messageId', messageId);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/bulk-status',
        family: 'status',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'message_id', 'StatutResponse_List'],
        query: { messageId: id },
      },
      options,
    );
    const sendId = toId(result.data.message_id) ?? id;
    return {
      items: asArray(result.data.StatutResponse_List).map((item) =>
        readStatus(asRecord(item), sendId),
      ),
      raw: result.raw,
    };
  }

  /**
   * One page of the statuses of every send with this tag (`GET /v1/bulk-status-by-tag`). The
   * page parameter is not documented; `page` is the likely name and the one the emulator reads.
   * @see https://www.docpartner.dev/en/api/sms-partner/status-and-statistics/status-by-tag
   */
  async byTag(
    tag: string,
    page: { page?: number } = {},
    options?: RequestOptions,
  ): Promise<StatusPage> {
    const issues = new Issues();
    const value = requireText(issues, 'tag', tag, "'promo-juin'");
    const pageNumber = checkPositiveInteger(issues, 'page', page.page);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/bulk-status-by-tag',
        family: 'status',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'currentPage', 'total', 'StatutResponse_List'],
        query: { tag: value, page: pageNumber },
      },
      options,
    );
    const items = asArray(result.data.StatutResponse_List).map((item) =>
      readStatus(asRecord(item), undefined),
    );
    return {
      items,
      page: toNumber(result.data.currentPage) ?? pageNumber ?? 1,
      total: toNumber(result.data.total) ?? items.length,
      raw: result.raw,
    };
  }

  /**
   * Every status of a tag, page after page, as an async iterator.
   * @example
   * ```ts
   * for await (const status of client.status.iterateByTag('promo-juin')) console.log(status.phoneNumber, status.status);
   * ```
   */
  async *iterateByTag(
    tag: string,
    options?: RequestOptions,
  ): AsyncGenerator<MessageStatus, void, undefined> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const result = await this.byTag(tag, { page }, options);
      for (const item of result.items) yield item;
      seen += result.items.length;
      if (result.items.length === 0 || seen >= result.total) return;
    }
  }
}

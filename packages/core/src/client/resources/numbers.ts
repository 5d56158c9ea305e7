import { asArray, asRecord, pick, toBoolean, toId, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import {
  checkLongNumber,
  checkNoSandbox,
  checkPhone,
  checkRecipients,
  checkTag,
  checkUrl,
  Issues,
} from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** Parameters of {@link NumbersResource.callForward}. */
export type CallForwardParams =
  | { /** Your long number. */ number: string; mode: 'off' }
  | { number: string; mode: 'phone' /** Where calls go. */; forwardTo: string }
  | { number: string; mode: 'voicemail' /** Where voicemail notifications go. */; email: string };

/** Parameters of {@link NumbersResource.hlr}. */
export interface HlrParams {
  /** Up to 500 numbers; sent in international form as the endpoint requires. */
  phoneNumbers: string | readonly string[];
  /** Your label (at most 20 lower-case characters, no spaces). */
  tag?: string;
  /** Where SMS Partner POSTs each result (see the webhooks module's `parseHlrResult`). */
  notifyUrl?: string;
  /**
   * HLR has no sandbox mode: while the client is in sandbox mode this call is refused unless it
   * says `sandbox: false` (then it is charged).
   * @default the client's `sandbox`
   */
  sandbox?: boolean;
}

/** Result of {@link NumbersResource.hlr}: the results arrive later at `notifyUrl`. */
export interface HlrResult {
  /** SMS Partner's id of the verification (`campaign_id`, e.g. `'HLR2271467'`). */
  campaignId: string;
  /** Numbers submitted. */
  count: number;
  cost: number;
  currency: string;
  raw: unknown;
}

/** One number of {@link NumbersResource.lookup}. */
export interface LookupItem {
  /** The number as sent. */
  request: string;
  /** False when SMS Partner could not read it (see `message`). */
  success: boolean;
  /** Country as SMS Partner names it (may be empty). */
  country: string | undefined;
  /** Country calling code, e.g. 33. */
  prefix: number | undefined;
  /** E.164 form. */
  phoneNumber: string | undefined;
  /** `'Mobile'`, `'Fixed'`, … as SMS Partner writes it. */
  type: string | undefined;
  network: string | undefined;
  /** The number written four ways. */
  format:
    | { e164?: string; international?: string; national?: string; rfc3966?: string }
    | undefined;
  /** Why it failed. */
  message: string | undefined;
}

type LookupFormats = NonNullable<LookupItem['format']>;

/** The four spellings of a lookup item, each kept only when SMS Partner sent it non-empty. */
function readFormats(format: Record<string, unknown>): LookupFormats {
  const out: LookupFormats = {};
  for (const key of ['e164', 'international', 'national', 'rfc3966'] as const) {
    const text = toText(format[key]);
    if (text) out[key] = text;
  }
  return out;
}

const CALL_FORWARD_TYPES = { off: 0, phone: 1, voicemail: 2 } as const;

/** Long-number call forwarding and number verification (HLR, format lookup). */
export class NumbersResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Sets what happens to calls to your long number (`POST /v1/vn/callforward`): nothing, forward
   * to a phone, or voicemail with e-mail notifications.
   * @see https://www.docpartner.dev/en/api/sms-partner/manage-call-forwarding
   * @example
   * ```ts
   * await client.numbers.callForward({ number: '+33700000000', mode: 'phone', forwardTo: '0612345678' });
   * ```
   */
  async callForward(
    params: CallForwardParams,
    options?: RequestOptions,
  ): Promise<{ message: string | undefined; raw: unknown }> {
    const issues = new Issues();
    const input = asRecord(params);
    const number = checkLongNumber(issues, 'number', input.number);
    const mode = input.mode as keyof typeof CALL_FORWARD_TYPES;
    let param = '';
    if (!Object.hasOwn(CALL_FORWARD_TYPES, String(mode))) {
      issues.add(
        'mode',
        `must be 'off', 'phone' or 'voicemail'; received ${JSON.stringify(mode)}.`,
        "pass mode: 'off'.",
      );
    } else if (mode === 'phone') {
      param = checkPhone(issues, 'forwardTo', input.forwardTo) ?? '';
    } else if (mode === 'voicemail') {
      if (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
        issues.add(
          'email',
          `${JSON.stringify(input.email)} is not an e-mail address.`,
          "pass email: 'accueil@example.com'.",
        );
      } else param = input.email;
    }
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/vn/callforward',
        family: 'call-forward',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'message'],
        body: { number, type: CALL_FORWARD_TYPES[mode], param },
      },
      options,
    );
    return { message: toText(result.data.message), raw: result.raw };
  }

  /**
   * Starts a paid HLR verification of up to 500 numbers (`POST /v1/hlr/notify`); each result is
   * POSTed to `notifyUrl` later. Limited to 360 calls a minute (429). Not retried once it may have
   * reached SMS Partner: it is charged.
   * @see https://www.docpartner.dev/en/api/sms-partner/number-verification/send-a-verification
   */
  async hlr(params: HlrParams, options?: RequestOptions): Promise<HlrResult> {
    const issues = new Issues();
    const numbers = checkRecipients(issues, 'phoneNumbers', params?.phoneNumbers);
    const tag = checkTag(issues, 'tag', params?.tag);
    const notifyUrl = checkUrl(issues, 'notifyUrl', params?.notifyUrl);
    checkNoSandbox(issues, this.#context.sandbox, params?.sandbox, 'POST /v1/hlr/notify');
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/hlr/notify',
        family: 'verification',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'campaign_id', 'number', 'cost', 'currency'],
        body: { phoneNumbers: numbers.numbers.join(','), tag, notifyUrl },
      },
      options,
    );
    return {
      campaignId: toId(pick(result.data, 'campaign_id', 'campaignId')) ?? '',
      count: toNumber(result.data.number) ?? numbers.numbers.length,
      cost: toNumber(result.data.cost) ?? 0,
      currency: toText(result.data.currency) ?? 'EUR',
      raw: result.raw,
    };
  }

  /**
   * Checks the format of up to 500 numbers for free (`POST /v1/lookup`): country, type, E.164
   * and national forms. A number SMS Partner cannot read comes back with `success: false`.
   * Limited to 360 calls a minute; retried like any read.
   *
   * Numbers are sent as given (trimmed): judging their format is the endpoint's job.
   * @see https://www.docpartner.dev/en/api/sms-partner/number-verification/format-verification
   */
  async lookup(
    phoneNumbers: string | readonly string[],
    options?: RequestOptions,
  ): Promise<{ results: LookupItem[]; raw: unknown }> {
    const issues = new Issues();
    const list =
      typeof phoneNumbers === 'string'
        ? phoneNumbers.split(',')
        : Array.isArray(phoneNumbers)
          ? phoneNumbers
          : [];
    const cleaned = list
      .map((item) => (typeof item === 'string' ? item.trim() : ''))
      .filter((item) => item !== '');
    if (cleaned.length === 0) {
      issues.add('phoneNumbers', 'needs at least one number.', "pass ['+33612345678'].");
    }
    if (cleaned.length > 500) {
      issues.add(
        'phoneNumbers',
        `has ${cleaned.length} numbers; one request takes at most 500.`,
        'split the list.',
      );
    }
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/lookup',
        family: 'verification',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'lookup'],
        body: { phoneNumbers: cleaned.join(',') },
      },
      options,
    );
    const results = asArray(result.data.lookup).map((item): LookupItem => {
      const record = asRecord(item);
      const format = asRecord(record.format);
      return {
        request: toText(record.request) ?? '',
        success: toBoolean(record.success) ?? false,
        country: toText(record.countryCode) || undefined,
        prefix: toNumber(record.prefixCode),
        phoneNumber: toText(record.phoneNumber),
        type: toText(record.type),
        network: toText(record.network) || undefined,
        format: Object.keys(format).length === 0 ? undefined : readFormats(format),
        message: toText(record.message),
      };
    });
    return { results, raw: result.raw };
  }
}

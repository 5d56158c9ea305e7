import type { SmsPartnerError } from '../../errors.js';
import { type ApiCodeEntry, type ApiFamily, describeApiCode, entryInfo } from '../error-codes.js';
import {
  type ApiErrorDetail,
  SmsPartnerAccountDisabledError,
  SmsPartnerApiError,
  SmsPartnerAuthenticationError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerQueueError,
  SmsPartnerQuietHoursError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerStopListedError,
} from '../errors.js';
import { type ApiRecord, asArray, asRecord, toBoolean, toNumber, toText } from './coerce.js';
import { namePositional, parseXml, XmlSyntaxError } from './xml.js';

/** Everything needed to turn an HTTP answer into data or a typed error. */
export interface InterpretContext {
  endpoint: string;
  family: ApiFamily;
  /**
   * Per-endpoint meanings that override the family table. A plain string is a generic API error
   * on this endpoint whatever the family says; `[meaning, kind]` names the class.
   */
  codes?: Readonly<Record<number, ApiCodeEntry>> | undefined;
  /** Names of the positional `<entry>` values of an XML answer, in JSON key order. */
  xmlKeys?: readonly string[] | undefined;
  status: number;
  retryAfter: number | undefined;
  redact: (text: string) => string;
  /** Accept a 2xx body that is neither JSON nor XML (a file download) as text. */
  acceptText?: boolean | undefined;
  /** When commercial sending is next allowed, for quiet-hour errors (22, 23). */
  quietWindow: () => { nextWindow: Date; reason?: string };
}

/** A successful answer: the normalised record and the payload as parsed. */
export interface Interpreted {
  data: ApiRecord;
  raw: unknown;
}

const SNIPPET_LENGTH = 200;

function snippetOf(text: string, redact: (text: string) => string): string {
  // Redact before cutting, so that a key straddling the cut cannot leak half of itself.
  const redacted = redact(text);
  return redacted.length > SNIPPET_LENGTH ? `${redacted.slice(0, SNIPPET_LENGTH)}…` : redacted;
}

function unreadable(context: InterpretContext, text: string, what: string): SmsPartnerError {
  const snippet = snippetOf(text, context.redact);
  const base = { endpoint: context.endpoint, httpStatus: context.status, snippet };
  if (context.status === 429) {
    return new SmsPartnerRateLimitError(
      `${context.endpoint} was rate limited (HTTP 429)${retryAfterText(context.retryAfter)}.`,
      { ...base, ...(context.retryAfter === undefined ? {} : { retryAfter: context.retryAfter }) },
    );
  }
  if (context.status >= 500) {
    return new SmsPartnerServerError(
      `${context.endpoint} failed with HTTP ${context.status} and ${what}. The request may have been processed.`,
      base,
    );
  }
  return new SmsPartnerResponseError(
    `${context.endpoint} answered HTTP ${context.status} with ${what}. The request may have been processed.`,
    base,
  );
}

function retryAfterText(retryAfter: number | undefined): string {
  return retryAfter === undefined ? '' : `; retry after ${retryAfter} ms`;
}

/** Parses the body as JSON or XML, whatever the Content-Type says (the API is not consistent). */
function parsePayload(context: InterpretContext, text: string): unknown | SmsPartnerError {
  const trimmed = text.trim();
  if (trimmed === '') return unreadable(context, text, 'an empty body');
  if (trimmed.startsWith('<')) {
    if (/^<(!doctype\s+html|html|head|body)\b/i.test(trimmed)) {
      return unreadable(context, text, 'an HTML page instead of an API answer');
    }
    try {
      const value = parseXml(trimmed);
      return namePositional(value, context.xmlKeys ?? ['success', 'code']);
    } catch (error) {
      if (error instanceof XmlSyntaxError) {
        return unreadable(context, text, `XML that cannot be read (${error.message}; truncated?)`);
      }
      throw error;
    }
  }
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return unreadable(context, text, 'a body that is not valid JSON (truncated?)');
  }
}

/** Field name out of `children[sender].data`, the API's way of naming fields. */
function fieldOf(elementId: unknown): string | undefined {
  const text = toText(elementId);
  if (text === undefined) return undefined;
  const match = /children\[([^\]]+)\]/.exec(text);
  return match ? match[1] : text;
}

/** Normalises `error` / `errors` (the API uses both keys) into details. */
export function readDetails(data: ApiRecord): ApiErrorDetail[] {
  const list = asArray(data.errors ?? data.error);
  const details: ApiErrorDetail[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      details.push({ message: item });
      continue;
    }
    const record = asRecord(item);
    const detail: ApiErrorDetail = { message: toText(record.message) ?? '' };
    const field = fieldOf(record.elementId ?? record.field);
    if (field !== undefined) detail.field = field;
    const phoneNumber = toText(record.phoneNumber ?? record.phone_number ?? record.number);
    if (phoneNumber !== undefined) detail.phoneNumber = phoneNumber;
    const code = toNumber(record.code);
    if (code !== undefined) detail.code = code;
    details.push(detail);
  }
  return details;
}

/** Whether the API said yes: `success: true`, or no `success` and a 200-ish `code`. */
function isSuccess(data: ApiRecord): boolean {
  const success = toBoolean(data.success);
  if (success !== undefined) return success;
  const code = toNumber(data.code);
  return code === undefined || code === 200;
}

/** Builds the typed error for a refusal from the API. */
export function apiErrorFrom(context: InterpretContext, data: ApiRecord): SmsPartnerError {
  const details = readDetails(data);
  // A generic top-level code (55 "no number") can hide the precise per-number cause.
  const itemCode = details.find((detail) => detail.code !== undefined)?.code;
  const apiCode = itemCode ?? toNumber(data.code);
  const apiMessage =
    toText(data.message) ?? details.find((detail) => detail.message !== '')?.message;
  const base = {
    endpoint: context.endpoint,
    httpStatus: context.status,
    details,
    ...(apiCode === undefined ? {} : { apiCode }),
    ...(apiMessage === undefined ? {} : { apiMessage }),
  };
  const said = apiMessage === undefined ? '' : `: ${apiMessage}`;

  if (context.status === 429) {
    return new SmsPartnerRateLimitError(
      `${context.endpoint} was rate limited (HTTP 429)${retryAfterText(context.retryAfter)}${said}`,
      { ...base, ...(context.retryAfter === undefined ? {} : { retryAfter: context.retryAfter }) },
    );
  }
  if (apiCode === undefined) {
    if (context.status >= 500) {
      return new SmsPartnerServerError(
        `${context.endpoint} failed with HTTP ${context.status}${said}. The request may have been processed.`,
        { ...base, snippet: snippetOf(JSON.stringify(data), context.redact) },
      );
    }
    if (context.status === 401 || context.status === 403) {
      return new SmsPartnerAuthenticationError(
        `${context.endpoint} refused the credentials (HTTP ${context.status})${said}`,
        base,
      );
    }
    return new SmsPartnerApiError(
      `${context.endpoint} failed (HTTP ${context.status}) without an error code${said}`,
      base,
    );
  }
  const own = context.codes?.[apiCode];
  const info = own === undefined ? describeApiCode(context.family, apiCode) : entryInfo(own);
  const meaning = info.meaning;
  const withMeaning = { ...base, meaning };
  const message = `${context.endpoint} failed with API code ${apiCode} (${meaning})${said}`;
  if (info.kind === 'queue_failed') {
    return new SmsPartnerQueueError(
      `${message}. The SMS may or may not have been queued: check its status before sending again.`,
      withMeaning,
    );
  }
  if (context.status >= 500) {
    return new SmsPartnerServerError(
      `${message}. The request may have been processed.`,
      withMeaning,
    );
  }
  switch (info.kind) {
    case 'authentication':
      return new SmsPartnerAuthenticationError(message, withMeaning);
    case 'insufficient_credit':
      return new SmsPartnerInsufficientCreditError(message, withMeaning);
    case 'stop_listed':
      return new SmsPartnerStopListedError(message, withMeaning);
    case 'account_disabled':
      return new SmsPartnerAccountDisabledError(
        `${message}. Nothing is accepted until SMS Partner support re-enables the account.`,
        { ...withMeaning, state: apiCode === 30 ? 'blocked' : 'deactivated' },
      );
    case 'quiet_hours': {
      const window = context.quietWindow();
      return new SmsPartnerQuietHoursError(
        `${message}. Commercial SMS can be sent again from ${window.nextWindow.toISOString()}.`,
        { ...withMeaning, ...window },
      );
    }
    default:
      return new SmsPartnerApiError(message, withMeaning);
  }
}

/** Turns an HTTP answer into data, or returns the typed error to throw. */
export function interpret(context: InterpretContext, text: string): Interpreted | SmsPartnerError {
  const payload = parsePayload(context, text);
  if (payload instanceof Error) {
    const html = /^\s*<(!doctype\s+html|html)\b/i.test(text);
    if (context.acceptText && context.status < 300 && text.trim() !== '' && !html) {
      return { data: {}, raw: text };
    }
    return payload as SmsPartnerError;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return unreadable(context, text, 'a body that is not an object');
  }
  const data = payload as ApiRecord;
  if (context.status >= 400 || !isSuccess(data)) return apiErrorFrom(context, data);
  return { data, raw: payload };
}

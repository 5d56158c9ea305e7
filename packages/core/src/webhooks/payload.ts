/**
 * Turning a callback request (or an already-parsed body) into a flat payload object.
 *
 * SMS Partner does not document how it encodes delivery reports, so the reader is tolerant: a JSON
 * object body, an `application/x-www-form-urlencoded` or `multipart/form-data` body, or, when the
 * body is empty, the query string (GET callbacks). The declared content type decides what is
 * accepted: `application/json` (or another `+json` type), `application/x-www-form-urlencoded`,
 * `multipart/form-data` or none; `text/plain` and `application/octet-stream` only when the body is
 * a JSON object (what `fetch` labels a string body it is given without a type); anything else is
 * 415. The content decides how a JSON or form body is read (`{` means JSON, otherwise form
 * fields), because a mislabelled callback is likelier than a form key starting with `{`. Bodies that are not valid
 * UTF-8 and declare no charset are read as Windows-1252 (a French platform may send Latin-1).
 *
 * @example
 * ```ts
 * import { readWebhookPayload } from '@sms-partner/core';
 *
 * const { payload, format } = await readWebhookPayload(
 *   new Request('https://example.com/sms?token=x', { method: 'POST', body: 'msgId=1&status=delivered',
 *     headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
 *   { ignoreQueryParams: ['token'] },
 * );
 * // payload = { msgId: '1', status: 'delivered' }, format = 'form'
 * ```
 * @packageDocumentation
 */

import { WebhookError } from './errors.js';
import type { WebhookPayload, WebhookPayloadFormat } from './types.js';

/** Default body size limit: callbacks are a few hundred bytes. */
export const DEFAULT_MAX_BODY_BYTES = 65_536; // 64 KiB, a literal so that bundlers can drop it

/** Something that can be turned into a payload: a parsed object, form/query fields, or a body string. */
export type WebhookInput = WebhookPayload | URLSearchParams | string;

/** Options of {@link readWebhookPayload}. */
export interface ReadWebhookPayloadOptions {
  /**
   * Bodies over this many bytes are refused with `payload_too_large` (413), from the
   * `Content-Length` header when present and while streaming otherwise.
   * @default 65536
   */
  maxBodyBytes?: number;
  /**
   * Query parameters that belong to you, not to SMS Partner (the token and kind parameters of
   * `createCallbackUrls`): left out of a payload read from the query string.
   * @default []
   */
  ignoreQueryParams?: readonly string[];
}

/** The payload read from a request, and how it was encoded. */
export interface ReadWebhookPayloadResult {
  /** The flat payload (first value of repeated fields). */
  payload: WebhookPayload;
  /** How it was encoded. */
  format: WebhookPayloadFormat;
}

function malformed(message: string, cause?: unknown): WebhookError {
  return new WebhookError('malformed_body', message, { cause });
}

/** A plain object from fields, first value winning, safe from `__proto__` keys. */
function fromFields(
  entries: Iterable<[string, unknown]>,
  ignore: readonly string[] = [],
): WebhookPayload {
  const map = new Map<string, unknown>();
  for (const [key, value] of entries) {
    if (!map.has(key) && !ignore.includes(key)) map.set(key, value);
  }
  return Object.fromEntries(map);
}

function parseJsonObject(text: string): WebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed('The body is not valid JSON. Fix: send a JSON object or form fields.', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed('The JSON body is not an object. Fix: send one flat JSON object per callback.');
  }
  return value as WebhookPayload;
}

/**
 * A flat payload from an already-parsed object, from form or query fields, or from a body string
 * (JSON when it starts with `{`, form-encoded otherwise). Throws `malformed_body` when nothing
 * usable is there.
 *
 * @example
 * ```ts
 * toWebhookPayload('{"msgId":"1","status":"delivered"}'); // { msgId: '1', status: 'delivered' }
 * toWebhookPayload(new URLSearchParams('msgId=1&status=delivered'));
 * ```
 */
export function toWebhookPayload(input: WebhookInput): WebhookPayload {
  if (typeof input === 'string') {
    const text = input.trim();
    if (text === '') throw malformed('The body is empty. Fix: send the callback fields.');
    if (text.startsWith('{') || text.startsWith('[')) return parseJsonObject(text);
    return fromFields(new URLSearchParams(text));
  }
  if (input instanceof URLSearchParams) return fromFields(input);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw malformed(
      'The payload is not an object. Fix: pass the parsed body, form fields or the raw body text.',
    );
  }
  return input;
}

/** A `Content-Length` value as a number, or `undefined` when absent or not a plain number. */
export function declaredLength(value: string | null | undefined): number | undefined {
  return value != null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** Refuses a declared `Content-Length` over the limit before anything is read. */
export function checkDeclaredLength(declared: string | null | undefined, maxBytes: number): void {
  const length = declaredLength(declared);
  if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Reads a body stream up to `maxBytes`, cancelling it (and refusing) as soon as it goes over.
 * @internal
 */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

/** The chunks as one array (the only chunk itself when there is one, the common case). */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  checkDeclaredLength(request.headers.get('content-length'), maxBytes);
  if (request.body === null) return new Uint8Array(0);
  return readStream(request.body, maxBytes);
}

/** `payload_too_large` for a limit of `maxBytes`. */
export function tooLarge(maxBytes: number): WebhookError {
  return new WebhookError(
    'payload_too_large',
    `The body is over ${maxBytes} bytes. Fix: raise maxBodyBytes if your callbacks are legitimately larger.`,
  );
}

// Reused: decoding is stateless without `stream: true`. Created on first use, not at import, so
// that a bundle which never reads a payload keeps none of this module.
let strictUtf8: TextDecoder | undefined;
let latin1: TextDecoder | undefined;

function decode(body: Uint8Array, charset: string | undefined): string {
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch (error) {
      throw new WebhookError('unsupported_media_type', 'The body declares an unknown charset.', {
        cause: error,
      });
    }
  }
  try {
    strictUtf8 ??= new TextDecoder('utf-8', { fatal: true });
    return strictUtf8.decode(body);
  } catch {
    // Tolerant: a French platform may send Latin-1 without saying so.
    latin1 ??= new TextDecoder('windows-1252');
    return latin1.decode(body);
  }
}

/**
 * Reads and decodes a callback request into a flat payload.
 *
 * Throws {@link WebhookError}: `payload_too_large` (413), `unsupported_media_type` (415) for a
 * declared content type that is not JSON, form or multipart (or text that is not JSON),
 * `malformed_body` (400) for undecodable or empty content.
 *
 * @example
 * ```ts
 * const { payload } = await readWebhookPayload(request, { maxBodyBytes: 16_384 });
 * ```
 */
export async function readWebhookPayload(
  request: Request,
  options: ReadWebhookPayloadOptions = {},
): Promise<ReadWebhookPayloadResult> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const body = await readBody(request, maxBytes);
  return payloadOf(
    body,
    request.headers.get('content-type') ?? '',
    { query: () => new URL(request.url).searchParams },
    options.ignoreQueryParams,
  );
}

/** Fields of a query string, as much of `URLSearchParams` as the handler reads. */
export interface QueryFields extends Iterable<[string, string]> {
  get(name: string): string | null;
}

function unsupported(): WebhookError {
  return new WebhookError(
    'unsupported_media_type',
    'The body is neither JSON nor form fields. Fix: send application/json or application/x-www-form-urlencoded.',
  );
}

/** Whether a declared media type (lower-cased, no parameters) is JSON or form fields. */
function isJsonOrForm(media: string): boolean {
  return (
    media === '' ||
    media === 'application/json' ||
    media === 'application/x-www-form-urlencoded' ||
    media.endsWith('+json')
  );
}

/**
 * The payload of a body already read: what {@link readWebhookPayload} does once it has the bytes.
 * `fields.query()` gives the query string's fields, read only when the body is empty (a callback
 * source passes itself: no closure per callback). Synchronous except
 * for a multipart body (a promise then), so that the usual callback waits on nothing.
 * @internal
 */
export function payloadOf(
  body: Uint8Array,
  contentType: string,
  fields: { query(): QueryFields },
  ignoreQueryParams: readonly string[] | undefined,
): ReadWebhookPayloadResult | Promise<ReadWebhookPayloadResult> {
  if (body.byteLength === 0) {
    const payload = fromFields(fields.query(), ignoreQueryParams);
    if (Object.keys(payload).length === 0) {
      throw malformed(
        'The callback has neither a body nor query fields. Fix: send the callback fields.',
      );
    }
    return { payload, format: 'query' };
  }

  const semicolon = contentType.indexOf(';');
  // The usual value as it stands, else trimmed and lower-cased.
  const media =
    contentType === 'application/json'
      ? contentType
      : (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();

  if (media === 'multipart/form-data') return readMultipart(body, contentType);

  // Text or bytes: accepted only if they turn out to be JSON (checked once decoded, below).
  const jsonOnly = media === 'text/plain' || media === 'application/octet-stream';
  if (!jsonOnly && !isJsonOrForm(media)) throw unsupported();
  const charset =
    semicolon < 0
      ? undefined
      : contentType
          .slice(semicolon + 1)
          .split(';')
          .map((parameter) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(parameter.trim())?.[1])
          .find((value) => value !== undefined);
  let text = decode(body, charset);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // The declared type only gates what is accepted; the content decides how it is read, because
  // a platform that mislabels its callbacks is more likely than one that sends `{` in a form key.
  const first = firstNonSpace(text);
  if (first === -1) throw malformed('The body is blank. Fix: send the callback fields.');
  const code = text.charCodeAt(first);
  if (code === 0x7b || code === 0x5b) return { payload: parseJsonObject(text), format: 'json' };
  if (jsonOnly) throw unsupported();
  return { payload: fromFields(new URLSearchParams(text.trim())), format: 'form' };
}

async function readMultipart(
  body: Uint8Array,
  contentType: string,
): Promise<ReadWebhookPayloadResult> {
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch (error) {
    throw malformed('The multipart body cannot be parsed.', error);
  }
  const fields: [string, unknown][] = [];
  for (const [key, value] of form) if (typeof value === 'string') fields.push([key, value]);
  return { payload: fromFields(fields), format: 'multipart' };
}

/**
 * Index of the first character that `String.prototype.trim` would keep, or -1 when it would keep
 * none. A scan rather than `trim()` and a regular expression: the body is usually `{` at once.
 */
function firstNonSpace(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // ASCII that is not white space decides at once; anything else is left to the standard.
    if (code > 0x20 && code < 0x7f) return index;
    if (!/\s/.test(text[index]!)) return index;
  }
  return -1;
}

/**
 * Turning a callback request (or an already-parsed body) into a flat payload object.
 *
 * SMS Partner does not document how it encodes delivery reports, so the reader is tolerant: a JSON
 * object body, an `application/x-www-form-urlencoded` or `multipart/form-data` body, or, when the
 * body is empty, the query string (GET callbacks). The declared content type only decides what is
 * accepted (JSON, form, multipart, `text/plain`, `application/octet-stream` or none; anything else
 * is 415); the content decides how it is read (`{` means JSON, otherwise form fields), because a
 * mislabelled callback is likelier than a form key starting with `{`. Bodies that are not valid
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

async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
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
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(maxBytes: number): WebhookError {
  return new WebhookError(
    'payload_too_large',
    `The body is over ${maxBytes} bytes. Fix: raise maxBodyBytes if your callbacks are legitimately larger.`,
  );
}

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
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Tolerant: a French platform may send Latin-1 without saying so.
    return new TextDecoder('windows-1252').decode(body);
  }
}

/**
 * Reads and decodes a callback request into a flat payload.
 *
 * Throws {@link WebhookError}: `payload_too_large` (413), `unsupported_media_type` (415) for a
 * declared content type that is not JSON, form, multipart or text, `malformed_body` (400) for
 * undecodable or empty content.
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
  const contentType = request.headers.get('content-type') ?? '';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const media = mediaType.toLowerCase();
  const charset = parameters
    .map((parameter) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);

  if (body.byteLength === 0) {
    const query = new URL(request.url).searchParams;
    const payload = fromFields(query, options.ignoreQueryParams);
    if (Object.keys(payload).length === 0) {
      throw malformed(
        'The callback has neither a body nor query fields. Fix: send the callback fields.',
      );
    }
    return { payload, format: 'query' };
  }

  if (media === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch (error) {
      throw malformed('The multipart body cannot be parsed.', error);
    }
    const fields: [string, unknown][] = [];
    for (const [key, value] of form) if (typeof value === 'string') fields.push([key, value]);
    return { payload: fromFields(fields), format: 'multipart' };
  }

  const accepted =
    media === '' ||
    media === 'application/json' ||
    media.endsWith('+json') ||
    media === 'application/x-www-form-urlencoded' ||
    media === 'text/plain' ||
    media === 'application/octet-stream';
  if (!accepted) {
    throw new WebhookError(
      'unsupported_media_type',
      'The body is neither JSON nor form fields. Fix: send application/json or application/x-www-form-urlencoded.',
    );
  }
  const text = decode(body, charset).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw malformed('The body is blank. Fix: send the callback fields.');
  // The declared type only gates what is accepted; the content decides how it is read, because
  // a platform that mislabels its callbacks is more likely than one that sends `{` in a form key.
  if (/^\s*[[{]/.test(text)) return { payload: parseJsonObject(text), format: 'json' };
  return { payload: fromFields(new URLSearchParams(text.trim())), format: 'form' };
}

/**
 * Building the Web `Request` that {@link createWebhookHandler} takes from the pieces a server
 * framework hands out (Node's `http`, Express, Fastify, ...), without depending on any of them.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, toWebRequest } from '@sms-partner/core';
 *
 * const handle = createWebhookHandler({ secret, onDeliveryReport });
 * // Node's http: the request is an async iterable of byte chunks, read only if needed.
 * http.createServer(async (req, res) => {
 *   const response = await handle(
 *     toWebRequest({ method: req.method, url: req.url ?? '/', headers: req.headers, body: req }),
 *     { remoteAddress: req.socket.remoteAddress },
 *   );
 *   res.writeHead(response.status, Object.fromEntries(response.headers));
 *   res.end(new Uint8Array(await response.arrayBuffer()));
 * });
 * ```
 * @packageDocumentation
 */

import { WebhookError } from './errors.js';
import { utf8 } from './internal/utf8.js';

/**
 * Request headers as Node (`IncomingHttpHeaders`) or a Web `Headers` object gives them. Array
 * values are repeated headers; `undefined` values are skipped.
 */
export type WebRequestHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * A request body in any of the shapes server frameworks hand out:
 *
 * - an `AsyncIterable<Uint8Array>` (a Node `IncomingMessage`, a Fastify payload stream), or a
 *   `ReadableStream`: streamed, and only pulled as the handler reads it, so its size limit applies
 *   while reading;
 * - a `Uint8Array` or `ArrayBuffer` (a raw body a host parser kept, e.g. `rawBody`): sent as is;
 * - a `string` (from a text parser): sent as UTF-8;
 * - an already-parsed object (from a JSON or form parser): serialised back, as form fields when the
 *   content type says `application/x-www-form-urlencoded` (nested objects as `a[b]`, arrays as
 *   repeated fields), as JSON otherwise;
 * - `undefined` or `null`: no body.
 */
export type WebRequestBody =
  | AsyncIterable<Uint8Array | string>
  | ReadableStream<Uint8Array>
  | Uint8Array
  | ArrayBuffer
  | string
  | Readonly<Record<string, unknown>>
  | readonly unknown[]
  | null
  | undefined;

/** The parts {@link toWebRequest} builds a `Request` from. */
export interface WebRequestParts {
  /**
   * The HTTP method. A body is never attached to `GET` or `HEAD`.
   * @default 'GET'
   */
  method?: string | undefined;
  /**
   * The request URL: absolute, or a path with its query string (`/sms?token=...`), which is
   * resolved against `http://` and the `host` header (`localhost` without one). The callback
   * token lives in the query string, so pass the original URL, not a router-relative one.
   */
  url: string;
  /**
   * The request headers.
   * @default {}
   */
  headers?: WebRequestHeaders | undefined;
  /**
   * The body; see {@link WebRequestBody}. A body that is not a stream was read or rebuilt by
   * someone else, so its `content-length` header is dropped (the handler measures what it gets).
   * @default undefined
   */
  body?: WebRequestBody;
}

/**
 * Builds a Web `Request` from a method, a URL, headers and a body in any common server shape, so
 * that an adapter for any framework can call {@link createWebhookHandler}. Uses Web APIs only.
 *
 * @example
 * ```ts
 * // Express, with or without express.json() mounted before: stream the body when nobody read it.
 * const request = toWebRequest({
 *   method: req.method,
 *   url: req.originalUrl,
 *   headers: req.headers,
 *   body: req.readableEnded ? (req.rawBody ?? req.body) : req,
 * });
 * ```
 */
export function toWebRequest(parts: WebRequestParts): Request {
  const method = (parts.method ?? 'GET').toUpperCase();
  const headers = toHeaders(parts.headers);
  const url = new URL(parts.url, `http://${headers.get('host') ?? 'localhost'}`).href;
  const source = parts.body;
  if (method === 'GET' || method === 'HEAD' || source === undefined || source === null) {
    return new Request(url, { method, headers });
  }
  const stream = toStream(source);
  if (stream) {
    // `duplex` is required by Node's fetch for a streamed body and ignored elsewhere.
    return new Request(url, { method, headers, body: stream, duplex: 'half' } as RequestInit);
  }
  // Someone else read this body: its length may differ from what the header announced.
  headers.delete('content-length');
  return new Request(url, { method, headers, body: toBody(source as Settled, headers) });
}

/** A body that is not a stream. @internal */
export type Settled = Exclude<
  WebRequestBody,
  AsyncIterable<unknown> | ReadableStream | null | undefined
>;

function toHeaders(input: WebRequestHeaders | undefined): Headers {
  if (input instanceof Headers) return new Headers(input);
  const headers = new Headers();
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const item of value) headers.append(name, item);
    else headers.set(name, String(value));
  }
  return headers;
}

function toStream(source: WebRequestBody): ReadableStream<Uint8Array> | undefined {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) return source;
  if (typeof source !== 'object' || source === null || !(Symbol.asyncIterator in source)) {
    return undefined;
  }
  const iterable = source as AsyncIterable<Uint8Array | string>;
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>({
    // Pulled on demand: a handler that refuses the request early never drains the source.
    async pull(controller) {
      iterator ??= iterable[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? utf8(next.value) : next.value);
    },
    // The handler stopped reading (body too large): let the source release its resources.
    async cancel(reason) {
      await iterator?.return?.(reason);
    },
  });
}

function toBody(source: Settled, headers: Headers): BodyInit {
  const rebuilt = rebuildBody(source, headers.get('content-type'));
  if (rebuilt.contentType !== undefined) headers.set('content-type', rebuilt.contentType);
  return rebuilt.body;
}

/** A body someone else already read, as what is sent on, and the content type it then has. */
interface RebuiltBody {
  body: Uint8Array<ArrayBuffer> | ArrayBuffer | string;
  /** The new content type, or `undefined` to keep the declared one. */
  contentType: string | undefined;
}

/**
 * What {@link toWebRequest} sends on for a body that is not a stream (see {@link WebRequestBody}),
 * shared with the handler's plain-parts entry so that both read a body the same way.
 * @internal
 */
export function rebuildBody(source: Settled, contentType: string | null): RebuiltBody {
  if (source instanceof Uint8Array) {
    return { body: source as Uint8Array<ArrayBuffer>, contentType: undefined };
  }
  if (source instanceof ArrayBuffer) return { body: source, contentType: undefined };
  const media = ((contentType ?? '').split(';')[0] ?? '').trim().toLowerCase();
  if (typeof source === 'string') {
    // The text parser decoded the declared charset already; what goes on is UTF-8.
    return { body: source, contentType: media === '' ? undefined : `${media}; charset=utf-8` };
  }
  try {
    if (media === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(source)) appendField(form, name, value);
      return {
        body: form.toString(),
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      };
    }
    return { body: JSON.stringify(source), contentType: 'application/json; charset=utf-8' };
  } catch (error) {
    // A host parser accepts JSON nested thousands deep, which serialising back overflows the
    // stack (a RangeError), or hands over a cyclic object: a bad body (400), not a crash (500).
    throw new WebhookError(
      'malformed_body',
      'The body a host parser left cannot be serialised back (nested too deeply, or cyclic). ' +
        'Fix: send one flat object per callback.',
      { cause: error },
    );
  }
}

/** Whether a body is a stream ({@link toWebRequest} streams it rather than sending it as is). */
export function isStreamBody(
  source: WebRequestBody,
): source is AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array> {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) return true;
  return typeof source === 'object' && source !== null && Symbol.asyncIterator in source;
}

/** Writes a field back the way a form encodes it: repeated for arrays, `a[b]` for nested objects. */
function appendField(form: URLSearchParams, name: string, value: unknown): void {
  if (Array.isArray(value)) for (const item of value) appendField(form, name, item);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) appendField(form, `${name}[${key}]`, item);
  } else form.append(name, String(value ?? ''));
}

/**
 * One callback request as the handler reads it, from either entry: a Web `Request` (`handle()`,
 * for Hono, Bun, Deno, Workers) or plain parts (`handle.handlePlain()`, which Express and Nest
 * call with Node's objects, so that no `Request`, `Headers` or Web stream is built per callback).
 * Both read the method, the query string, a few headers and the body with the same rules, so the
 * pipeline in handler.ts cannot tell them apart. Classes, not closures: nothing is allocated per
 * callback beyond the object itself.
 */

import type { WebhookEventContext, WebhookPlainRequest } from '../handler-types.js';
import {
  checkDeclaredLength,
  concat,
  declaredLength,
  type QueryFields,
  readStream,
  tooLarge,
} from '../payload.js';
import {
  isStreamBody,
  rebuildBody,
  type Settled,
  toWebRequest,
  type WebRequestBody,
} from '../to-web-request.js';
import type { WebhookPayloadFormat } from '../types.js';
import { utf8 } from './utf8.js';

/** A body as read: its bytes and the content type that applies to them. */
export interface ReadBody {
  bytes: Uint8Array;
  contentType: string;
}

/** What the pipeline needs of a callback request. */
export interface CallbackSource {
  /** The method, upper-cased. */
  readonly method: string;
  /** The socket address the adapter gave, for `allowedSources`. */
  readonly remoteAddress: string | undefined;
  /** A request header, `null` when absent; several values are joined with `, `. */
  header(name: string): string | null;
  /** The query string's fields (parsed once). */
  query(): QueryFields;
  /**
   * Reads the body once, refusing it with `payload_too_large` past `maxBytes`; at once (no
   * promise) when the body was already read by someone else.
   */
  read(maxBytes: number): ReadBody | Promise<ReadBody>;
  /** The `Request` to hand to user hooks (built on demand from plain parts). */
  request(): Request | undefined;
  /** The context a user handler receives. */
  context(format: WebhookPayloadFormat): WebhookEventContext;
  /** The path without the query string (which carries the token), for log lines. */
  path(): string;
}

const EMPTY = /* @__PURE__ */ new Uint8Array(0);

// Printable ASCII without `%` and `+`: a query string that decodes to itself, so splitting it is
// exactly what URLSearchParams would do (the callback URLs createCallbackUrls writes are such).
const VERBATIM_QUERY = /^[\x21-\x24\x26-\x2a\x2c-\x7e]*$/;

/** The fields of a query string that needs no decoding, in order, first value first. */
class VerbatimQuery implements QueryFields {
  private readonly pairs: string[] = [];

  constructor(query: string) {
    let start = 0;
    while (start <= query.length) {
      let end = query.indexOf('&', start);
      if (end < 0) end = query.length;
      if (end > start) {
        const equals = query.indexOf('=', start);
        if (equals < 0 || equals >= end) this.pairs.push(query.slice(start, end), '');
        else this.pairs.push(query.slice(start, equals), query.slice(equals + 1, end));
      }
      start = end + 1;
    }
  }

  get(name: string): string | null {
    const { pairs } = this;
    for (let index = 0; index < pairs.length; index += 2) {
      if (pairs[index] === name) return pairs[index + 1]!;
    }
    return null;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    const { pairs } = this;
    for (let index = 0; index < pairs.length; index += 2) yield [pairs[index]!, pairs[index + 1]!];
  }
}

/** The query string's fields: split directly when nothing needs decoding, else URLSearchParams. */
export function parseQuery(query: string): QueryFields {
  if (VERBATIM_QUERY.test(query)) return new VerbatimQuery(query);
  // URLSearchParams drops one leading `?` of its argument; a URL's query keeps it (`/sms??a=1`).
  return new URLSearchParams(query.startsWith('?') ? `?${query}` : query);
}

/** The query string of a URL or path, without `?` and without the fragment. */
function queryString(url: string): string {
  const hash = url.indexOf('#');
  const end = hash < 0 ? url.length : hash;
  const mark = url.indexOf('?');
  return mark < 0 || mark > end ? '' : url.slice(mark + 1, end);
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return '(unparsable URL)';
  }
}

/** A callback that came as a Web `Request`. */
export class WebSource implements CallbackSource {
  readonly method: string;
  private fields: QueryFields | undefined;

  constructor(
    private readonly incoming: Request,
    readonly remoteAddress: string | undefined,
  ) {
    this.method = incoming.method;
  }

  header(name: string): string | null {
    return this.incoming.headers.get(name);
  }

  query(): QueryFields {
    // The URL of a `Request` is already serialised (percent-encoded), so its query string parses
    // exactly as `new URL(request.url).searchParams` would, without parsing the rest.
    this.fields ??= parseQuery(queryString(this.incoming.url));
    return this.fields;
  }

  read(maxBytes: number): ReadBody | Promise<ReadBody> {
    const contentType = this.header('content-type') ?? '';
    const declared = declaredLength(this.header('content-length'));
    if (declared !== undefined && declared > maxBytes) throw tooLarge(maxBytes);
    // GET and HEAD requests have no body; not touching `body` spares runtimes that build it lazily.
    if (this.method === 'GET' || this.method === 'HEAD') return { bytes: EMPTY, contentType };
    if (declared !== undefined) {
      // A declared length within the limit bounds what the connection can carry (HTTP framing),
      // so buffering is safe, and much cheaper than a Web stream on some runtimes (Node's
      // @hono/node-server reads the socket directly). Measured again in case it lied (a Request
      // made in-process can), which gives the same answer as cutting the stream off. A `then`
      // rather than an `async` method: one promise less per callback.
      // (`Promise.resolve` returns a native promise as it is, and makes one of any other thenable.)
      return Promise.resolve(this.incoming.arrayBuffer()).then((buffer) => {
        if (buffer.byteLength > maxBytes) throw tooLarge(maxBytes);
        return { bytes: new Uint8Array(buffer), contentType };
      });
    }
    // No declared length (chunked): stream it, cutting it off past the limit.
    const body = this.incoming.body;
    if (body === null) return { bytes: EMPTY, contentType };
    return readStream(body, maxBytes).then((bytes) => ({ bytes, contentType }));
  }

  request(): Request {
    return this.incoming;
  }

  context(format: WebhookPayloadFormat): WebhookEventContext {
    return { request: this.incoming, format };
  }

  path(): string {
    return pathOf(this.incoming.url);
  }
}

/** A callback that came as plain parts (see `WebhookPlainRequest`). */
export class PlainSource implements CallbackSource {
  readonly method: string;
  readonly remoteAddress: string | undefined;
  private fields: QueryFields | undefined;
  /** What was read, to rebuild a `Request` for user hooks that ask for one. */
  private body: ReadBody | undefined;
  private built: Request | undefined;

  constructor(private readonly parts: WebhookPlainRequest) {
    const method = parts.method ?? 'GET';
    this.method = method === 'POST' || method === 'GET' ? method : method.toUpperCase();
    this.remoteAddress = parts.remoteAddress;
  }

  header(name: string): string | null {
    const headers = this.parts.headers;
    if (headers === undefined) return null;
    if (headers instanceof Headers) return headers.get(name);
    let value = headers[name];
    if (value === undefined) {
      // Node gives lower-case names; a hand-made record may not.
      for (const key in headers) {
        if (key.length === name.length && key.toLowerCase() === name) {
          value = headers[key];
          break;
        }
      }
    }
    if (value === undefined) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return value.length === 0 ? null : value.join(', ');
  }

  query(): QueryFields {
    if (this.fields) return this.fields;
    let query = queryString(this.parts.url);
    // What the URL parser would change (it drops tabs and new lines, trims the ends): let it.
    if (/[\0-\x20\x7f]/.test(query)) {
      try {
        query = new URL(this.parts.url, 'http://localhost').search.slice(1);
      } catch {
        query = '';
      }
    }
    this.fields = parseQuery(query);
    return this.fields;
  }

  read(maxBytes: number): ReadBody | Promise<ReadBody> {
    const source: WebRequestBody = this.parts.body;
    const declaredType = this.header('content-type');
    if (
      this.method === 'GET' ||
      this.method === 'HEAD' ||
      source === undefined ||
      source === null
    ) {
      checkDeclaredLength(this.header('content-length'), maxBytes);
      return this.keep(EMPTY, declaredType ?? '');
    }
    if (isStreamBody(source)) {
      checkDeclaredLength(this.header('content-length'), maxBytes);
      const bytes = isNodeReadable(source)
        ? readNodeStream(source, maxBytes)
        : typeof ReadableStream !== 'undefined' && source instanceof ReadableStream
          ? readStream(source, maxBytes)
          : readIterable(source as AsyncIterable<Uint8Array | string>, maxBytes);
      return bytes.then((read) => this.keep(read, declaredType ?? ''));
    }
    // Read or parsed by someone else: what was announced no longer applies (toWebRequest drops
    // `content-length` the same way); the bytes are measured instead.
    const rebuilt = rebuildBody(source as Settled, declaredType);
    const raw = rebuilt.body;
    const bytes =
      typeof raw === 'string' ? utf8(raw) : raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    // A string with no declared type is what `new Request(url, { body: string })` labels
    // text/plain, which toWebRequest therefore did: the same here.
    const fallback = declaredType ?? (typeof raw === 'string' ? 'text/plain;charset=UTF-8' : '');
    return this.keep(bytes, rebuilt.contentType ?? fallback);
  }

  /** Remembers what was read, to rebuild a `Request` from it if a hook asks for one. */
  private keep(bytes: Uint8Array, contentType: string): ReadBody {
    const body = { bytes, contentType };
    this.body = body;
    return body;
  }

  request(): Request | undefined {
    if (this.built) return this.built;
    const { parts } = this;
    const read = this.body;
    try {
      const headers = read
        ? { ...headerRecord(parts.headers), 'content-type': read.contentType }
        : parts.headers;
      this.built = toWebRequest({
        method: this.method,
        url: parts.url,
        headers,
        body: read && read.bytes.byteLength > 0 ? read.bytes : undefined,
      });
      if (read && read.contentType === '') this.built.headers.delete('content-type');
    } catch {
      // A request the Web API cannot represent (odd header values): hooks get none.
      return undefined;
    }
    return this.built;
  }

  context(format: WebhookPayloadFormat): WebhookEventContext {
    return new PlainContext(format, this);
  }

  path(): string {
    return pathOf(this.parts.url);
  }
}

/**
 * The context of a callback that came as plain parts: `request` is built only if the handler
 * reads it (most never do, and building one costs more than the rest of the callback). A class
 * with the getter on its prototype: an object literal with a getter costs ~30 times more to make.
 */
class PlainContext implements WebhookEventContext {
  readonly #source: PlainSource;

  constructor(
    readonly format: WebhookPayloadFormat,
    source: PlainSource,
  ) {
    this.#source = source;
  }

  get request(): Request | undefined {
    return this.#source.request();
  }
}

function headerRecord(headers: WebhookPlainRequest['headers']): Record<string, unknown> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  return headers;
}

/**
 * The part of a Node `Readable` (an `IncomingMessage`...) that {@link readNodeStream} uses, typed
 * here by shape: core imports no Node module.
 */
interface NodeReadable {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/**
 * A Node readable stream that nothing has started reading, ended or broken (else the async
 * iterator, which knows every state of one, reads it).
 */
function isNodeReadable(source: object): source is NodeReadable {
  const stream = source as {
    on?: unknown;
    resume?: unknown;
    destroy?: unknown;
    readableFlowing?: unknown;
    readableEnded?: unknown;
    destroyed?: unknown;
    errored?: unknown;
  };
  return (
    typeof stream.on === 'function' &&
    typeof stream.resume === 'function' &&
    typeof stream.destroy === 'function' &&
    stream.readableFlowing === null &&
    stream.readableEnded === false &&
    stream.destroyed === false &&
    stream.errored === null
  );
}

/**
 * Stops reading a stream for good, as leaving Node's async iterator early does: a server request
 * is first detached from its socket, so that destroying it does not drop the connection before
 * the 413 goes out (with `connection: close`, which then ends the connection unread).
 */
function stopReading(stream: NodeReadable): void {
  const request = stream as { socket?: unknown };
  if (typeof request.socket === 'object' && request.socket !== null) request.socket = null;
  stream.destroy();
}

/** What Node's async iterator throws for a stream closed before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Reads a Node readable stream up to `maxBytes` with `data`/`end` listeners, as Node's own body
 * parsers do: several times cheaper per request than its async iterator. Past the limit the
 * stream is destroyed (see {@link stopReading}), so the rest is never read.
 */
function readNodeStream(stream: NodeReadable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let first: Uint8Array | undefined;
    let chunks: Uint8Array[] | undefined;
    let size = 0;
    let settled = false;
    stream.on('data', (item) => {
      if (settled) return;
      const chunk = typeof item === 'string' ? utf8(item) : item;
      size += chunk.byteLength;
      if (size > maxBytes) {
        settled = true;
        stopReading(stream);
        reject(tooLarge(maxBytes));
      } else if (first === undefined) first = chunk;
      else if (chunks === undefined) chunks = [first, chunk];
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks ? concat(chunks, size) : (first ?? EMPTY));
    });
    stream.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    stream.on('close', () => {
      if (settled) return;
      settled = true;
      reject(prematureClose());
    });
    stream.resume();
  });
}

/** Reads an async iterable of chunks (a Node `IncomingMessage`...) up to `maxBytes`. */
async function readIterable(
  iterable: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (over the limit) calls the iterator's `return()`, which lets the
  // source release its resources, as cancelling the stream of toWebRequest does.
  for await (const item of iterable) {
    const chunk = typeof item === 'string' ? utf8(item) : item;
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return chunks.length === 0 ? EMPTY : concat(chunks, size);
}

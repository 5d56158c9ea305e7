import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** What Express-style body parsers may have left on the request. */
interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  rawBody?: Uint8Array;
  originalUrl?: string;
}

/**
 * Turns a Node request into the Web `Request` core's handler takes. The body is streamed when no one
 * read it (so core's size limit applies while reading); when a host parser already consumed it
 * (Nest's default `json`/`urlencoded` parsers on Express), it is rebuilt from `rawBody` or `body`.
 */
export function toWebRequest(req: ParsedRequest, stream: Readable = req): Request {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`;
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  let body: BodyInit | null;
  if (!stream.readableEnded) {
    body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  } else {
    // The length of a re-serialised body differs from the original; core measures the new one.
    headers.delete('content-length');
    body =
      (req.rawBody as BodyInit | undefined) ?? rebuild(req.body, headers.get('content-type') ?? '');
  }
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

function rebuild(parsed: unknown, contentType: string): BodyInit | null {
  if (parsed === undefined || parsed === null) return null;
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) return parsed as BodyInit;
  if (!contentType.includes('application/x-www-form-urlencoded')) return JSON.stringify(parsed);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>))
    append(form, name, value);
  return form.toString();
}

/** Writes a field back the way a form encodes it: repeated for arrays, `a[b]` for what `extended` nested. */
function append(form: URLSearchParams, name: string, value: unknown): void {
  if (Array.isArray(value)) for (const item of value) append(form, name, item);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) append(form, `${name}[${key}]`, item);
  } else form.append(name, String(value ?? ''));
}

import { Agent, request as httpRequest } from 'node:http';

/** A request as the load and hostile suites send it: already encoded, no `Request` object. */
export interface RawRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked (no `content-length`), in pieces, as a stream would. */
  chunked?: boolean;
  /** On a connection of its own, outside the keep-alive pool. */
  fresh?: boolean;
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends requests with Node's own HTTP client over a keep-alive pool: a fraction of the CPU that
 * `fetch` spends per request, which matters when a suite sends tens of thousands of them on a
 * shared two-core CI machine. The server under test, not the client, is what is being measured.
 */
export function rawClient(baseUrl: string, maxSockets = 64) {
  const origin = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  const send = (raw: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const req = httpRequest(
        {
          agent: raw.fresh ? false : agent,
          host: origin.hostname,
          port: origin.port,
          method: raw.method,
          path: raw.path,
          headers: raw.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (raw.chunked && raw.body !== undefined) {
        // Written in two pieces before `end`, so Node sends it chunked, without a length.
        const body = typeof raw.body === 'string' ? Buffer.from(raw.body) : raw.body;
        const half = Math.floor(body.byteLength / 2);
        req.write(body.subarray(0, half));
        req.end(body.subarray(half));
      } else {
        // Node's client only frames bodies of POST/PUT/PATCH by itself: say the length for all.
        if (raw.body !== undefined && !req.hasHeader('content-length')) {
          req.setHeader('content-length', Buffer.byteLength(raw.body));
        }
        req.end(raw.body);
      }
    });
  return { send, close: () => agent.destroy() };
}

/** Turns a `Request` that carries a text body into a {@link RawRequest} (the URL's path and query). */
export async function toRaw(request: Request): Promise<RawRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { method: request.method, path: `${url.pathname}${url.search}`, headers, body };
}

/**
 * A {@link RawRequest} for `payload` sent by `transport` to `url` (which carries the token): the
 * same encoding as `callbackRequest`, without building a `Request`.
 */
export function rawCallback(
  url: string,
  transport: 'json' | 'form' | 'query',
  payload: Record<string, unknown>,
): RawRequest {
  const target = new URL(url);
  if (transport === 'query') {
    for (const [name, value] of Object.entries(payload)) {
      target.searchParams.append(name, String(value));
    }
    return { method: 'GET', path: `${target.pathname}${target.search}` };
  }
  const path = `${target.pathname}${target.search}`;
  if (transport === 'json') {
    return {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    };
  }
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(payload)) fields.append(name, String(value));
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  };
}

/**
 * Shared test helpers: plain HTTP calls to the emulator and a callback receiver.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

async function toResult(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (XML, HTML, truncated): tests read `text`
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs `body` as JSON (objects are stringified, strings sent as they are). */
export async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<HttpResult> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return toResult(response);
}

export async function get(
  baseUrl: string,
  path: string,
  query: Record<string, string | number> = {},
): Promise<HttpResult> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) search.set(key, String(value));
  const qs = search.toString();
  const response = await fetch(`${baseUrl}${path}${qs ? `?${qs}` : ''}`);
  return toResult(response);
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpResult> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return toResult(response);
}

export interface ReceivedCallback {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A small node:http server that records what it receives and answers with `status()`. */
export async function startReceiver(status: () => number = () => 200) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status(), { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

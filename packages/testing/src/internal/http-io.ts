/**
 * Reading requests and writing answers: bodies, fault answers, JSON, the request log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from '../types.js';
import type { Engine } from './engine.js';
import type { FaultSpec } from './faults.js';
import { REPAIRED } from './socket-state.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function faultAnswer(fault: FaultSpec): Rendered | undefined {
  switch (fault.kind) {
    case 'server-error':
      return fault.body !== undefined
        ? {
            status: fault.status ?? 500,
            headers: { 'content-type': 'application/json' },
            body: fault.body,
          }
        : json(fault.status ?? 500, {
            success: false,
            code: 500,
            message: 'Internal Server Error',
          });
    case 'rate-limit': {
      const rendered = json(429, { success: false, code: 429, message: 'Too Many Requests' });
      rendered.headers['retry-after'] = String(fault.retryAfter ?? 1);
      return rendered;
    }
    case 'html': {
      const status = fault.status ?? 502;
      return {
        status,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body:
          fault.body ??
          `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      };
    }
    case 'success-without-id':
      return json(200, { success: true, code: 200, message: 'Request queued for processing' });
    default:
      return undefined;
  }
}

export function json(status: number, body: Record<string, unknown>): Rendered {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function send(res: ServerResponse, rendered: Rendered): void {
  const body = Buffer.from(rendered.body, 'utf8');
  const headers: Record<string, string> = {
    // Browsers (a dashboard page, a front-end under test) may call the emulator directly. The
    // real API's CORS policy is unknown; server-side clients ignore these headers.
    'access-control-allow-origin': '*',
    ...rendered.headers,
    'content-length': String(body.length),
  };
  // The rest of a cut body is still on the connection: it cannot be reused.
  if ((res.req.socket as { [REPAIRED]?: boolean } | null)?.[REPAIRED]) headers.connection = 'close';
  res.writeHead(rendered.status, headers);
  res.end(body);
}

/** The request body, or why there is none. */
export type BodyRead =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' | 'disconnected' };

/**
 * Reads the whole body. Always settles, and never rejects: a client that goes away before the
 * end of its body gives `disconnected` (a destroyed request emits neither `end` nor, once
 * destroyed, anything at all, so `close` and an already-destroyed request are checked too).
 */
export function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve) => {
    const gone = () => resolve({ ok: false, reason: 'disconnected' });
    if (req.destroyed) {
      gone();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve({ ok: false, reason: 'too-large' });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    // After `end`, `close` and `error` find the promise settled already.
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', gone);
    req.on('close', gone);
  });
}

const KEY_IN_QUERY = /([?&]apiKey=)[^&]*/gi;

/** One readable line per request; the API key never appears. */
export function log(
  engine: Engine,
  record: RecordedRequest,
  status: number | undefined,
  note?: string,
): void {
  const logger = engine.behaviour.logger;
  if (!logger) return;
  const url = record.url.replace(KEY_IN_QUERY, '$1REDACTED');
  const parts = [
    record.method,
    url,
    status === undefined ? '---' : String(status),
    `${(record.durationMs ?? 0).toFixed(1)}ms`,
  ];
  if (record.rawBody.includes('apiKey')) parts.push('key=REDACTED');
  const body = record.response?.body;
  const code = body?.startsWith('{') ? /"code":(\d+)/.exec(body)?.[1] : undefined;
  if (code) parts.push(`code=${code}`);
  if (record.fault) parts.push(`fault=${record.fault}`);
  if (note) parts.push(`(${note})`);
  logger(parts.join(' '));
}

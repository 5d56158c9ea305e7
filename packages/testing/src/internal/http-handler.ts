/**
 * One HTTP request through the emulator: recording, fault injection, body decoding, rate limits,
 * routing and rendering (JSON or XML).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Answer, Ctx, RawAnswer } from '../routes/context.js';
import { findRoute as findRouteFor, ROUTES } from '../routes/index.js';
import type { RecordedRequest } from '../types.js';
import { ApiError, MESSAGES, mappedStatus, ValidationError } from './api-error.js';
import { decodeBody, missingClosers } from './body.js';
import { rateLimitFor } from './defaults.js';
import type { Engine } from './engine.js';
import { faultAnswer, json, log, type Rendered, readBody, send } from './http-io.js';
import { str } from './params.js';
import { REPAIRED } from './socket-state.js';
import { toXml } from './xml.js';

export async function handleRequest(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://emulator.local');
  const path = url.pathname;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  // What the log line should say beyond method, path and status (a repaired body...).
  const notes: string[] = [];
  const doubled = Object.keys(query).filter((key) => key.startsWith('?'));
  if (doubled.length > 0) {
    // `me??apiKey=...`: the official PHP SDK's README passes '?apiKey=...' to a helper that adds
    // its own '?'. The real API would see a key named "?apiKey".
    if (engine.behaviour.repairSamples) {
      for (const key of doubled) {
        const plain = key.replace(/^\?+/, '');
        if (!(plain in query)) query[plain] = query[key] as string;
        delete query[key];
      }
      notes.push('query read without its doubled "?"');
    } else {
      notes.push('query starts with a doubled "?": its first key is not read');
    }
  }
  const match = findRouteFor(method, path);
  const record: RecordedRequest = {
    id: engine.nextRequestId(),
    at: engine.scheduler.now(),
    method,
    path,
    url: rawUrl,
    query,
    headers: { ...req.headers },
    rawBody: '',
    params: undefined,
    route: match?.route.name,
  };
  engine.requests.push(record);
  const fault = engine.faults.take(method, path, match?.route.name);
  if (fault) record.fault = fault.kind;
  const finish = (rendered: Rendered | undefined, note?: string) => {
    record.durationMs = performance.now() - started;
    if (rendered) record.response = rendered;
    if (note) notes.push(note);
    log(engine, record, rendered?.status, notes.length ? notes.join('; ') : undefined);
  };
  const answer = (rendered: Rendered) => {
    if (req.socket.destroyed) {
      // The client gave up (typically a latency fault beyond its timeout): nobody to answer.
      record.clientDisconnected = true;
      finish(rendered, 'client disconnected, answer not delivered');
      return;
    }
    send(res, rendered);
    finish(rendered);
  };

  // The body is read while the latency runs, as it reaches a slow server: a client that gives up
  // meanwhile has still sent it (Node discards an unread body when the connection closes).
  const body = readBody(req);
  const generation = engine.generation;
  if (fault?.latencyMs) await sleep(fault.latencyMs);
  if (fault?.kind === 'reset-before-body') {
    req.socket.destroy();
    finish(undefined, 'connection reset before body');
    return;
  }
  const read = await body;
  if (engine.generation !== generation) {
    // reset() ran during the latency: the request belongs to a test that is over.
    answer(json(503, { success: false, code: 503, message: 'Emulator reset during the request' }));
    return;
  }
  if (!read.ok && read.reason === 'disconnected') {
    record.clientDisconnected = true;
    finish(undefined, 'client disconnected before the end of the body');
    return;
  }
  if (!read.ok) {
    answer(json(413, { success: false, code: 413, message: 'Corps de requête trop volumineux' }));
    return;
  }
  record.rawBody = read.text;
  if (fault?.kind === 'reset-after-body') {
    req.socket.destroy();
    finish(undefined, 'connection reset after body');
    return;
  }
  const early = fault ? faultAnswer(fault) : undefined;
  if (early) {
    answer(early);
    return;
  }

  let rendered = await process(engine, record, method, query, req, notes);
  if (fault?.kind === 'reset-after-processing') {
    req.socket.destroy();
    finish(undefined, 'connection reset after processing');
    return;
  }
  if (fault?.kind === 'stall-body') {
    stall(res, rendered, fault.truncateAt, () =>
      finish(rendered, 'stalled mid-body until the client disconnected'),
    );
    return;
  }
  if (fault?.kind === 'truncated-json') {
    const bytes = Buffer.from(rendered.body, 'utf8');
    const keep = Math.max(
      0,
      Math.min(bytes.length - 1, fault.truncateAt ?? Math.floor(bytes.length / 2)),
    );
    rendered = { ...rendered, body: bytes.subarray(0, keep).toString('utf8') };
  }
  answer(rendered);
}

/** Sends the headers and the start of the body, then nothing, until the client goes away. */
function stall(
  res: ServerResponse,
  rendered: Rendered,
  keep: number | undefined,
  done: () => void,
): void {
  const bytes = Buffer.from(rendered.body, 'utf8');
  const cut = Math.max(0, Math.min(bytes.length - 1, keep ?? Math.floor(bytes.length / 2)));
  res.writeHead(rendered.status, {
    ...rendered.headers,
    'content-length': String(bytes.length),
    connection: 'close',
  });
  res.write(bytes.subarray(0, cut));
  res.socket?.once('close', done);
}

async function process(
  engine: Engine,
  record: RecordedRequest,
  method: string,
  query: Record<string, string>,
  req: IncomingMessage,
  notes: string[],
): Promise<Rendered> {
  let decoded = decodeBody(record.rawBody, req.headers['content-type']);
  if (decoded.kind === 'malformed') {
    // The docs' Node sample sets Content-Length to the body's length in characters: a non-ASCII
    // body is then cut short by as many bytes as it has extra UTF-8 bytes, and the cut is the
    // JSON's closing characters. Tolerant: complete it when exactly that many closers are missing.
    // Outside strict mode only, and logged: the real API has no reason to be this kind.
    const missing = Buffer.byteLength(record.rawBody, 'utf8') - record.rawBody.length;
    const closers = missing > 0 ? missingClosers(record.rawBody) : undefined;
    if (closers !== undefined && closers.length === missing) {
      const whole = decodeBody(record.rawBody + closers, req.headers['content-type']);
      if (whole.kind === 'json') {
        // The rest of the body follows on the connection either way: it must not be reused.
        (req.socket as { [REPAIRED]?: boolean })[REPAIRED] = true;
        const why = `Content-Length counts characters, not bytes: the body is ${missing} byte${missing > 1 ? 's' : ''} short`;
        if (engine.behaviour.repairSamples) {
          decoded = whole;
          record.completedBody = closers;
          notes.push(`body completed with ${JSON.stringify(closers)}; ${why}`);
        } else {
          notes.push(`body refused; ${why}`);
          decoded = {
            kind: 'malformed',
            detail: `${why}. Fix: set Content-Length to Buffer.byteLength(body), or leave it to your HTTP client`,
          };
        }
      }
    }
  }
  const bodyParams = decoded.kind === 'json' || decoded.kind === 'form' ? decoded.value : {};
  const params: Record<string, unknown> = { ...query, ...bodyParams };
  const xml = String(params._format ?? '').toLowerCase() === 'xml';
  const render = (status: number, body: Record<string, unknown>): Rendered =>
    xml
      ? { status, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: toXml(body) }
      : json(status, body);

  if (decoded.kind === 'unescaped-quote') {
    // Documented: an unescaped `"` in the message gives HTTP 400 (spec §1.3), whatever errorStatus says.
    return render(400, {
      success: false,
      code: 90,
      message: `${MESSAGES.malformed} : un guillemet (") non échappé dans une valeur`,
    });
  }
  const match = findRouteFor(method, record.path);
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': String(
          req.headers['access-control-request-headers'] ?? 'content-type',
        ),
        'access-control-max-age': '600',
      },
      body: '',
    };
  }
  if (!match && (record.path === '/' || record.path === '/v1' || record.path === '/v1/')) {
    // Not part of the API: a pointer for someone who opens the emulator in a browser.
    return render(200, {
      name: 'sms-partner-emulator',
      baseUrl: '/v1/',
      endpoints: ROUTES.flatMap((r) => r.paths.map((p) => `${r.methods.join('|')} ${p}`)),
    });
  }
  if (!match) {
    return render(404, {
      success: false,
      code: 404,
      message: `Route inconnue : ${method} ${record.path}`,
    });
  }
  if (!match.methodAllowed) {
    const rendered = render(405, {
      success: false,
      code: 405,
      message: `Méthode ${method} non autorisée ; utilisez ${match.route.methods.join(' ou ')}`,
    });
    rendered.headers.allow = match.route.methods.join(', ');
    return rendered;
  }
  Object.assign(params, match.pathParams);
  record.params = decoded.kind === 'malformed' ? undefined : params;
  const errorRender = (error: ApiError): Rendered => {
    const status = error.httpStatus ?? errorStatus(engine, error, match.route.name);
    const body: Record<string, unknown> = { success: false, code: error.code };
    if (error instanceof ValidationError) {
      for (const key of violationKeys(engine, match.route.errorKey ?? 'error'))
        body[key] = error.violations;
    } else {
      body.message = error.message;
    }
    Object.assign(body, error.extra);
    return render(status, body);
  };
  if (decoded.kind === 'malformed') {
    return errorRender(new ApiError(90, `${MESSAGES.malformed} : ${decoded.detail}`));
  }
  if (match.route.rateLimit) {
    const limit = rateLimitFor(engine.behaviour, match.route.rateLimit);
    const who = str(params, 'apiKey') ?? req.socket.remoteAddress ?? '';
    const wait = limit
      ? engine.rateLimiter.hit(`${match.route.name}|${who}`, limit, engine.scheduler.nowMs())
      : undefined;
    if (wait !== undefined) {
      const rendered = render(429, {
        success: false,
        code: 429,
        message: 'Trop de requêtes, réessayez plus tard',
      });
      rendered.headers['retry-after'] = String(wait);
      return rendered;
    }
  }
  const ctx: Ctx = {
    engine,
    method,
    params,
    ip: normaliseIp(req.socket.remoteAddress ?? ''),
    requestId: record.id,
    now: engine.scheduler.now(),
  };
  try {
    const answer: Answer = await match.route.handler(ctx);
    if ((answer as RawAnswer).raw === true) {
      const rawAnswer = answer as RawAnswer;
      return {
        status: rawAnswer.status,
        headers: { 'content-type': rawAnswer.contentType },
        body: rawAnswer.body,
      };
    }
    return render(200, answer as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ApiError) return errorRender(error);
    const message = error instanceof Error ? error.message : String(error);
    return render(500, {
      success: false,
      code: 500,
      message: `Erreur interne de l'émulateur : ${message}`,
    });
  }
}

function errorStatus(engine: Engine, error: ApiError, route: string): number {
  const setting = engine.behaviour.errorStatus;
  if (setting === 'always-200') return 200;
  if (typeof setting === 'function') return setting(error.code, route);
  return mappedStatus(error);
}

function violationKeys(engine: Engine, documented: 'error' | 'errors'): string[] {
  const setting = engine.behaviour.validationErrorKey;
  if (setting === 'both') return ['error', 'errors'];
  if (setting === 'documented') return [documented];
  return [setting];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

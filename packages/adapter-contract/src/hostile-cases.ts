import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Mounted, mount, SECRET, WEBHOOK_PATH } from './context.js';
import type { HarnessFactory } from './harness.js';
import { type HostileCategory, type HostileRequest, hostileRequests } from './hostile-inputs.js';
import { pool } from './load-cases.js';
import { DLR_VARIANTS, uniqueId } from './payloads.js';
import { rawCallback, rawClient } from './raw-http.js';
import { report } from './report.js';

/** Generated hostile requests per adapter. */
export const HOSTILE_REQUESTS = 10_000;
/**
 * And again with the host app's body parsers mounted first (Nest's default): fewer, since the
 * rebuilt-body path differs from the streamed one only after a host parser accepted the body.
 */
export const HOSTILE_REQUESTS_HOST_PARSED = 2_000;
/** The fixed seed of the generator: the same requests on every run. */
export const HOSTILE_SEED = 1_306_2025;
/**
 * The body limit of the app under attack: large enough that 100,000 form fields and huge fields
 * reach the parser (rather than being stopped by the size check alone), small against 50 MB.
 */
export const HOSTILE_MAX_BODY_BYTES = 1_048_576;
/** The streamed body that must be cut off. */
const STREAM_BYTES = 50 * 1024 * 1024;
/**
 * What the server may read of that body: the limit plus what the socket and the framework take
 * in before the handler refuses (a few 64 KiB reads). An unbounded server would read all 50 MB.
 */
const STREAM_READ_BOUND = HOSTILE_MAX_BODY_BYTES + 4 * 1024 * 1024;

/**
 * The status each category must get: core's answer for the check it fails (see the handler's
 * order: method 405, token 401, size 413, content type 415, payload 400). A URL of 1 MB never
 * reaches the adapter on a Node server, which refuses it with 431 (or closes the connection).
 */
const EXPECTED: Readonly<Record<HostileCategory, readonly number[]>> = {
  token: [401],
  method: [405],
  'content-type': [415],
  'over-limit': [413],
  'long-query': [400, 414, 431],
  'random-bytes': [400],
  'invalid-utf8': [400],
  'deep-nesting': [400],
  'prototype-keys': [400],
  'huge-field': [400],
  'many-fields': [400],
  'not-an-event': [400],
  'wrong-kind': [400],
};

const FOUR_XX: readonly number[] = Array.from({ length: 100 }, (_, i) => 400 + i);

/** Methods outside HTTP's own set, which some routers (Fastify's `all`) do not route at all. */
const EXTENSION_METHODS = new Set(['PROPFIND', 'PURGE', 'SEARCH']);

/** Body categories whose answer is 400 for what cannot be read as an event. */
const BODY_CATEGORIES = new Set<HostileCategory>([
  'random-bytes',
  'invalid-utf8',
  'deep-nesting',
  'prototype-keys',
  'huge-field',
  'many-fields',
  'not-an-event',
]);

function expectedStatuses(hostile: HostileRequest): readonly number[] {
  // `text/plain` and `application/octet-stream` are accepted for JSON only: anything else in
  // them is an unsupported media type (415) rather than a malformed body (400).
  const type = hostile.request.headers?.['content-type'] ?? '';
  if (
    BODY_CATEGORIES.has(hostile.category) &&
    /^(text\/plain|application\/octet-stream)/.test(type)
  ) {
    return [400, 415];
  }
  // The framework answers 404 for a method it does not route, before core sees the request.
  if (hostile.category === 'method' && EXTENSION_METHODS.has(hostile.request.method)) {
    return [405, 404];
  }
  return EXPECTED[hostile.category];
}

/** Categories where a listening server may refuse by closing the connection instead of answering. */
const MAY_CLOSE: ReadonlySet<HostileCategory> = new Set(['long-query']);

/** The own properties of the prototypes an attacker would pollute, to compare before and after. */
function prototypeSnapshot(): Record<string, string[]> {
  const shapes = { Object, Array, Function, String, Number, Boolean, Promise, Map, Set };
  return Object.fromEntries(
    Object.entries(shapes).map(([name, shape]) => [
      name,
      Reflect.ownKeys(shape.prototype).map(String).sort(),
    ]),
  );
}

/**
 * Hostile input, generated: 10,000 requests per adapter that must each be refused with a 4xx and
 * reach no handler, without a crash or a 5xx, leaving `Object.prototype` as it was (the app runs
 * in this process); and a 50 MB body, streamed, is cut off at the limit without the server reading
 * (let alone buffering) it.
 */
export function hostileCases(
  name: string,
  factory: HarnessFactory,
  hostParsesBodies = false,
  transport: 'http' | 'in-process' = 'http',
): void {
  let app: Mounted;
  const before = prototypeSnapshot();
  const sockets: Socket[] = [];
  let refusals = 0;
  const count = hostParsesBodies ? HOSTILE_REQUESTS_HOST_PARSED : HOSTILE_REQUESTS;
  const label = hostParsesBodies ? `${name} (host parses bodies)` : name;
  beforeAll(async () => {
    app = await mount(factory, {
      hostParsesBodies,
      client: { apiKey: 'contract-unused-key' },
      webhook: {
        maxBodyBytes: HOSTILE_MAX_BODY_BYTES,
        // Counted, rather than logged by core's default warning (one line per reason a minute).
        onRejected: () => {
          refusals += 1;
        },
      },
    });
    app.harness.server?.on('connection', (socket: Socket) => sockets.push(socket));
  });
  afterAll(() => app?.harness.close());

  // The limit only guards against a hang on a loaded machine; nothing is timed.
  it(`${count} generated hostile requests: a 4xx each, no handler call, no crash`, {
    timeout: 900_000,
  }, async () => {
    const requests = fc.sample(
      hostileRequests({ path: WEBHOOK_PATH, secret: SECRET, maxBodyBytes: HOSTILE_MAX_BODY_BYTES }),
      { numRuns: count, seed: hostParsesBodies ? HOSTILE_SEED + 1 : HOSTILE_SEED },
    );
    // A host parser that refuses a body first answers with its own 4xx (Express's 400 or 413,
    // say): then any 4xx will do; without one, each category must get core's status.
    const expected = (hostile: HostileRequest) =>
      hostParsesBodies ? FOUR_XX : expectedStatuses(hostile);
    const attemptsBefore = app.recorder.attempts.length;
    const errorsBefore = app.recorder.errors.length;
    const refusalsBefore = refusals;
    const counts = new Map<string, number>();
    const wrong: string[] = [];
    const answer = async (hostile: HostileRequest) => {
      let outcome: string;
      try {
        const response = await app.raw(hostile.request);
        outcome = String(response.status);
        if (!expected(hostile).includes(response.status)) {
          wrong.push(
            `${hostile.category} (${hostile.variant}): ${response.status} ${response.body.slice(0, 120)}`,
          );
        }
      } catch (error) {
        outcome = 'closed';
        if (!MAY_CLOSE.has(hostile.category)) {
          wrong.push(`${hostile.category} (${hostile.variant}): ${String(error)}`);
        }
      }
      const key = `${hostile.category} ${outcome}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    await pool(requests, 8, answer);
    const handlerCalls = app.recorder.attempts.length - attemptsBefore;
    const handlerErrors = app.recorder.errors.length - errorsBefore;

    expect(wrong.slice(0, 10)).toEqual([]);
    expect(handlerCalls).toBe(0);
    expect(handlerErrors).toBe(0);
    // No crash: the app still serves a real report afterwards.
    const id = uniqueId();
    const valid = await app.raw(rawCallback(app.urls.urlDlr, 'json', DLR_VARIANTS[0]!.build(id)));
    expect(valid.status).toBe(200);
    expect(app.recorder.byId(id)).toHaveLength(1);
    const fourXx = [...counts]
      .filter(([key]) => /\s4\d\d$/.test(key))
      .reduce((sum, [, count]) => sum + count, 0);
    const histogram = [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ');
    report(
      `${label}: ${requests.length} hostile requests -> ${fourXx} answered 4xx, ` +
        `${counts.get('long-query closed') ?? 0} closed (1 MB URLs), ${wrong.length} unexpected; ` +
        `handler calls ${handlerCalls}, onError ${handlerErrors}, crashes 0; ` +
        `${refusals - refusalsBefore} refused by core itself, the rest by the framework [${histogram}]`,
    );
  });

  it('a complete report carrying __proto__ and constructor keys is handled as plain data', async () => {
    const id = uniqueId();
    for (const body of [
      `{"msgId":"${id}","status":"delivered","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`,
    ]) {
      const response = await app.raw({
        method: 'POST',
        path: new URL(app.urls.urlDlr).pathname + new URL(app.urls.urlDlr).search,
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(200);
    }
    const form = await app.raw({
      method: 'POST',
      path: new URL(app.urls.urlDlr).pathname + new URL(app.urls.urlDlr).search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `msgId=${id}&status=waiting&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__=x`,
    });
    expect(form.status).toBe(200);
    const [json, fields] = app.recorder.byId(id);
    expect(json?.raw).toMatchObject({ msgId: id });
    expect(fields?.raw).toMatchObject({ msgId: id });
    for (const raw of [json!.raw, fields!.raw]) {
      expect((raw as Record<string, unknown>).polluted).toBeUndefined();
      expect([Object.prototype, null]).toContain(Object.getPrototypeOf(raw));
    }
    if (!hostParsesBodies) {
      // Read by core itself: the keys are kept as plain data. (A host parser may drop them: qs,
      // Nest's default form parser, discards `__proto__` keys.)
      expect(Object.hasOwn(json!.raw, '__proto__')).toBe(true);
      expect(fields?.raw).toMatchObject({ '__proto__[polluted]': 'yes', __proto__: 'x' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // With a host parser, the parser reads the body with its own limit before the adapter does.
  const streamIt = hostParsesBodies ? () => undefined : it;
  // In process there is no connection to reuse; a host parser's refusals are not core's.
  const socketIt = hostParsesBodies || transport === 'in-process' ? () => undefined : it;

  streamIt(
    'a 50 MB body streamed in chunks is cut off at the limit, not read through',
    async () => {
      const read = app.harness.fetch
        ? await streamInProcess(app, STREAM_BYTES)
        : await streamOverHttp(app, STREAM_BYTES, () =>
            sockets.reduce((sum, socket) => sum + socket.bytesRead, 0),
          );
      expect(read.refused, read.outcome).toBe(true);
      expect(read.serverBytes).toBeLessThan(STREAM_READ_BOUND);
      expect(app.recorder.attempts.filter((attempt) => attempt === read.id)).toEqual([]);
      report(
        `${name}: 50 MB chunked body (limit ${HOSTILE_MAX_BODY_BYTES} bytes) -> ${read.outcome}; ` +
          `server read ${read.serverBytes} bytes (bound ${STREAM_READ_BOUND}), client wrote ` +
          `${read.clientBytes} bytes, handler calls 0`,
      );
    },
  );

  socketIt(
    "a kept-alive client's next request is answered after a refusal that left the body unread",
    async () => {
      // One socket only, so the valid report must travel on the connection of the refused request.
      const client = rawClient(app.harness.baseUrl, 1);
      try {
        const target = new URL(app.urls.urlDlr);
        const wrongToken = `${target.pathname}?token=not-the-secret&kind=dlr`;
        const big = `msgId=1&status=delivered&tag=${'x'.repeat(HOSTILE_MAX_BODY_BYTES)}`;
        const form = { 'content-type': 'application/x-www-form-urlencoded' };
        const statuses: number[] = [];
        for (const refused of [
          { method: 'POST', path: wrongToken, headers: form, body: big },
          { method: 'POST', path: `${target.pathname}${target.search}`, headers: form, body: big },
          { method: 'PUT', path: `${target.pathname}${target.search}`, headers: form, body: big },
          {
            method: 'POST',
            path: `${target.pathname}${target.search}`,
            headers: form,
            body: big,
            chunked: true,
          },
        ]) {
          statuses.push((await client.send(refused)).status);
          const id = uniqueId();
          const valid = await client.send(
            rawCallback(app.urls.urlDlr, 'form', DLR_VARIANTS[0]!.build(id)),
          );
          expect(valid.status).toBe(200);
          expect(app.recorder.byId(id)).toHaveLength(1);
        }
        expect(statuses).toEqual([401, 413, 405, 413]);
      } finally {
        client.close();
      }
    },
  );

  it('leaves Object.prototype and the other built-in prototypes as they were', () => {
    expect(prototypeSnapshot()).toEqual(before);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    report(
      `${label}: built-in prototypes unchanged after the hostile run (Object.prototype polluted: no)`,
    );
  });
}

interface StreamResult {
  id: string;
  refused: boolean;
  outcome: string;
  /** Bytes the server read off its sockets (or pulled from the stream, in process). */
  serverBytes: number;
  clientBytes: number;
}

/** The start of a valid form report whose `tag` field then goes on for `total` bytes. */
function streamHead(): { id: string; head: Uint8Array } {
  const id = uniqueId();
  return { id, head: new TextEncoder().encode(`msgId=${id}&status=delivered&tag=`) };
}

const CHUNK = new Uint8Array(64 * 1024).fill(0x61);

/**
 * Streams the body with Node's client, chunked, in 64 KiB writes that wait for the socket to
 * drain and yield between writes (a slow sender), until the server answers or closes, or 50 MB
 * are written.
 */
async function streamOverHttp(
  app: Mounted,
  total: number,
  serverRead: () => number,
): Promise<StreamResult> {
  const { id, head } = streamHead();
  const url = new URL(app.urls.urlDlr);
  const readBefore = serverRead();
  let written = 0;
  const outcome = await new Promise<string>((resolve) => {
    let settled = false;
    const settle = (text: string) => {
      if (settled) return;
      settled = true;
      resolve(text);
    };
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    req.on('response', (res) => {
      res.resume();
      settle(`answered ${res.statusCode}`);
      // The rest of the body will never be read: drop the connection from this side too.
      req.destroy();
    });
    req.on('error', (error) =>
      settle(`closed (${(error as NodeJS.ErrnoException).code ?? error.message})`),
    );
    req.on('close', () => settle('closed'));
    req.write(head);
    written += head.byteLength;
    const pump = () => {
      if (settled) return;
      if (written >= total) {
        req.end();
        return;
      }
      written += CHUNK.byteLength;
      if (req.write(CHUNK)) setImmediate(pump);
      else req.once('drain', pump);
    };
    pump();
  });
  // Let the server finish whatever it was doing with the connection before counting.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    id,
    refused: outcome === 'answered 413' || outcome.startsWith('closed'),
    outcome,
    serverBytes: serverRead() - readBefore,
    clientBytes: written,
  };
}

/** The in-process dispatcher has no socket: count what it pulls from a 50 MB stream instead. */
async function streamInProcess(app: Mounted, total: number): Promise<StreamResult> {
  const { id, head } = streamHead();
  let pulled = 0;
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (first) {
        first = false;
        pulled += head.byteLength;
        controller.enqueue(head);
        return;
      }
      if (pulled >= total) {
        controller.close();
        return;
      }
      pulled += CHUNK.byteLength;
      controller.enqueue(CHUNK.slice());
    },
  });
  const fetchApp = app.harness.fetch!;
  const response = await fetchApp(
    new Request(app.urls.urlDlr, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit),
  );
  return {
    id,
    refused: response.status === 413,
    outcome: `answered ${response.status}`,
    serverBytes: pulled,
    clientBytes: pulled,
  };
}

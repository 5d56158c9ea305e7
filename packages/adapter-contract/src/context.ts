import { type CallbackUrls, createCallbackUrls } from '@sms-partner/core';
import type { Harness, HarnessFactory, HarnessOptions } from './harness.js';
import { type RawRequest, type RawResponse, rawClient } from './raw-http.js';
import { EventRecorder } from './recorder.js';

/** Secret of every mounted adapter (the token the callback URLs carry). */
export const SECRET = 'contract-suite-secret-0123456789';
/** Body limit of every mounted adapter; the oversize case sends more. */
export const MAX_BODY_BYTES = 4096;
export const WEBHOOK_PATH = '/hooks/sms-partner';
export const APP_ROUTE = '/app/sms-partner-account';

/** A mounted adapter plus what the suite needs around it. */
export interface Mounted {
  harness: Harness;
  recorder: EventRecorder;
  urls: CallbackUrls;
  /** Every client instance the app route was handed, in order. */
  clientsSeen: unknown[];
  /** Sends `request` (whose URL may point anywhere) to the mounted app. */
  send(request: Request): Promise<Response>;
  /** The app's URL for `pathAndQuery`. */
  url(pathAndQuery: string): string;
  /**
   * Sends an already-encoded request: with Node's HTTP client to a listening app (cheaper than
   * `fetch` for the suites that send tens of thousands), through `harness.fetch` otherwise.
   */
  raw(request: RawRequest): Promise<RawResponse>;
}

/** What varies between mounts. */
export interface MountOptions {
  hostParsesBodies: boolean;
  client: HarnessOptions['client'];
  appRoute?: (client: unknown) => Promise<unknown>;
  webhook?: Partial<HarnessOptions['webhook']>;
}

/** Mounts the adapter; call `harness.close()` when done. */
export async function mount(factory: HarnessFactory, options: MountOptions): Promise<Mounted> {
  const recorder = new EventRecorder();
  const clientsSeen: unknown[] = [];
  const harness = await factory({
    webhookPath: WEBHOOK_PATH,
    webhook: {
      secret: SECRET,
      maxBodyBytes: MAX_BODY_BYTES,
      onError: recorder.onError,
      ...options.webhook,
    },
    handlers: recorder.handlers,
    client: options.client,
    hostParsesBodies: options.hostParsesBodies,
    appRoute: {
      path: APP_ROUTE,
      handle: async (client) => {
        clientsSeen.push(client);
        return options.appRoute ? options.appRoute(client) : { ok: true };
      },
    },
  });
  const url = (pathAndQuery: string) => new URL(pathAndQuery, harness.baseUrl).toString();
  const send = (request: Request) => (harness.fetch ? harness.fetch(request) : fetch(request));
  const urls = createCallbackUrls({ baseUrl: url(WEBHOOK_PATH), secret: SECRET });
  const inProcess = harness.fetch;
  let client: ReturnType<typeof rawClient> | undefined;
  const raw = async (request: RawRequest): Promise<RawResponse> => {
    if (!inProcess) {
      client ??= rawClient(harness.baseUrl);
      return client.send(request);
    }
    const body =
      request.chunked && request.body !== undefined ? streamOf(request.body) : request.body;
    const response = await inProcess(
      new Request(url(request.path), {
        method: request.method,
        headers: request.headers,
        body: body as BodyInit | undefined,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit),
    );
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };
  const close = harness.close.bind(harness);
  // The pool's kept-alive sockets go with the app.
  harness.close = async () => {
    client?.close();
    await close();
  };
  return { harness, recorder, urls, clientsSeen, send, url, raw };
}

/** A body as a stream of unknown length, in two pieces. */
function streamOf(body: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const half = Math.floor(bytes.byteLength / 2);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, half));
      controller.enqueue(bytes.subarray(half));
      controller.close();
    },
  });
}

import type { Server } from 'node:http';
import type {
  SmsPartnerClient,
  SmsPartnerClientOptions,
  WebhookHandlerOptions,
} from '@sms-partner/core';
import type { ContractHandlers } from './recorder.js';

/** Core handler options without the event callbacks (those come in {@link HarnessOptions.handlers}). */
export type ContractWebhookOptions = Omit<
  WebhookHandlerOptions,
  'onDeliveryReport' | 'onReply' | 'onStop' | 'onInboundMessage' | 'onHlrResult'
>;

/** What the suite asks a harness to mount. */
export interface HarnessOptions {
  /** Path of the webhook route, absolute (`/webhooks/sms-partner`). */
  webhookPath: string;
  /** Secret, limits, `onError`... to pass to the adapter unchanged. */
  webhook: ContractWebhookOptions;
  /** The event callbacks; adapters with their own registration style (Nest decorators) wrap them. */
  handlers: ContractHandlers;
  /** Options of the client the adapter makes available to the app's own routes. */
  client: SmsPartnerClientOptions;
  /**
   * When true, the host app parses bodies for every route before the adapter sees the request
   * (Express `express.json()` + `express.urlencoded()` mounted globally, Nest's default body
   * parser, a Hono middleware that reads the body): the adapter must still work.
   */
  hostParsesBodies: boolean;
  /**
   * An app route the harness must add in the framework's usual way (GET `path`): it gets the client
   * the adapter provides, calls `handle(client)` and answers 200 with its result as JSON.
   */
  appRoute: { path: string; handle(client: SmsPartnerClient): Promise<unknown> };
}

/** A mounted adapter. */
export interface Harness {
  /** Origin the app listens on, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /**
   * How to reach the app: omitted for a real HTTP server (the suite uses the global `fetch`); an
   * in-process dispatcher such as Hono's `app.request` otherwise.
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * The Node HTTP server the app listens with, when there is one (`listen()` returns it): the
   * hostile-input suite reads how many bytes the server took off each connection.
   */
  server?: Server;
  close(): Promise<void>;
}

/** Mounts the adapter under test with the given options. */
export type HarnessFactory = (options: HarnessOptions) => Promise<Harness>;

/** Options of {@link runAdapterContract}. */
export interface AdapterContractOptions {
  /**
   * `'http'` (default): the harness listens on 127.0.0.1; the source-address and emulator
   * end-to-end cases run too. `'in-process'`: the harness returns `fetch`; those cases need a socket
   * and are not registered.
   */
  transport?: 'http' | 'in-process';
  /** Body-parsing set-ups of the host app to run every case under. @default [false, true] */
  hostParsesBodies?: readonly boolean[];
}

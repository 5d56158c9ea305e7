/**
 * What the three demo apps share: the options they are started with, and the body of their
 * `POST /send` route (each app reads the request its own way, then calls this with its client).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCallbackUrls,
  type MessageCategory,
  type QuietHoursMode,
  type SendSmsParams,
  type SmsPartnerClient,
  type SmsPartnerClientOptions,
  SmsPartnerError,
} from '@sms-partner/core';
import type { AppName, LiveStore } from '../live-store.js';

/** How each app is started. */
export interface AppOptions {
  /** Options of the app's own `SmsPartnerClient` (pointed at the emulator). */
  client: SmsPartnerClientOptions;
  /** The secret the app's webhook route checks (also in its callback URLs). */
  secret: string;
  /** Path of the app's webhook route. */
  webhookPath: string;
  /** Where webhook events are reported. */
  store: LiveStore;
  /** Interface to listen on. */
  host: string;
}

/** A started app. */
export interface RunningApp {
  name: AppName;
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Full URL of its webhook route (without the token). */
  webhookUrl: string;
  close(): Promise<void>;
}

/** The JSON body the dashboard posts to an app's `/send`. */
export interface SendRequestBody {
  to: string;
  message: string;
  isUnicode?: boolean;
  isStopSms?: boolean;
  range?: 'premium' | 'lowcost';
  quietHours?: QuietHoursMode;
  category?: MessageCategory;
}

/** What `/send` answers. */
export type SendResponseBody =
  | {
      ok: true;
      messageId: string;
      recipient: string;
      /** SMS billed for the send (every recipient's parts). */
      billedSegments: number;
      cost: number;
      encoding: string;
      heldUntil?: string;
      scheduledAt?: string;
    }
  | { ok: false; error: { name: string; code: string; message: string } };

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

function readBody(body: unknown): SendRequestBody | string {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object.';
  const b = body as Record<string, unknown>;
  if (typeof b.to !== 'string' || typeof b.message !== 'string') {
    return 'the body needs "to" and "message" strings.';
  }
  const parsed: SendRequestBody = { to: b.to, message: b.message };
  if (typeof b.isUnicode === 'boolean') parsed.isUnicode = b.isUnicode;
  if (typeof b.isStopSms === 'boolean') parsed.isStopSms = b.isStopSms;
  const range = pick(b.range, ['premium', 'lowcost'] as const);
  if (range) parsed.range = range;
  const quietHours = pick(b.quietHours, ['allow', 'defer', 'reject'] as const);
  if (quietHours) parsed.quietHours = quietHours;
  const category = pick(b.category, ['commercial', 'transactional'] as const);
  if (category) parsed.category = category;
  return parsed;
}

/**
 * Sends through the app's client with `urlDlr` / `urlResponse` pointing at the app's own webhook
 * route, and turns the result (or the typed error) into the route's answer.
 */
export async function sendThroughClient(
  client: SmsPartnerClient,
  app: AppName,
  body: unknown,
  webhookUrl: string,
  secret: string,
): Promise<{ status: number; body: SendResponseBody }> {
  const input = readBody(body);
  if (typeof input === 'string') {
    return {
      status: 400,
      body: { ok: false, error: { name: 'BadRequest', code: 'validation', message: input } },
    };
  }
  const { urlDlr, urlResponse } = createCallbackUrls({ baseUrl: webhookUrl, secret });
  const params: SendSmsParams = { ...input, tag: app, urlDlr, urlResponse };
  try {
    const result = await client.sms.send(params);
    return {
      status: 200,
      body: {
        ok: true,
        messageId: result.messageId,
        recipient: result.recipients[0] ?? input.to,
        billedSegments: result.billedSegments,
        cost: result.cost,
        encoding: result.analysis.encoding,
        ...(result.heldUntil && { heldUntil: result.heldUntil.toISOString() }),
        ...(result.scheduledAt && { scheduledAt: result.scheduledAt.toISOString() }),
      },
    };
  } catch (error) {
    if (!(error instanceof SmsPartnerError)) throw error;
    // 502: SMS Partner (the emulator) refused or failed; the body says how.
    const status = error.code === 'validation' ? 400 : 502;
    return {
      status,
      body: { ok: false, error: { name: error.name, code: error.code, message: error.message } },
    };
  }
}

/** Listens on `host` and an ephemeral port (or `port`); resolves to the origin. */
export function listen(server: Server, host: string, port = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = address.address.includes(':') ? `[${address.address}]` : address.address;
      resolve(`http://${shown}:${address.port}`);
    });
  });
}

/** Closes a server, ending keep-alive and streaming connections so that it does not linger. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

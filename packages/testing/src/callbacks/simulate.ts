/**
 * Simulated traffic from handsets: replies, STOP replies and long-number inbound SMS, in the
 * formats of spec §4.2.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../internal/engine.js';
import { parisDateTime } from '../internal/paris-time.js';
import { parsePhone } from '../internal/phone.js';
import type { AccountState } from '../internal/state.js';
import type { CallbackRecord, MessageRecord } from '../types.js';

/** Options of `simulateReply`. */
export interface ReplyOptions {
  /** The replying handset (any spelling). */
  phoneNumber: string;
  /** @default 'OK' */
  text?: string;
  /** The message replied to. @default the latest message sent to `phoneNumber` */
  messageId?: number;
  /** Target URL. @default the message's `urlResponse`, else the account's `replyUrl` */
  url?: string;
}

/** Options of `simulateStop`. */
export interface StopOptions {
  /** Who opts out (any spelling). */
  phoneNumber: string;
  /** @default 'STOP' */
  text?: string;
  /** The message replied to. @default the latest message sent to `phoneNumber` */
  messageId?: number;
  /** Target URL. @default the message's `urlResponse`, else the account's `replyUrl` */
  url?: string;
  /** Account whose stop list gets the number. @default the message's account, else the demo account */
  apiKey?: string;
}

/** Options of `simulateInbound`. */
export interface InboundOptions {
  /** Sender handset, any spelling (sent as `msisdn`, digits without `+`). */
  from: string;
  /** Your long number (`to`). @default the demo account's first virtual number */
  to?: string;
  /** The message the handset sends. */
  text: string;
  /** Split into this many parts, or exactly these part texts (joined they should equal `text`). @default 1 */
  parts?: number | string[];
  /** @default the latest `urlResponse` of a vn/send from `to`, else the owner's `replyUrl` */
  url?: string;
}

function phoneOf(raw: string): string {
  const phone = parsePhone(raw, true);
  if (!phone) throw new TypeError(`"${raw}" is not a phone number; use 06..., +336... or 336...`);
  return phone.international;
}

function latestTo(
  engine: Engine,
  phoneNumber: string,
  messageId?: number,
): MessageRecord | undefined {
  const messages = engine.store.messages;
  if (messageId !== undefined) {
    const found = messages.find((m) => m.messageId === messageId);
    if (!found) throw new Error(`No message ${messageId} in the emulator.`);
    return found;
  }
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as MessageRecord;
    if (m.recipients.some((r) => r.phoneNumber === phoneNumber)) return m;
  }
  return undefined;
}

function noUrl(what: string): Error {
  return new Error(
    `Cannot simulate ${what}: no target URL. Pass { url }, send the message with urlResponse, or set the account's replyUrl.`,
  );
}

/** A reply or STOP to a short-number message: `{ type, phone_number, text, message_id }`. */
function sendShortNumberCallback(
  engine: Engine,
  kind: 'reply' | 'stop',
  url: string,
  phoneNumber: string,
  text: string,
  message: MessageRecord | undefined,
): Promise<CallbackRecord> {
  const payload: Record<string, string | number> = {
    type: kind === 'reply' ? 'response' : 'stop',
    phone_number: phoneNumber,
    text,
    message_id: message?.messageId ?? 0,
  };
  return engine.callbacks.send(kind, url, payload, engine.behaviour.callbackEncoding, {
    phoneNumber,
    ...(message ? { messageId: message.messageId } : {}),
  });
}

export async function simulateReply(
  engine: Engine,
  options: ReplyOptions,
): Promise<CallbackRecord> {
  const phoneNumber = phoneOf(options.phoneNumber);
  const message = latestTo(engine, phoneNumber, options.messageId);
  const account = message ? engine.store.byId(message.accountId) : engine.demoAccount;
  const url = options.url ?? message?.urlResponse ?? account?.replyUrl;
  if (!url) throw noUrl('a reply');
  return sendShortNumberCallback(engine, 'reply', url, phoneNumber, options.text ?? 'OK', message);
}

export async function simulateStop(
  engine: Engine,
  options: StopOptions,
): Promise<CallbackRecord | undefined> {
  const phoneNumber = phoneOf(options.phoneNumber);
  const message = latestTo(engine, phoneNumber, options.messageId);
  let account: AccountState | undefined;
  if (options.apiKey !== undefined) {
    account = engine.store.byKey(options.apiKey);
    if (!account) throw new Error('simulateStop: no emulator account has this API key.');
  } else {
    account = (message && engine.store.byId(message.accountId)) || engine.demoAccount;
  }
  engine.store.addStop(account, phoneNumber, engine.scheduler.now());
  const url = options.url ?? message?.urlResponse ?? account.replyUrl;
  if (!url) return undefined;
  return sendShortNumberCallback(engine, 'stop', url, phoneNumber, options.text ?? 'STOP', message);
}

/** Splits by code points into `n` nearly equal parts (never inside a surrogate pair). */
function splitInto(text: string, n: number): string[] {
  const chars = Array.from(text);
  const size = Math.ceil(chars.length / n);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(chars.slice(i * size, (i + 1) * size).join(''));
  return parts;
}

export async function simulateInbound(
  engine: Engine,
  options: InboundOptions,
): Promise<CallbackRecord[]> {
  const msisdn = phoneOf(options.from).replace(/^\+/, '');
  const owner =
    options.to === undefined
      ? engine.demoAccount
      : (engine.store.accounts.find((a) =>
          a.virtualNumbers.some((v) => v.number === options.to?.replace(/^\+/, '')),
        ) ?? engine.demoAccount);
  const to = (options.to ?? owner.virtualNumbers[0]?.number ?? '33700000000').replace(/^\+/, '');
  const lastVn = [...engine.store.messages]
    .reverse()
    .find((m) => m.endpoint === 'vn/send' && m.from === to && m.urlResponse);
  const url = options.url ?? lastVn?.urlResponse ?? owner.replyUrl;
  if (!url) throw noUrl('an inbound SMS');
  const parts = Array.isArray(options.parts)
    ? options.parts
    : splitInto(options.text, Math.max(1, Math.floor(options.parts ?? 1)));
  if (parts.length === 0) throw new RangeError('simulateInbound: parts must not be empty.');
  const concatRef = String(Math.floor(Math.random() * 255) + 1);
  const timestamp = parisDateTime(engine.scheduler.now());
  const records: CallbackRecord[] = [];
  for (const [index, text] of parts.entries()) {
    const payload: Record<string, string | number> = {
      msisdn,
      to,
      messageId: randomUUID(),
      text,
      type: 'text',
      keyword: (text.trim().split(/\s+/)[0] ?? '').toUpperCase(),
      'message-timestamp': timestamp,
    };
    if (parts.length > 1) {
      payload.concat = 'true';
      payload['concat-ref'] = concatRef;
      payload['concat-total'] = String(parts.length);
      payload['concat-part'] = String(index + 1);
    }
    records.push(
      await engine.callbacks.send('inbound', url, payload, engine.behaviour.callbackEncoding, {
        phoneNumber: `+${msisdn}`,
        messageId: payload.messageId as string,
      }),
    );
  }
  return records;
}

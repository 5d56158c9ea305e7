/**
 * What every send endpoint shares once a request is valid: reading the message, dropping
 * stop-listed numbers, building recipients, charging and starting the message.
 */
import { fail, field, type Violation } from '../internal/api-error.js';
import { fromMilli } from '../internal/money.js';
import { type Params, str } from '../internal/params.js';
import type { ParsedPhone } from '../internal/phone.js';
import type { AccountState } from '../internal/state.js';
import type { MessageRecord, RecipientRecord } from '../types.js';
import type { Ctx } from './context.js';
import { applyQuietHours, ensureCredit, type Schedule } from './send-common.js';

/** The raw `message` value (not trimmed: spaces are content). */
export function readMessage(params: Params, violations: Violation[], name = 'message'): string {
  const value = params[name];
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (text.trim() === '') {
    violations.push({ elementId: field(name), message: 'Le message est requis' });
  }
  return text;
}

/** Drops (or rejects, per `stopListed`) numbers on the account's stop list. */
export function filterStopped(
  ctx: Ctx,
  account: AccountState,
  phones: ParsedPhone[],
): ParsedPhone[] {
  const stopped = new Set(account.stopList.map((s) => s.phoneNumber));
  const kept = phones.filter((p) => !stopped.has(p.international));
  if (
    kept.length < phones.length &&
    (ctx.engine.behaviour.stopListed === 'reject' || kept.length === 0)
  ) {
    throw fail(14, 'Le numéro est dans la liste STOP SMS');
  }
  return kept;
}

export function newRecipient(
  phone: ParsedPhone,
  wireText: string,
  text: string,
  segments: number,
  costMilli: number,
  sandbox: boolean,
  now: Date,
): RecipientRecord {
  return {
    input: phone.input,
    phoneNumber: phone.international,
    text,
    wireText,
    segments,
    cost: sandbox ? 0 : fromMilli(costMilli),
    status: 'scheduled',
    smpp: undefined,
    statusAt: now,
  };
}

interface Common {
  sender?: string;
  tag?: string;
  urlDlr?: string;
  urlResponse?: string;
  from?: string;
}

/** Creates, charges and starts a message; returns the fields every send response shares. */
export function commit(
  ctx: Ctx,
  account: AccountState,
  endpoint: MessageRecord['endpoint'],
  options: {
    recipients: RecipientRecord[];
    costMilli: number;
    sandbox: boolean;
    range: 'premium' | 'eco';
    unicode: boolean;
    stopMention: boolean;
    schedule: Schedule | undefined;
    common: Common;
  },
): { messageId: number; held: boolean } {
  const { engine } = ctx;
  ensureCredit(account, options.costMilli, options.sandbox);
  const { sendAt, held } = applyQuietHours(
    account,
    options.schedule?.instant ?? ctx.now,
    options.sandbox,
  );
  const messageId = engine.store.nextMessageId();
  const message: MessageRecord = {
    messageId,
    accountId: account.id,
    endpoint,
    createdAt: ctx.now,
    sendAt,
    scheduled: options.schedule !== undefined,
    held,
    sandbox: options.sandbox,
    range: options.range,
    unicode: options.unicode,
    stopMention: options.stopMention,
    ...definedOnly(options.common),
    cancelled: false,
    recipients: options.recipients,
    nbSms: options.recipients.reduce((n, r) => n + r.segments, 0),
    cost: options.sandbox ? 0 : fromMilli(options.costMilli),
    requestId: ctx.requestId,
  };
  if (!options.sandbox) account.balanceMilli -= options.costMilli;
  engine.accept(message);
  return { messageId, held };
}

function definedOnly(common: Common): Common {
  const out: Common = {};
  for (const [key, value] of Object.entries(common)) {
    if (value !== undefined) (out as Record<string, string>)[key] = value;
  }
  return out;
}

export function urls(params: Params): Pick<Common, 'urlDlr' | 'urlResponse'> {
  // `webhookUrl` appears in official samples but in no parameter table (gaps §1); it is accepted
  // as a fallback for both URLs, the tolerant reading.
  const webhook = str(params, 'webhookUrl');
  return {
    urlDlr: str(params, 'urlDlr') ?? webhook,
    urlResponse: str(params, 'urlResponse') ?? webhook,
  };
}

export function nbSms(ctx: Ctx, recipients: RecipientRecord[]): number {
  if (ctx.engine.behaviour.nbSms === 'per-recipient') return recipients[0]?.segments ?? 0;
  return recipients.reduce((n, r) => n + r.segments, 0);
}

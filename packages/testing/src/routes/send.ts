/**
 * `POST /v1/send`, `POST /v1/bulk-send`, `POST /v1/vn/send` (spec §2.2–2.4).
 */
import { fail, field, type Violation } from '../internal/api-error.js';
import { fromMilli } from '../internal/money.js';
import { flag, list, type Params, str } from '../internal/params.js';
import type { ParsedPhone } from '../internal/phone.js';
import type { AccountState } from '../internal/state.js';
import type { RecipientRecord } from '../types.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { commit, filterStopped, nbSms, newRecipient, readMessage, urls } from './message-commit.js';
import {
  MAX_RECIPIENTS,
  measure,
  priceMilli,
  readPhone,
  readRange,
  readSchedule,
  readSender,
  readTag,
  readUnicode,
  throwIfViolations,
} from './send-common.js';

type SendOptions = ReturnType<typeof readSendOptions>;

/**
 * The options `send` and `bulk-send` share, after the request's own fields: adds their problems
 * to `violations` and throws them all.
 */
function readSendOptions(ctx: Ctx, account: AccountState, violations: Violation[]) {
  const { params } = ctx;
  const sender = readSender(params, violations);
  const tag = readTag(params, violations);
  const range = readRange(params, account, violations);
  const unicode = readUnicode(params, account, violations);
  const schedule = readSchedule(ctx, violations);
  throwIfViolations(violations);
  const stopMention = range === 'premium' && (flag(params, 'isStopSms') || account.marketing);
  const { pricing } = ctx.engine.behaviour;
  const unit = range === 'eco' ? pricing.eco : pricing.premium;
  return {
    sender,
    tag,
    range,
    unicode,
    schedule,
    stopMention,
    unit,
    sandbox: flag(params, 'sandbox'),
  };
}

function commitSend(
  ctx: Ctx,
  account: AccountState,
  endpoint: 'send' | 'bulk-send',
  recipients: RecipientRecord[],
  costMilli: number,
  { sender, tag, range, unicode, schedule, stopMention, sandbox }: SendOptions,
) {
  return commit(ctx, account, endpoint, {
    recipients,
    costMilli,
    sandbox,
    range,
    unicode,
    stopMention,
    schedule,
    common: { sender, tag, ...urls(ctx.params) },
  });
}

function send(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine, params } = ctx;
  const numbers = list(params, 'phoneNumbers')?.filter((n) => n !== '');
  if (!numbers || numbers.length === 0) throw fail(2, 'Le numéro de téléphone est requis');
  if (numbers.length > MAX_RECIPIENTS) throw fail(50, 'Maximum 500 numéros par requête');
  const violations: Violation[] = [];
  const wire = readMessage(params, violations);
  const phones = numbers
    .map((n) => readPhone(engine, n, 'phoneNumbers', violations))
    .filter((p): p is ParsedPhone => p !== undefined);
  const options = readSendOptions(ctx, account, violations);
  const { unicode, stopMention, range, sandbox, unit, schedule } = options;
  const { text, segments } = measure(wire, { unicode, stopMention, range });
  const kept = filterStopped(ctx, account, phones);
  let costMilli = 0;
  const recipients = kept.map((phone) => {
    const cost = priceMilli(engine, unit, segments, phone);
    costMilli += cost;
    return newRecipient(phone, wire, text, segments, cost, sandbox, ctx.now);
  });
  const { messageId } = commitSend(ctx, account, 'send', recipients, costMilli, options);
  return {
    success: true,
    code: 200,
    message_id: messageId,
    nb_sms: nbSms(ctx, recipients),
    cost: fromMilli(costMilli),
    currency: 'EUR',
    ...(schedule ? { scheduledDeliveryDate: schedule.display } : {}),
  };
}

function bulkSend(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine, params } = ctx;
  const items = params.SMSList;
  if (!Array.isArray(items) || items.length === 0) {
    throw fail(2, 'La liste SMSList (phoneNumber, message) est requise');
  }
  if (items.length > MAX_RECIPIENTS) throw fail(50, 'Maximum 500 numéros par requête');
  const options = readSendOptions(ctx, account, []);
  const { unicode, stopMention, range, sandbox, unit, schedule } = options;
  const stopped = new Set(account.stopList.map((s) => s.phoneNumber));
  const recipients: RecipientRecord[] = [];
  const results: Record<string, unknown>[] = [];
  let costMilli = 0;
  for (const raw of items) {
    const item = (raw !== null && typeof raw === 'object' ? raw : {}) as Params;
    const input = str(item, 'phoneNumber') ?? '';
    const itemViolations: Violation[] = [];
    const phone = input ? readPhone(engine, input, 'phoneNumber', itemViolations) : undefined;
    const wire = readMessage(item, itemViolations);
    if (!phone || itemViolations.length > 0) {
      const message = input
        ? (itemViolations[0]?.message ?? 'Donnée invalide')
        : 'Le numéro de téléphone est requis';
      results.push({ success: false, code: input ? 9 : 2, phoneNumber: input, message });
      continue;
    }
    if (stopped.has(phone.international)) {
      results.push({
        success: false,
        code: 14,
        phoneNumber: input,
        message: 'Le numéro est dans la liste STOP SMS',
      });
      continue;
    }
    let measured: { text: string; segments: number };
    let cost: number;
    try {
      measured = measure(wire, { unicode, stopMention, range });
      cost = priceMilli(engine, unit, measured.segments, phone);
    } catch (error) {
      const e = error as { code?: number; message?: string };
      results.push({ success: false, code: e.code ?? 9, phoneNumber: input, message: e.message });
      continue;
    }
    costMilli += cost;
    recipients.push(
      newRecipient(phone, wire, measured.text, measured.segments, cost, sandbox, ctx.now),
    );
    results.push({
      success: true,
      code: 200,
      nbSms: measured.segments,
      cost: fromMilli(cost),
      phoneNumber: phone.international,
    });
  }
  if (recipients.length === 0) {
    throw fail(55, 'Aucun numéro vers lequel envoyer', { SMSResponse_List: results });
  }
  const { messageId } = commitSend(ctx, account, 'bulk-send', recipients, costMilli, options);
  return {
    success: true,
    code: 200,
    message_id: messageId,
    currency: 'EUR',
    cost: fromMilli(costMilli),
    nbSMS: recipients.reduce((n, r) => n + r.segments, 0),
    SMSResponse_List: results,
    ...(schedule ? { scheduledDeliveryDate: schedule.display } : {}),
  };
}

/**
 * The live API refuses a `from` the account does not rent. Code 44 ("sender invalid") is the
 * error table's closest entry; the message names the rented numbers so that the fix is obvious.
 */
function checkRented(ctx: Ctx, account: AccountState, from: ParsedPhone): void {
  if (ctx.engine.behaviour.unrentedFrom === 'accept') return;
  const wanted = from.international.slice(1);
  if (account.virtualNumbers.some((v) => v.number === wanted)) return;
  const rented = account.virtualNumbers.map((v) => v.number);
  throw fail(
    44,
    `Émetteur invalide : le numéro virtuel ${wanted} n'est pas loué par ce compte (${
      rented.length ? `numéros loués : ${rented.join(', ')}` : 'aucun numéro loué'
    })`,
  );
}

function vnSend(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine, params } = ctx;
  const to = str(params, 'to');
  if (!to) throw fail(2, 'Le numéro de téléphone est requis');
  const violations: Violation[] = [];
  const phone = readPhone(engine, to, 'to', violations);
  const from = str(params, 'from');
  const fromPhone = from ? readPhone(engine, from, 'from', []) : undefined;
  if (!from) {
    violations.push({ elementId: field('from'), message: 'Le numéro virtuel est requis' });
  } else if (!fromPhone) {
    violations.push({
      elementId: field('from'),
      message: `Le numéro virtuel n'est pas valide (${from})`,
    });
  }
  const wire = readMessage(params, violations);
  const tag = readTag(params, violations);
  throwIfViolations(violations);
  if (fromPhone && !fromPhone.placeholder) checkRented(ctx, account, fromPhone);
  const stopMention = flag(params, 'isStopSms') || account.marketing;
  const { text, segments } = measure(wire, { unicode: false, stopMention, range: 'premium' });
  const [kept] = filterStopped(ctx, account, [phone as ParsedPhone]);
  const sandbox = flag(params, 'sandbox');
  const costMilli = priceMilli(
    engine,
    engine.behaviour.pricing.premium,
    segments,
    kept as ParsedPhone,
  );
  const recipient = newRecipient(
    kept as ParsedPhone,
    wire,
    text,
    segments,
    costMilli,
    sandbox,
    ctx.now,
  );
  const { messageId } = commit(ctx, account, 'vn/send', {
    recipients: [recipient],
    costMilli,
    sandbox,
    range: 'premium',
    unicode: false,
    stopMention,
    schedule: undefined,
    common: { tag, from: from?.replace(/^\+/, ''), ...urls(params) },
  });
  return {
    success: true,
    code: 200,
    message_id: messageId,
    nb_sms: segments,
    cost: fromMilli(costMilli),
    currency: 'EUR',
  };
}

export const sendRoutes: Route[] = [
  { name: 'send', paths: ['/v1/send'], methods: ['POST'], handler: send, errorKey: 'errors' },
  { name: 'bulk-send', paths: ['/v1/bulk-send'], methods: ['POST'], handler: bulkSend },
  {
    name: 'vn/send',
    paths: ['/v1/vn/send'],
    methods: ['POST'],
    handler: vnSend,
    errorKey: 'errors',
  },
];

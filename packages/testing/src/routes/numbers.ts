/**
 * Long numbers and number verification: `vn/callforward` (spec §2.15), `hlr/notify` and `lookup`
 * (spec §2.16), with the HLR result POSTed to `notifyUrl` (spec §4.3).
 */
import { randomUUID } from 'node:crypto';
import { fail, field, MESSAGES, ValidationError, type Violation } from '../internal/api-error.js';
import type { Engine } from '../internal/engine.js';
import { describeForLookup } from '../internal/lookup-format.js';
import { fromMilli } from '../internal/money.js';
import { int, str } from '../internal/params.js';
import { utcMillisIso } from '../internal/paris-time.js';
import { type ParsedPhone, parsePhone } from '../internal/phone.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { invalidPhoneMessage, MAX_RECIPIENTS } from './send-common.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function callForward(ctx: Ctx) {
  // On this page 10 is "key required" as well as "invalid key".
  const account = authenticate(ctx, { missing: 10, invalid: 10 });
  const number = str(ctx.params, 'number');
  if (!number) throw fail(5, 'Le numéro virtuel est requis');
  const type = int(ctx.params, 'type');
  if (type === undefined) throw fail(6, 'Le type est requis');
  if (type !== 0 && type !== 1 && type !== 2) throw fail(7, 'Type invalide (0, 1 ou 2)');
  const param = str(ctx.params, 'param') ?? '';
  if (type !== 0 && !param) throw fail(8, 'Le paramètre param est requis');
  if (type === 2 && !EMAIL.test(param)) throw fail(9, "L'e-mail n'est pas valide");
  if (type === 1 && !parsePhone(param, false))
    throw fail(12, "Le numéro de renvoi n'est pas valide");
  const vn = account.virtualNumbers.find((v) => v.number === number.replace(/^\+/, ''));
  if (!vn) throw fail(13, 'Numéro virtuel inconnu');
  if (!vn.callForwardEnabled) throw fail(14, "Le renvoi d'appel n'est pas activé sur ce numéro");
  if (vn.disabled) throw fail(15, 'Ce numéro est désactivé');
  if (type === 1 && vn.forwardType === 1 && vn.forwardParam === param) {
    throw fail(16, "Le renvoi d'appel est déjà activé");
  }
  if (type === 2 && vn.forwardType === 2 && vn.forwardParam === param) {
    throw fail(17, 'La messagerie vocale est déjà activée');
  }
  if (type === 0 && vn.forwardType === 0) throw fail(18, "Le renvoi d'appel est déjà désactivé");
  vn.forwardType = type;
  vn.forwardParam = param;
  const message =
    type === 0 ? 'Callforward disabled' : type === 1 ? 'Callforward enabled' : 'Voicemail enabled';
  // Success with `code: 2`, as documented.
  return { success: true, code: 2, message };
}

/** Splits `phoneNumbers`; code 3 when another separator than a comma is used. */
function numbersOf(ctx: Ctx): string[] {
  const raw = ctx.params.phoneNumbers;
  const list = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string' || typeof raw === 'number'
      ? String(raw).split(',')
      : [];
  const items = list.filter((n) => n.trim() !== '');
  if (items.length === 0) throw fail(2, 'Le numéro de téléphone est requis');
  if (items.some((n) => /[;|]|\S\s+\S/.test(n.trim()))) {
    throw fail(3, 'Les numéros doivent être séparés par des virgules');
  }
  if (items.length > MAX_RECIPIENTS) throw fail(50, 'Maximum 500 numéros par requête');
  return items;
}

/** HLR verdict of a number, from the outcome rules (undelivered numbers are unknown subscribers). */
function hlrResult(engine: Engine, phone: ParsedPhone) {
  const rule = engine.outcomeFor(phone.international);
  const failed = rule?.status === 'not delivered' || rule?.status === 'ko';
  return failed
    ? { errorGrpId: 1, errorName: 'UNKNOWN_SUBSCRIBER', errorDesc: 'Unknown Subscriber' }
    : { errorGrpId: 0, errorName: 'NO_ERROR', errorDesc: 'No Error' };
}

function hlrNotify(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine } = ctx;
  const inputs = numbersOf(ctx);
  const violations: Violation[] = [];
  const phones: ParsedPhone[] = [];
  for (const input of inputs) {
    const phone = parsePhone(input, engine.behaviour.acceptPlaceholders);
    // HLR wants international numbers with `+` (spec §1.5).
    if (!phone || (!phone.placeholder && !input.trim().startsWith('+'))) {
      violations.push({
        elementId: field('phoneNumbers'),
        message: invalidPhoneMessage(input.trim()),
      });
    } else {
      phones.push(phone);
    }
  }
  const tag = str(ctx.params, 'tag');
  if (tag !== undefined && tag.length > 20) {
    violations.push({ elementId: field('tag'), message: 'Le tag est limité à 20 caractères' });
  }
  if (violations.length) throw new ValidationError(violations);
  const costMilli = Math.round(engine.behaviour.pricing.hlr * 1000) * phones.length;
  if (costMilli > account.balanceMilli) throw fail(11, MESSAGES.credit);
  account.balanceMilli -= costMilli;
  engine.store.hlrCampaigns += 1;
  const campaignId = `HLR${String(engine.store.hlrCampaigns).padStart(6, '0')}`;
  const notifyUrl = str(ctx.params, 'notifyUrl');
  if (notifyUrl) {
    const at = ctx.now.getTime() + engine.behaviour.hlrDelayMs;
    for (const phone of phones) {
      engine.scheduler.schedule(at, `hlr ${campaignId}`, () => {
        const payload = {
          phone: phone.international,
          messageId: randomUUID(),
          mccMnc: phone.prefix === '33' ? '20801' : '',
          ported: 0,
          ...hlrResult(engine, phone),
          date: utcMillisIso(engine.scheduler.now()),
        };
        return engine.callbacks.send('hlr', notifyUrl, payload, engine.behaviour.callbackEncoding, {
          messageId: campaignId,
          phoneNumber: phone.international,
        });
      });
    }
  }
  return {
    success: true,
    code: 200,
    campaign_id: campaignId,
    number: phones.length,
    cost: fromMilli(costMilli),
    currency: 'EUR',
  };
}

function lookup(ctx: Ctx) {
  authenticate(ctx);
  const raw = ctx.params.phoneNumbers;
  // `request` echoes each item untrimmed, as the documented " +212..." entry shows.
  const items = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.split(',')
      : [];
  if (items.every((i) => i.trim() === '')) throw fail(2, 'Le numéro de téléphone est requis');
  if (items.length > MAX_RECIPIENTS) throw fail(50, 'Maximum 500 numéros par requête');
  const results = items.map((request) => {
    // The documented failure is " +212666123456" (a valid number after a space): surrounding
    // spaces fail the item, as in the captured response.
    const phone =
      request === request.trim()
        ? parsePhone(request, ctx.engine.behaviour.acceptPlaceholders)
        : undefined;
    if (!phone) {
      return {
        request,
        success: false,
        message: "Le numéro de téléphone est vide ou n'est pas valide.",
      };
    }
    const { countryCode, prefixCode, type, network, format } = describeForLookup(phone);
    // Key order of the live answer (Go SDK capture `lookup.json`).
    return {
      request,
      success: true,
      countryCode,
      prefixCode,
      phoneNumber: phone.international,
      type,
      network,
      format,
    };
  });
  return { success: true, code: 200, lookup: results };
}

export const numberRoutes: Route[] = [
  {
    name: 'vn/callforward',
    paths: ['/v1/vn/callforward'],
    methods: ['POST'],
    handler: callForward,
  },
  {
    name: 'hlr/notify',
    paths: ['/v1/hlr/notify'],
    methods: ['POST'],
    handler: hlrNotify,
    rateLimit: 'hlr/notify',
  },
  {
    name: 'lookup',
    paths: ['/v1/lookup'],
    methods: ['POST'],
    handler: lookup,
    rateLimit: 'lookup',
  },
];

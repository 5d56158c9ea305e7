/**
 * `GET /v1/me` (credits, spec §2.1) and `GET /v1/statistics/cost-resume` (spec §2.11).
 */
import { field, ValidationError } from '../internal/api-error.js';
import type { Engine } from '../internal/engine.js';
import { milliString } from '../internal/money.js';
import { str } from '../internal/params.js';
import { parisParts, parisWallToInstant } from '../internal/paris-time.js';
import type { AccountState } from '../internal/state.js';
import { authenticate, type Ctx, type Route } from './context.js';

/** Credit counts derive from the money balance, as the documented example's numbers show. */
export function credits(engine: Engine, account: AccountState) {
  const p = engine.behaviour.pricing;
  const per = (euros: number) =>
    euros > 0 ? Math.floor(account.balanceMilli / Math.round(euros * 1000)) : 0;
  const balance = milliString(account.balanceMilli);
  const eco = per(p.eco);
  const key = engine.behaviour.lowCostCreditKey;
  return {
    creditSms: per(p.premium),
    ...(key === 'creditSmsECO' || key === 'both' ? { creditSmsECO: eco } : {}),
    ...(key === 'creditSmsLowCost' || key === 'both' ? { creditSmsLowCost: eco } : {}),
    creditHlr: per(p.hlr),
    toSend: engine.toSend(account),
    solde: balance,
    currency: 'EUR',
    balance,
  };
}

function me(ctx: Ctx) {
  const account = authenticate(ctx);
  return {
    success: true,
    code: 200,
    // The live answer (Go SDK capture) has only `username`; names appear when the seed has them.
    user: {
      username: account.username,
      ...(account.firstname === undefined ? {} : { firstname: account.firstname }),
      ...(account.lastname === undefined ? {} : { lastname: account.lastname }),
    },
    credits: credits(ctx.engine, account),
  };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function parseDayMonthYear(
  text: string | undefined,
): { y: number; m: number; d: number } | undefined {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text ?? '');
  if (!match) return undefined;
  return { d: Number(match[1]), m: Number(match[2]), y: Number(match[3]) };
}

function costResume(ctx: Ctx) {
  const account = authenticate(ctx);
  const interval = str(ctx.params, 'interval');
  const now = parisParts(ctx.now);
  let months: { y: number; m: number }[] = [];
  let fromMs = Number.NEGATIVE_INFINITY;
  let toMs = Number.POSITIVE_INFINITY;
  const back = (k: number) => {
    const index = now.year * 12 + (now.month - 1) - k;
    return { y: Math.floor(index / 12), m: (index % 12) + 1 };
  };
  if (interval === 'last_month') {
    months = [back(1)];
  } else if (interval === 'last_twelve_months') {
    months = Array.from({ length: 12 }, (_, i) => back(11 - i));
  } else if (interval === 'custom') {
    const from = parseDayMonthYear(str(ctx.params, 'from'));
    const to = parseDayMonthYear(str(ctx.params, 'to'));
    const violations = [];
    if (!from)
      violations.push({
        elementId: field('from'),
        message: 'La date de début (JJ-MM-AAAA) est requise',
      });
    if (!to)
      violations.push({
        elementId: field('to'),
        message: 'La date de fin (JJ-MM-AAAA) est requise',
      });
    if (!from || !to) throw new ValidationError(violations);
    fromMs = parisWallToInstant(from.y, from.m, from.d).getTime();
    toMs = parisWallToInstant(to.y, to.m, to.d + 1).getTime();
    for (let index = from.y * 12 + from.m - 1; index <= to.y * 12 + to.m - 1; index++) {
      months.push({ y: Math.floor(index / 12), m: (index % 12) + 1 });
    }
  } else {
    throw new ValidationError([
      {
        elementId: field('interval'),
        message: "L'intervalle doit valoir last_month, last_twelve_months ou custom",
      },
    ]);
  }
  const datas = months.map(({ y, m }) => {
    const start = parisWallToInstant(y, m, 1).getTime();
    const end = parisWallToInstant(y, m + 1, 1).getTime();
    let costMilli = 0;
    let sent = 0;
    for (const message of ctx.engine.store.messages) {
      if (message.accountId !== account.id || message.sandbox) continue;
      const at = message.sendAt.getTime();
      if (at < start || at >= end || at < fromMs || at >= toMs) continue;
      for (const r of message.recipients) {
        if (r.status === 'scheduled' || r.status === 'cancelled') continue;
        costMilli += Math.round(r.cost * 1000);
        sent += r.segments;
      }
    }
    return {
      month: MONTHS[m - 1],
      year: String(y),
      m: String(m).padStart(2, '0'),
      date: Math.floor(start / 1000),
      type: 'month',
      cost: milliString(costMilli),
      nb_send: String(sent),
    };
  });
  // The documented example has no `code` field.
  return { success: true, datas };
}

export const accountRoutes: Route[] = [
  { name: 'me', paths: ['/v1/me'], methods: ['GET'], handler: me },
  {
    name: 'statistics/cost-resume',
    paths: ['/v1/statistics/cost-resume'],
    methods: ['GET'],
    handler: costResume,
    rateLimit: 'statistics/cost-resume',
  },
];

/**
 * Validation and accounting shared by the send endpoints (send, bulk-send, vn/send, survey, RCS).
 */
import { fail, field, MESSAGES, ValidationError, type Violation } from '../internal/api-error.js';
import { analyze, decodeWireText, quietHours, scheduledInstant } from '../internal/core-bridge.js';
import type { Engine } from '../internal/engine.js';
import { flag, has, int, type Params, str } from '../internal/params.js';
import { frenchDateAndTime, parisDateTime } from '../internal/paris-time.js';
import { type ParsedPhone, parsePhone } from '../internal/phone.js';
import type { AccountState } from '../internal/state.js';
import type { Ctx } from './context.js';

export const MAX_RECIPIENTS = 500;
export const MAX_PARTS = 10;

export const invalidPhoneMessage = (input: string) =>
  `Ce numero de telephone n'est pas valide (${input})`;

/** Parses one recipient, adding a violation when invalid. */
export function readPhone(
  engine: Engine,
  input: string,
  element: string,
  violations: Violation[],
): ParsedPhone | undefined {
  const phone = parsePhone(input, engine.behaviour.acceptPlaceholders);
  if (!phone) violations.push({ elementId: field(element), message: invalidPhoneMessage(input) });
  return phone;
}

/** `sender`: 3 to 11 letters, digits or spaces (spec §2.2). */
export function readSender(params: Params, violations: Violation[]): string | undefined {
  const sender = str(params, 'sender');
  if (sender === undefined) return undefined;
  if (sender.length < 3 || sender.length > 11) {
    violations.push({
      elementId: field('sender'),
      message: "L'émetteur doit contenir entre 3 et 11 caractères",
    });
  } else if (!/^[A-Za-z0-9 ]+$/.test(sender)) {
    violations.push({
      elementId: field('sender'),
      message: "L'émetteur ne doit pas contenir de caractères spéciaux",
    });
  }
  return sender;
}

/** `tag`: up to 20 characters without spaces. Upper case is accepted (tolerant). */
export function readTag(params: Params, violations: Violation[]): string | undefined {
  const tag = str(params, 'tag');
  if (tag === undefined) return undefined;
  if (tag.length > 20 || /\s/.test(tag)) {
    violations.push({
      elementId: field('tag'),
      message: 'Le tag doit contenir 20 caractères maximum, sans espace',
    });
  }
  return tag;
}

/** `gamme` (or `range`, the EN page's name): 1 premium (default), 2 low cost. */
export function readRange(
  params: Params,
  account: AccountState,
  violations: Violation[],
): 'premium' | 'eco' {
  const name = has(params, 'gamme') ? 'gamme' : 'range';
  const value = int(params, name);
  if (value === undefined || value === 1) return 'premium';
  if (value === 2) {
    if (!account.lowCost) throw fail(51, "La gamme Low Cost n'est pas autorisée pour ce compte");
    return 'eco';
  }
  violations.push({
    elementId: field(name),
    message: 'La gamme doit valoir 1 (Premium) ou 2 (Low Cost)',
  });
  return 'premium';
}

export function readUnicode(
  params: Params,
  account: AccountState,
  violations: Violation[],
): boolean {
  const unicode = flag(params, 'isUnicode');
  if (unicode && !account.unicode) {
    violations.push({
      elementId: field('isUnicode'),
      message: "Le mode Unicode n'est pas activé sur votre compte",
    });
  }
  return unicode;
}

export interface Schedule {
  instant: Date;
  /** `2018-08-18 20:00:00`, echoed in the send response. */
  display: string;
}

/**
 * `scheduledDeliveryDate` (`dd/MM/yyyy`) + `time` + `minute`, Europe/Paris wall time.
 * Missing hour/minute and past dates are code-9 violations as the send page says, listed in the
 * live answer's order (Go SDK capture `send_sms_error.json`): the date, then `minute`, then
 * `time`. A missing hour or minute counts as 0 for the past-date check, so a past day is reported
 * even then, as live. A malformed date, a minute out of range or not a multiple of 5 use codes 49,
 * 47 and 48 of the error table.
 */
export function readSchedule(ctx: Ctx, violations: Violation[]): Schedule | undefined {
  const date = str(ctx.params, 'scheduledDeliveryDate');
  if (date === undefined) return undefined;
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const day = Number(match?.[1]);
  const month = Number(match?.[2]);
  const year = Number(match?.[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!match || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw fail(49, `Date invalide (${date}) : format attendu jj/mm/aaaa`);
  }
  const hour = int(ctx.params, 'time');
  const minute = int(ctx.params, 'minute');
  const hourValid = hour !== undefined && hour >= 0 && hour <= 23;
  if (minute !== undefined && !(minute >= 0 && minute <= 59)) {
    throw fail(47, 'Valeur de minute invalide');
  }
  if (minute !== undefined && minute % 5 !== 0) {
    throw fail(48, 'Les minutes doivent être comprises entre 0 et 55, par pas de 5');
  }
  const at =
    hour === undefined || hourValid ? scheduledInstant(date, hour ?? 0, minute ?? 0) : undefined;
  if (at && at.getTime() < ctx.now.getTime()) {
    violations.push({
      elementId: field('scheduledDeliveryDate'),
      message: `La date (${frenchDateAndTime({ year, month, day, hour, minute })}) est antérieure à la date actuelle`,
    });
  }
  if (minute === undefined) {
    violations.push({ elementId: field('minute'), message: "La minute d'envoi est requise" });
  }
  if (hour === undefined) {
    violations.push({ elementId: field('time'), message: "L'heure d'envoi est requise" });
  } else if (!hourValid) {
    violations.push({
      elementId: field('time'),
      message: "L'heure d'envoi doit être comprise entre 0 et 23",
    });
  }
  if (!at || hour === undefined || minute === undefined) return undefined;
  return { instant: at, display: parisDateTime(at) };
}

export function throwIfViolations(violations: Violation[]): void {
  if (violations.length > 0) throw new ValidationError(violations);
}

/** Segments of one message text, with the 10-part (52) and low-cost 160 (42) limits. */
export function measure(
  wireText: string,
  options: { unicode: boolean; stopMention: boolean; range: 'premium' | 'eco' },
): { text: string; segments: number } {
  const text = decodeWireText(wireText);
  const analysis = analyze(text, options);
  if (options.range === 'eco' && analysis.segments > 1) {
    throw fail(42, 'Les SMS Low Cost sont limités à 160 caractères');
  }
  if (analysis.segments > MAX_PARTS) {
    throw fail(52, 'Un SMS concaténé ne peut pas dépasser 10 SMS');
  }
  return { text, segments: analysis.segments };
}

/** Milli-euros of `units` priced units to `phone`; code 13 when the destination has no price. */
export function priceMilli(
  engine: Engine,
  unitEuros: number,
  units: number,
  phone: ParsedPhone,
): number {
  const destinations = engine.behaviour.pricing.destinations;
  let multiplier = 1;
  for (const [prefix, value] of Object.entries(destinations)) {
    if (phone.international.startsWith(prefix.startsWith('+') ? prefix : `+${prefix}`)) {
      if (value === null) throw fail(13, 'Pas de prix par défaut pour ces numéros');
      multiplier = value;
      break;
    }
  }
  return Math.round(unitEuros * 1000 * units * multiplier);
}

/** Code 11 unless the account can pay (sandbox never pays). */
export function ensureCredit(account: AccountState, costMilli: number, sandbox: boolean): void {
  if (!sandbox && costMilli > account.balanceMilli) throw fail(11, MESSAGES.credit);
}

/**
 * Applies the account's quiet-hours mode to a send instant: `hold` moves it to the next window,
 * `refuse` throws 22 (time of day) or 23 (Sunday or public holiday), `off` leaves it.
 */
export function applyQuietHours(
  account: AccountState,
  sendAt: Date,
  sandbox: boolean,
): { sendAt: Date; held: boolean } {
  if (account.quietHours === 'off') return { sendAt, held: false };
  const verdict = quietHours(sendAt, account.quietHoursPolicy);
  if (!verdict.quiet) return { sendAt, held: false };
  if (account.quietHours === 'refuse') {
    if (verdict.dayClosed) {
      throw fail(23, "SMS marketing : date invalide, pas d'envoi le dimanche ni les jours fériés");
    }
    throw fail(22, "SMS marketing : heure d'envoi invalide, hors de la plage autorisée");
  }
  // Sandbox sends are never sent, so holding them changes nothing visible but their status date.
  if (sandbox) return { sendAt, held: false };
  return { sendAt: verdict.releaseAt, held: true };
}

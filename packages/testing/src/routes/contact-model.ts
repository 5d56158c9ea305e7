/**
 * Contact fields, views and storage shared by the contact endpoints.
 */
import { ApiError, field, type Violation } from '../internal/api-error.js';
import type { Engine } from '../internal/engine.js';
import { type Params, str } from '../internal/params.js';
import { parisIso } from '../internal/paris-time.js';
import { parsePhone } from '../internal/phone.js';
import type { AccountState, ContactState } from '../internal/state.js';
import type { Ctx } from './context.js';
import { invalidPhoneMessage } from './send-common.js';

export const TEXT_FIELDS = [
  'firstname',
  'lastname',
  'date',
  'url',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
] as const;

export const contactNotFound = () => new ApiError(404, 'Contact introuvable', 'not-found');

export type OwnedContact = ContactState & { accountId: number };

export function ownContact(ctx: Ctx, account: AccountState, id: number | undefined): OwnedContact {
  const contact = id === undefined ? undefined : ctx.engine.store.contacts.get(id);
  if (!contact || contact.accountId !== account.id) throw contactNotFound();
  return contact;
}

export function isStopped(account: AccountState, phone: string): boolean {
  return account.stopList.some((s) => s.phoneNumber === phone);
}

/** Validates contact fields; `undefined` phone means "keep" (update). */
export function readContact(
  engine: Engine,
  input: Params,
  violations: Violation[],
  requirePhone: boolean,
): { phone?: string; fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> } {
  const result: { phone?: string; fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> } =
    { fields: {} };
  const phoneInput = str(input, 'phoneNumber');
  if (phoneInput !== undefined) {
    const phone = parsePhone(phoneInput, engine.behaviour.acceptPlaceholders);
    if (phone) result.phone = phone.international;
    else
      violations.push({
        elementId: field('phoneNumber'),
        message: invalidPhoneMessage(phoneInput),
      });
  } else if (requirePhone) {
    violations.push({
      elementId: field('phoneNumber'),
      message: 'Le numéro de téléphone est requis',
    });
  }
  for (const name of TEXT_FIELDS) {
    const value = str(input, name);
    if (value === undefined) continue;
    if ((name === 'firstname' || name === 'lastname') && value.length > 32) {
      violations.push({
        elementId: field(name),
        message: `Le champ ${name} est limité à 32 caractères`,
      });
    }
    if (name === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      violations.push({
        elementId: field('date'),
        message: 'La date doit être au format AAAA-MM-JJ',
      });
    }
    if (name === 'url' && !/^https?:\/\//.test(value)) {
      violations.push({
        elementId: field('url'),
        message: "L'URL doit commencer par http:// ou https://",
      });
    }
    result.fields[name] = value;
  }
  return result;
}

export function shortUrlFor(contactId: number, url: string): string {
  return url ? `https://spartner.link/${contactId.toString(36)}` : '';
}

/** The write-side echo (`phoneNumber`, as given fields, `contactId`). */
export function writeView(contact: ContactState, shortUrlPartnr?: string) {
  return {
    phoneNumber: contact.phoneNumber,
    firstname: contact.firstname,
    lastname: contact.lastname,
    date: contact.date,
    url: contact.url,
    custom1: contact.custom1,
    custom2: contact.custom2,
    custom3: contact.custom3,
    custom4: contact.custom4,
    ...(shortUrlPartnr !== undefined ? { shortUrlPartnr } : {}),
    contactId: contact.contactId,
  };
}

/** The read-side view (`phone`, `shortUrl`, ISO `createdAt`, `stopSms`). */
export function readView(account: AccountState, contact: ContactState) {
  return {
    contactId: contact.contactId,
    phone: contact.phoneNumber,
    firstname: contact.firstname,
    lastname: contact.lastname,
    url: contact.url,
    shortUrl: contact.shortUrl,
    date: contact.date,
    custom1: contact.custom1,
    custom2: contact.custom2,
    custom3: contact.custom3,
    custom4: contact.custom4,
    createdAt: parisIso(contact.createdAt),
    stopSms: isStopped(account, contact.phoneNumber),
  };
}

export function createContact(
  ctx: Ctx,
  account: AccountState,
  groupId: number,
  phone: string,
  fields: Partial<Record<string, string>>,
): OwnedContact {
  const contactId = ctx.engine.store.nextContactId();
  const url = fields.url ?? '';
  const contact: OwnedContact = {
    contactId,
    groupId,
    phoneNumber: phone,
    firstname: fields.firstname ?? '',
    lastname: fields.lastname ?? '',
    date: fields.date ?? '',
    url,
    shortUrl: shortUrlFor(contactId, url),
    custom1: fields.custom1 ?? '',
    custom2: fields.custom2 ?? '',
    custom3: fields.custom3 ?? '',
    custom4: fields.custom4 ?? '',
    createdAt: ctx.now,
    accountId: account.id,
  };
  ctx.engine.store.contacts.set(contactId, contact);
  return contact;
}

export function inGroup(ctx: Ctx, groupId: number, phone: string): OwnedContact | undefined {
  return [...ctx.engine.store.contacts.values()].find(
    (c) => c.groupId === groupId && c.phoneNumber === phone,
  );
}

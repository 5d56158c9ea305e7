/**
 * Groups and contacts (spec §2.12), with their asymmetries: writes take `phoneNumber`, reads
 * return `phone`; group add succeeds with `code: 2`; list `total` is a string.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, fail, field, ValidationError, type Violation } from '../internal/api-error.js';
import type { Engine } from '../internal/engine.js';
import { int, obj, type Params, str } from '../internal/params.js';
import { parisIso } from '../internal/paris-time.js';
import { parsePhone } from '../internal/phone.js';
import type { AccountState, ContactState, GroupState } from '../internal/state.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { invalidPhoneMessage } from './send-common.js';

/** Contacts per page of `contact/list` ([WP]: 20). */
export const CONTACTS_PER_PAGE = 20;
const MAX_BULK_CONTACTS = 500;
const TEXT_FIELDS = [
  'firstname',
  'lastname',
  'date',
  'url',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
] as const;

const groupNotFound = () => new ApiError(404, 'Groupe introuvable', 'not-found');
const contactNotFound = () => new ApiError(404, 'Contact introuvable', 'not-found');

type OwnedGroup = GroupState & { accountId: number };
type OwnedContact = ContactState & { accountId: number };

function ownGroup(ctx: Ctx, account: AccountState, id: number | undefined): OwnedGroup {
  const group = id === undefined ? undefined : ctx.engine.store.groups.get(id);
  if (!group || group.accountId !== account.id) throw groupNotFound();
  return group;
}

function ownContact(ctx: Ctx, account: AccountState, id: number | undefined): OwnedContact {
  const contact = id === undefined ? undefined : ctx.engine.store.contacts.get(id);
  if (!contact || contact.accountId !== account.id) throw contactNotFound();
  return contact;
}

function isStopped(account: AccountState, phone: string): boolean {
  return account.stopList.some((s) => s.phoneNumber === phone);
}

function groupAdd(ctx: Ctx) {
  // This page lists 2 and 10 for the key (spec §2.12), and 1 for a missing name.
  const account = authenticate(ctx, { missing: 2, invalid: 10 });
  const name = str(ctx.params, 'name');
  if (!name) throw fail(1, 'Le nom du groupe est requis');
  const id = ctx.engine.store.nextGroupId();
  ctx.engine.store.groups.set(id, {
    id,
    name,
    createdAt: ctx.now,
    token: randomBytes(8).toString('hex'),
    accountId: account.id,
  });
  return { success: true, code: 2, name, groupId: id };
}

function groupDelete(ctx: Ctx) {
  const account = authenticate(ctx);
  const id = int(ctx.params, 'groupId');
  if (id === undefined) throw fail(1, "L'identifiant du groupe (groupId) est requis");
  const group = ownGroup(ctx, account, id);
  ctx.engine.store.groups.delete(group.id);
  for (const [contactId, contact] of ctx.engine.store.contacts) {
    if (contact.groupId === group.id) ctx.engine.store.contacts.delete(contactId);
  }
  return { success: true, code: 200 };
}

function groupList(ctx: Ctx) {
  const account = authenticate(ctx);
  const groups = [...ctx.engine.store.groups.values()]
    .filter((g) => g.accountId === account.id)
    .map((g) => ({
      id: g.id,
      name: g.name,
      createdAt: parisIso(g.createdAt),
      isSpecialFile: false,
      isLocationFile: false,
    }));
  // The documented example has no `code` here.
  return { success: true, groups };
}

/** Validates contact fields; `undefined` phone means "keep" (update). */
function readContact(
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

function shortUrlFor(contactId: number, url: string): string {
  return url ? `https://spartner.link/${contactId.toString(36)}` : '';
}

/** The write-side echo (`phoneNumber`, as given fields, `contactId`). */
function writeView(contact: ContactState, shortUrlPartnr?: string) {
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
function readView(account: AccountState, contact: ContactState) {
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

function createContact(
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

function inGroup(ctx: Ctx, groupId: number, phone: string): OwnedContact | undefined {
  return [...ctx.engine.store.contacts.values()].find(
    (c) => c.groupId === groupId && c.phoneNumber === phone,
  );
}

function contactAdd(ctx: Ctx) {
  if (Array.isArray(ctx.params.contactsList)) return contactBulkAdd(ctx);
  const account = authenticate(ctx);
  const groupId = int(ctx.params, 'groupId');
  if (groupId === undefined) throw fail(1, "L'identifiant du groupe (groupId) est requis");
  const input = obj(ctx.params, 'contact');
  if (!input || str(input, 'phoneNumber') === undefined) {
    throw fail(2, 'Les informations du contact (contact.phoneNumber) sont requises');
  }
  const group = ownGroup(ctx, account, groupId);
  const violations: Violation[] = [];
  const parsed = readContact(ctx.engine, input, violations, true);
  if (violations.length) throw new ValidationError(violations);
  if (inGroup(ctx, group.id, parsed.phone as string))
    throw fail(15, 'Ce numéro est déjà dans le groupe');
  const contact = createContact(ctx, account, group.id, parsed.phone as string, parsed.fields);
  return { success: true, code: 200, contact: writeView(contact, str(input, 'shortUrlPartnr')) };
}

function contactBulkAdd(ctx: Ctx) {
  const account = authenticate(ctx);
  const groupId = int(ctx.params, 'groupId');
  if (groupId === undefined) throw fail(1, "L'identifiant du groupe (groupId) est requis");
  const items = ctx.params.contactsList;
  if (!Array.isArray(items) || items.length === 0)
    throw fail(2, 'La liste contactsList est requise');
  if (items.length > MAX_BULK_CONTACTS) throw fail(50, 'Maximum 500 contacts par requête');
  const group = ownGroup(ctx, account, groupId);
  const errors = {
    stopSms: 0,
    invalidePhone: 0,
    duplicatePhone: 0,
    allreadyInGroupe: 0,
    urlInvalide: 0,
    dateInvalide: 0,
    empty: 0,
    unactivated: 0,
    dateInvalid: 0,
  };
  const seen = new Set<string>();
  let imported = 0;
  let updated = 0;
  const results = items.map((raw) => {
    const item = (raw !== null && typeof raw === 'object' ? raw : {}) as Params;
    const phoneNumber = str(item, 'phoneNumber') ?? '';
    if (!phoneNumber) {
      errors.empty++;
      return { success: false, code: 2, phoneNumber, message: 'Numéro vide' };
    }
    const violations: Violation[] = [];
    const parsed = readContact(ctx.engine, item, violations, true);
    if (violations.length) {
      const first = violations[0] as Violation;
      if (first.elementId === field('phoneNumber')) errors.invalidePhone++;
      else if (first.elementId === field('url')) errors.urlInvalide++;
      else if (first.elementId === field('date')) errors.dateInvalide++;
      return { success: false, code: 9, phoneNumber, message: first.message };
    }
    const phone = parsed.phone as string;
    if (seen.has(phone)) {
      errors.duplicatePhone++;
      return { success: false, code: 15, phoneNumber, message: 'Numéro en double dans la requête' };
    }
    seen.add(phone);
    if (isStopped(account, phone)) {
      errors.stopSms++;
      return { success: false, code: 14, phoneNumber, message: 'Numéro dans la liste STOP' };
    }
    const existing = inGroup(ctx, group.id, phone);
    if (existing) {
      Object.assign(existing, parsed.fields);
      updated++;
      return { success: true, code: 200, phoneNumber, message: 'Contact mis à jour' };
    }
    createContact(ctx, account, group.id, phone, parsed.fields);
    imported++;
    return { success: true, code: 200, phoneNumber, message: 'Contact ajouté' };
  });
  // Documented shape ([DRAFT], Medium): no `success`/`code` at the top level.
  return {
    groupe: { name: group.name, token: group.token },
    results,
    rapport: { nbline: items.length, nbline_imported: imported, nbline_updated: updated, errors },
  };
}

function contactUpdate(ctx: Ctx) {
  const account = authenticate(ctx);
  const contactId = int(ctx.params, 'contactId');
  if (contactId === undefined) throw fail(1, "L'identifiant du contact (contactId) est requis");
  const input = obj(ctx.params, 'contact');
  if (!input) throw fail(2, 'Les informations du contact (contact) sont requises');
  const contact = ownContact(ctx, account, contactId);
  const violations: Violation[] = [];
  const parsed = readContact(ctx.engine, input, violations, false);
  if (violations.length) throw new ValidationError(violations);
  if (
    parsed.phone &&
    parsed.phone !== contact.phoneNumber &&
    inGroup(ctx, contact.groupId, parsed.phone)
  ) {
    throw fail(15, 'Ce numéro est déjà dans le groupe');
  }
  if (parsed.phone) contact.phoneNumber = parsed.phone;
  Object.assign(contact, parsed.fields);
  if (parsed.fields.url !== undefined)
    contact.shortUrl = shortUrlFor(contact.contactId, contact.url);
  return { success: true, code: 200, contact: writeView(contact) };
}

function contactDelete(ctx: Ctx) {
  const account = authenticate(ctx);
  const contactId = int(ctx.params, 'contactId');
  if (contactId === undefined) throw fail(1, "L'identifiant du contact (contactId) est requis");
  const contact = ownContact(ctx, account, contactId);
  ctx.engine.store.contacts.delete(contact.contactId);
  return { success: true, code: 200 };
}

function contactList(ctx: Ctx) {
  const account = authenticate(ctx);
  const groupId = int(ctx.params, 'groupId');
  if (groupId === undefined) throw fail(1, "L'identifiant du groupe (groupId) est requis");
  const group = ownGroup(ctx, account, groupId);
  const page = Math.max(1, int(ctx.params, 'page') || 1);
  const all = [...ctx.engine.store.contacts.values()].filter((c) => c.groupId === group.id);
  return {
    success: true,
    code: 200,
    currentPage: page,
    total: String(all.length),
    datas: all
      .slice((page - 1) * CONTACTS_PER_PAGE, page * CONTACTS_PER_PAGE)
      .map((c) => readView(account, c)),
  };
}

function contactDetail(ctx: Ctx) {
  const account = authenticate(ctx);
  const contactId = int(ctx.params, 'contactId');
  if (contactId === undefined) throw fail(1, "L'identifiant du contact (contactId) est requis");
  const contact = ownContact(ctx, account, contactId);
  return {
    success: true,
    code: 200,
    contact: { ...readView(account, contact), groupId: contact.groupId },
  };
}

export const contactRoutes: Route[] = [
  { name: 'group/add', paths: ['/v1/group/add'], methods: ['POST'], handler: groupAdd },
  {
    name: 'groupe/delete',
    // French spelling as documented; the English one is accepted too (tolerant).
    paths: ['/v1/groupe/delete', '/v1/group/delete'],
    methods: ['POST', 'DELETE'],
    handler: groupDelete,
  },
  { name: 'group/list', paths: ['/v1/group/list'], methods: ['GET'], handler: groupList },
  { name: 'contact/add', paths: ['/v1/contact/add'], methods: ['POST'], handler: contactAdd },
  {
    name: 'contact/multiple/add',
    paths: ['/v1/contact/multiple/add'],
    methods: ['POST'],
    handler: contactBulkAdd,
  },
  {
    name: 'contact/update',
    paths: ['/v1/contact/update'],
    methods: ['POST'],
    handler: contactUpdate,
  },
  {
    name: 'contact/delete',
    paths: ['/v1/contact/delete'],
    methods: ['POST', 'DELETE'],
    handler: contactDelete,
  },
  {
    name: 'contact/list',
    paths: ['/v1/contact/list'],
    methods: ['GET', 'POST'],
    handler: contactList,
  },
  {
    name: 'contact/detail',
    paths: ['/v1/contact/detail'],
    methods: ['GET'],
    handler: contactDetail,
  },
];

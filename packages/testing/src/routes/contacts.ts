/**
 * Contacts (spec §2.12), with their asymmetries: writes take `phoneNumber`, reads return
 * `phone`; list `total` is a string; bulk add answers a report without `success`.
 */
import { fail, ValidationError, type Violation } from '../internal/api-error.js';
import { int, obj, str } from '../internal/params.js';
import {
  createContact,
  inGroup,
  ownContact,
  readContact,
  readView,
  shortUrlFor,
  writeView,
} from './contact-model.js';
import { contactBulkAdd } from './contacts-bulk.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { ownGroup } from './groups.js';

/** Contacts per page of `contact/list` ([WP]: 20). */
export const CONTACTS_PER_PAGE = 20;

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

/**
 * Bulk contact import (spec §2.12): `/v1/contact/multiple/add`, or `contactsList` on
 * `/v1/contact/add`. Up to 500 contacts; the answer is a report without `success`/`code`.
 */
import { fail, field, type Violation } from '../internal/api-error.js';
import { int, type Params, str } from '../internal/params.js';
import { createContact, inGroup, isStopped, readContact } from './contact-model.js';
import { authenticate, type Ctx } from './context.js';
import { ownGroup } from './groups.js';

const MAX_BULK_CONTACTS = 500;

export function contactBulkAdd(ctx: Ctx) {
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

import type { Contact } from '../resources/contacts.js';
import { type ApiRecord, asRecord, pick, toBoolean, toId, toText } from './coerce.js';
import { toDate } from './dates.js';
import { isoDay, readDay } from './dates-input.js';
import { checkPhone, checkUrl, type Issues } from './validate.js';

/** A contact from an answer (the API reads `phone` where it writes `phoneNumber`). */
export function readContact(value: unknown): Contact {
  const record = asRecord(value);
  return {
    contactId: toId(pick(record, 'contactId', 'id')) ?? '',
    phoneNumber: toText(pick(record, 'phone', 'phoneNumber')) ?? '',
    firstName: toText(record.firstname),
    lastName: toText(record.lastname),
    date: toText(record.date) || undefined,
    url: toText(record.url) || undefined,
    shortUrl: toText(record.shortUrl) || undefined,
    custom1: toText(record.custom1),
    custom2: toText(record.custom2),
    custom3: toText(record.custom3),
    custom4: toText(record.custom4),
    createdAt: toDate(record.createdAt),
    stopSms: toBoolean(record.stopSms),
    groupId: toId(record.groupId),
  };
}

/** A contact's request fields, validated. */
export function contactBody(
  issues: Issues,
  field: string,
  input: unknown,
  requirePhone: boolean,
): ApiRecord {
  const contact = asRecord(input);
  if (input === null || typeof input !== 'object') {
    issues.add(
      field,
      'must be an object.',
      `pass ${field}: { phoneNumber: '0612345678', firstName: 'Anne' }.`,
    );
    return {};
  }
  const body: ApiRecord = {};
  if (contact.phoneNumber !== undefined || requirePhone) {
    body.phoneNumber = checkPhone(issues, `${field}.phoneNumber`, contact.phoneNumber);
  }
  for (const [key, apiKey] of [
    ['firstName', 'firstname'],
    ['lastName', 'lastname'],
  ] as const) {
    const value = contact[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 32) {
      issues.add(`${field}.${key}`, 'must be a string of at most 32 characters.', 'shorten it.');
    } else body[apiKey] = value;
  }
  if (contact.date !== undefined) {
    const day = readDay(issues, `${field}.date`, contact.date);
    if (day) body.date = isoDay(day);
  }
  if (contact.url !== undefined) body.url = checkUrl(issues, `${field}.url`, contact.url);
  for (const key of ['custom1', 'custom2', 'custom3', 'custom4', 'shortUrlPartnr'] as const) {
    const value = contact[key];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      issues.add(`${field}.${key}`, 'must be a string.', `pass ${key} as text.`);
    else body[key] = value;
  }
  return body;
}

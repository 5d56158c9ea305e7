import {
  asArray,
  asRecord,
  numericId,
  pick,
  toBoolean,
  toNumber,
  toText,
} from '../internal/coerce.js';
import { contactBody, readContact } from '../internal/contact-fields.js';
import type { ClientContext } from '../internal/context.js';
import { checkPositiveInteger, Issues, requireId } from '../internal/validate.js';
import type { DayInput, RequestOptions } from '../options.js';

/** A contact to add or update. */
export interface ContactInput {
  /** The contact's number (French national or international). Required on add. */
  phoneNumber?: string;
  /** At most 32 characters. */
  firstName?: string;
  /** At most 32 characters. */
  lastName?: string;
  /** A date for birthday automations (`date`): a `Date` read in Paris, or `'YYYY-MM-DD'`. */
  date?: DayInput;
  /** A link to insert in messages; must start with http:// or https://. */
  url?: string;
  /** Free fields usable in messages. */
  custom1?: string;
  /** Second free field (`custom2`). */
  custom2?: string;
  /** Third free field (`custom3`). */
  custom3?: string;
  /** Fourth free field (`custom4`). */
  custom4?: string;
  /** SMS Partner's short-link field (`shortUrlPartnr`), undocumented; passed as is. */
  shortUrlPartnr?: string;
}

/** A contact as SMS Partner returns it. */
export interface Contact {
  /** The contact's id. */
  contactId: string;
  /** The number (the API writes `phoneNumber`, reads `phone`; both are read). */
  phoneNumber: string;
  /** First name. */
  firstName: string | undefined;
  /** Last name. */
  lastName: string | undefined;
  /** The birthday-automation date, `'YYYY-MM-DD'` (a calendar day, not an instant). */
  date: string | undefined;
  /** The link stored for the contact. */
  url: string | undefined;
  /** SMS Partner's short link for `url`. */
  shortUrl: string | undefined;
  /** Free field `custom1`. */
  custom1: string | undefined;
  /** Free field `custom2`. */
  custom2: string | undefined;
  /** Free field `custom3`. */
  custom3: string | undefined;
  /** Free field `custom4`. */
  custom4: string | undefined;
  /** When the contact was created. */
  createdAt: Date | undefined;
  /** Whether the contact opted out. */
  stopSms: boolean | undefined;
  /** The contact's group, when the answer says. */
  groupId: string | undefined;
}

/** Result of {@link ContactsResource.addMany}. */
export interface AddContactsResult {
  /** One outcome per contact sent. */
  results: Array<{
    success: boolean;
    code: number | undefined;
    phoneNumber: string;
    message: string | undefined;
  }>;
  /** SMS Partner's summary (`rapport`). */
  report: {
    lines: number | undefined;
    imported: number | undefined;
    updated: number | undefined;
    /** Counts per problem (`stopSms`, `invalidePhone`, `duplicatePhone`, …) as SMS Partner names them. */
    errors: Record<string, number>;
  };
  /** The answer as parsed. */
  raw: unknown;
}

/** One page of {@link ContactsResource.list}. */
export interface ContactPage {
  /** The contacts of this page. */
  contacts: Contact[];
  /** The page returned, from 1. */
  page: number;
  /** Contacts in the group across all pages. */
  total: number;
  /** The answer as parsed. */
  raw: unknown;
}

/** Contacts in groups. */
export class ContactsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Adds a contact to a group (`POST /v1/contact/add`); a number already in the group gives an
   * API error (code 15).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/add-contact
   * @example
   * ```ts
   * const contact = await client.contacts.add({ groupId, contact: { phoneNumber: '0612345678', firstName: 'Anne' } });
   * ```
   */
  async add(
    params: { groupId: string | number; contact: ContactInput },
    options?: RequestOptions,
  ): Promise<Contact & { raw: unknown }> {
    const issues = new Issues();
    const groupId = requireId(issues, 'groupId', params?.groupId);
    const contact = contactBody(issues, 'contact', params?.contact, true);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/contact/add',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'contact'],
        codes: { 1: 'groupId required' },
        body: { groupId: numericId(groupId!), contact },
      },
      options,
    );
    return { ...readContact(result.data.contact), raw: result.raw };
  }

  /**
   * Adds up to 500 contacts to a group in one call. The path is `/v1/contact/multiple/add`, the one
   * a maintained integration uses; the vendor's page for it could not be read.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/add-bulk-contacts
   */
  async addMany(
    params: { groupId: string | number; contacts: readonly ContactInput[] },
    options?: RequestOptions,
  ): Promise<AddContactsResult> {
    const issues = new Issues();
    const groupId = requireId(issues, 'groupId', params?.groupId);
    const list = Array.isArray(params?.contacts) ? params.contacts : [];
    if (list.length === 0 || list.length > 500) {
      issues.add(
        'contacts',
        `must hold 1 to 500 contacts; received ${list.length}.`,
        'split larger lists into calls of 500.',
      );
    }
    const contactsList = list.map((contact, index) =>
      contactBody(issues, `contacts[${index}]`, contact, true),
    );
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/contact/multiple/add',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['groupe', 'results', 'rapport'],
        body: { groupId: numericId(groupId!), contactsList },
      },
      options,
    );
    const report = asRecord(result.data.rapport);
    const errors: Record<string, number> = {};
    for (const [key, value] of Object.entries(asRecord(report.errors))) {
      const count = toNumber(value);
      if (count !== undefined) errors[key] = count;
    }
    return {
      results: asArray(result.data.results).map((item) => {
        const record = asRecord(item);
        return {
          success: toBoolean(record.success) ?? false,
          code: toNumber(record.code),
          phoneNumber: toText(record.phoneNumber) ?? '',
          message: toText(record.message),
        };
      }),
      report: {
        lines: toNumber(report.nbline),
        imported: toNumber(report.nbline_imported),
        updated: toNumber(report.nbline_updated),
        errors,
      },
      raw: result.raw,
    };
  }

  /**
   * Changes a contact (`POST /v1/contact/update`); only the fields given change.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/edit-contact
   */
  async update(
    params: { contactId: string | number; contact: ContactInput },
    options?: RequestOptions,
  ): Promise<Contact & { raw: unknown }> {
    const issues = new Issues();
    const contactId = requireId(issues, 'contactId', params?.contactId);
    const contact = contactBody(issues, 'contact', params?.contact, false);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/contact/update',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'contact'],
        codes: { 1: 'contactId required' },
        body: { contactId: numericId(contactId!), contact },
      },
      options,
    );
    return { ...readContact(result.data.contact), raw: result.raw };
  }

  /**
   * Deletes a contact (`POST /v1/contact/delete`).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/delete-contact
   */
  async delete(
    contactId: string | number,
    options?: RequestOptions,
  ): Promise<{ deleted: true; raw: unknown }> {
    const issues = new Issues();
    const id = requireId(issues, 'contactId', contactId);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/contact/delete',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code'],
        codes: { 1: 'contactId required', 404: 'contact not found' },
        body: { contactId: numericId(id!) },
      },
      options,
    );
    return { deleted: true, raw: result.raw };
  }

  /**
   * One page of a group's contacts (`GET /v1/contact/list`; 20 per page per the older docs).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/get-contact-list
   */
  async list(
    params: { groupId: string | number; page?: number },
    options?: RequestOptions,
  ): Promise<ContactPage> {
    const issues = new Issues();
    const groupId = requireId(issues, 'groupId', params?.groupId);
    const page = checkPositiveInteger(issues, 'page', params?.page);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/contact/list',
        family: 'contacts',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'currentPage', 'total', 'datas'],
        codes: { 1: 'groupId required' },
        query: { groupId, page },
      },
      options,
    );
    const contacts = asArray(pick(result.data, 'datas', 'data', 'contacts')).map(readContact);
    return {
      contacts,
      page: toNumber(result.data.currentPage) ?? page ?? 1,
      total: toNumber(result.data.total) ?? contacts.length,
      raw: result.raw,
    };
  }

  /**
   * Every contact of a group, page after page.
   * @example
   * ```ts
   * for await (const contact of client.contacts.iterate(groupId)) console.log(contact.phoneNumber);
   * ```
   */
  async *iterate(
    groupId: string | number,
    options?: RequestOptions,
  ): AsyncGenerator<Contact, void, undefined> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const result = await this.list({ groupId, page }, options);
      for (const contact of result.contacts) yield contact;
      seen += result.contacts.length;
      if (result.contacts.length === 0 || seen >= result.total) return;
    }
  }

  /**
   * One contact (`GET /v1/contact/detail`).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/get-contact-details
   */
  async get(
    contactId: string | number,
    options?: RequestOptions,
  ): Promise<Contact & { raw: unknown }> {
    const issues = new Issues();
    const id = requireId(issues, 'contactId', contactId);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/contact/detail',
        family: 'contacts',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'contact'],
        codes: { 1: 'contactId required', 404: 'contact not found' },
        query: { contactId: id },
      },
      options,
    );
    return { ...readContact(result.data.contact), raw: result.raw };
  }
}

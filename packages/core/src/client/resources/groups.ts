import { asArray, asRecord, numericId, pick, toBoolean, toId, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { toDate } from '../internal/dates.js';
import { Issues, requireId, requireText } from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** A contact group. */
export interface ContactGroup {
  /** The group's id. */
  id: string;
  /** The group's name. */
  name: string;
  /** When it was created. */
  createdAt: Date | undefined;
  /** Flags SMS Partner sets on imported and rented files. */
  isSpecialFile: boolean | undefined;
  /** Set on the files of rented contacts (see `client.rental`). */
  isLocationFile: boolean | undefined;
}

/** Contact groups (address books). */
export class GroupsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a group (`POST /v1/group/add`; SMS Partner answers `code: 2` on success).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/add-group
   * @example
   * ```ts
   * const { id } = await client.groups.create('Clients fidèles');
   * ```
   */
  async create(
    name: string,
    options?: RequestOptions,
  ): Promise<{ id: string; name: string; raw: unknown }> {
    const issues = new Issues();
    const value = requireText(issues, 'name', name, "'Clients fidèles'");
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/group/add',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'name', 'groupId'],
        codes: { 1: 'name required' },
        body: { name: value },
      },
      options,
    );
    return {
      id: toId(pick(result.data, 'groupId', 'id')) ?? '',
      name: toText(result.data.name) ?? value!,
      raw: result.raw,
    };
  }

  /**
   * Deletes a group (`/v1/groupe/delete`, French spelling). The docs' header says DELETE and
   * their example POSTs a JSON body; POST is used, as in the example.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/delete-group
   */
  async delete(
    groupId: string | number,
    options?: RequestOptions,
  ): Promise<{ deleted: true; raw: unknown }> {
    const issues = new Issues();
    const id = requireId(issues, 'groupId', groupId);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/groupe/delete',
        family: 'contacts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code'],
        codes: { 1: 'groupId required', 404: 'group not found' },
        body: { groupId: numericId(id!) },
      },
      options,
    );
    return { deleted: true, raw: result.raw };
  }

  /**
   * Every group (`GET /v1/group/list`).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-management/get-group-list
   */
  async list(options?: RequestOptions): Promise<{ groups: ContactGroup[]; raw: unknown }> {
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/group/list',
        family: 'contacts',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'groups'],
      },
      options,
    );
    const groups = asArray(result.data.groups).map((item): ContactGroup => {
      const record = asRecord(item);
      return {
        id: toId(pick(record, 'id', 'groupId')) ?? '',
        name: toText(record.name) ?? '',
        createdAt: toDate(record.createdAt),
        isSpecialFile: toBoolean(record.isSpecialFile),
        isLocationFile: toBoolean(record.isLocationFile),
      };
    });
    return { groups, raw: result.raw };
  }
}

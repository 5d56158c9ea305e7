import { asArray, asRecord, pick, toId, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { toDate } from '../internal/dates.js';
import { checkPhone, Issues, requireId } from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** One number on the STOP (opt-out) list. */
export interface StopListEntry {
  /** The entry's id, for {@link StopsResource.remove}. */
  id: string;
  /** The number, as SMS Partner stores it. */
  phoneNumber: string;
  /** When it was added. */
  createdAt: Date | undefined;
}

/** Result of {@link StopsResource.list}. */
export interface StopList {
  /** The opted-out numbers. */
  entries: StopListEntry[];
  /** The answer as parsed. */
  raw: unknown;
}

/** The STOP list: numbers that opted out and must not receive commercial SMS. */
export class StopsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Every number on the STOP list (`GET /v1/stop-sms/list`).
   * @see https://www.docpartner.dev/en/api/sms-partner/replies-opt-outs-management/stop-list
   */
  async list(options?: RequestOptions): Promise<StopList> {
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/stop-sms/list',
        family: 'stops',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'nbData', 'data'],
      },
      options,
    );
    const entries = asArray(result.data.data).map((item): StopListEntry => {
      const record = asRecord(item);
      return {
        id: toId(record.id) ?? '',
        phoneNumber: toText(pick(record, 'phoneNumber', 'number')) ?? '',
        createdAt: toDate(record.createdAt),
      };
    });
    return { entries, raw: result.raw };
  }

  /**
   * Adds a number to the STOP list (`POST /v1/stop-sms/add`); a number already there gives an
   * API error (code 3).
   * @see https://www.docpartner.dev/en/api/sms-partner/replies-opt-outs-management/add-number-to-sms-stop-list
   */
  async add(phoneNumber: string, options?: RequestOptions): Promise<{ id: string; raw: unknown }> {
    const issues = new Issues();
    const number = checkPhone(issues, 'phoneNumber', phoneNumber);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/stop-sms/add',
        family: 'stops',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'stopId'],
        codes: { 3: 'number already in the STOP list' },
        body: { phoneNumber: number },
      },
      options,
    );
    return { id: toId(pick(result.data, 'stopId', 'id')) ?? '', raw: result.raw };
  }

  /**
   * Removes an entry from the STOP list by its id (`GET /v1/stop-sms/delete`).
   * @see https://www.docpartner.dev/en/api/sms-partner/replies-opt-outs-management/remove-number-from-sms-stop-list
   */
  async remove(
    id: string | number,
    options?: RequestOptions,
  ): Promise<{ removed: true; raw: unknown }> {
    const issues = new Issues();
    const value = requireId(issues, 'id', id);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/stop-sms/delete',
        family: 'stops',
        // Deleting twice answers "not found": not retried, so the first answer is the one seen.
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code'],
        codes: { 3: 'id required' },
        query: { id: value },
      },
      options,
    );
    return { removed: true, raw: result.raw };
  }

  /**
   * Whether a number is on the STOP list (one {@link StopsResource.list} call).
   * @example
   * ```ts
   * if (await client.stops.has('0612345678')) return;
   * ```
   */
  async has(phoneNumber: string, options?: RequestOptions): Promise<boolean> {
    const issues = new Issues();
    const number = checkPhone(issues, 'phoneNumber', phoneNumber);
    issues.done();
    const { entries } = await this.list(options);
    // Entries may be stored in national form: compare normalised numbers.
    return entries.some(
      (entry) => checkPhone(new Issues(), 'phoneNumber', entry.phoneNumber) === number,
    );
  }
}

import { asArray, asRecord, pick, toId, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { toDate } from '../internal/dates.js';
import { checkPositiveInteger, Issues, requireText } from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** Parameters of {@link SubaccountsResource.create}. */
export interface CreateSubaccountParams {
  /**
   * `'simple'`: no e-mails or SMS to the holder, no purchases, e-mail optional. `'advanced'`: a
   * normal account with its own login (valid e-mail required). Permanent.
   */
  type: 'simple' | 'advanced';
  /** Holder's e-mail (required for `'advanced'`). */
  email?: string;
  /** Advanced only: whether the sub-account may buy credit itself. */
  isBuyer?: boolean;
  /** Euros moved from your balance to the new sub-account. */
  creditToAttribute?: number;
  title?: string;
  firstName?: string;
  lastName?: string;
}

/** Result of {@link SubaccountsResource.create}. */
export interface CreatedSubaccount {
  /** The sub-account's identifier for credit and deletion calls. */
  token: string;
  email: string | undefined;
  /** Where SMS Partner sent the confirmation e-mail (advanced accounts). */
  confirmationEmailTo: string | undefined;
  raw: unknown;
}

/** A sub-account in {@link SubaccountsResource.list}. */
export interface Subaccount {
  id: string;
  email: string | undefined;
  type: string | undefined;
  /** The identifier for credit and deletion calls. */
  token: string;
  /**
   * The sub-account's own API key: pass it to a new `SmsPartnerClient` to act as the sub-account.
   * A secret: the client redacts `apiKey` fields from logs and errors.
   */
  apiKey: string | undefined;
  createdAt: Date | undefined;
  balance: number | undefined;
  currency: string | undefined;
}

/** Result of the credit transfers. */
export interface CreditTransfer {
  /** Your balance after the transfer. */
  balance: number | undefined;
  /** The sub-account's balance after the transfer. */
  subaccountBalance: number | undefined;
  currency: string | undefined;
  raw: unknown;
}

/** Sub-accounts (must be activated by SMS Partner support first). */
export class SubaccountsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a sub-account (`POST /v1/subaccount/create`).
   * @see https://www.docpartner.dev/en/api/sms-partner/sub-accounts/create-sub-account
   */
  async create(
    params: CreateSubaccountParams,
    options?: RequestOptions,
  ): Promise<CreatedSubaccount> {
    const issues = new Issues();
    const input = asRecord(params);
    if (input.type !== 'simple' && input.type !== 'advanced') {
      issues.add(
        'type',
        `must be 'simple' or 'advanced'; received ${JSON.stringify(input.type)}.`,
        "pass type: 'simple'.",
      );
    }
    if (
      input.email !== undefined &&
      (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    ) {
      issues.add(
        'email',
        `${JSON.stringify(input.email)} is not an e-mail address.`,
        "pass email: 'agence@example.com'.",
      );
    }
    if (input.type === 'advanced' && input.email === undefined) {
      issues.add('email', "is required for type 'advanced'.", 'pass the holder’s e-mail.');
    }
    const credit = input.creditToAttribute;
    if (
      credit !== undefined &&
      !(typeof credit === 'number' && Number.isFinite(credit) && credit > 0)
    ) {
      issues.add(
        'creditToAttribute',
        'must be a positive number of euros.',
        'pass creditToAttribute: 10, or omit it.',
      );
    }
    issues.done();
    const parameters: Record<string, unknown> = {
      email: input.email,
      isBuyer:
        input.isBuyer === undefined
          ? input.type === 'advanced'
            ? 0
            : undefined
          : input.isBuyer
            ? 1
            : 0,
      creditToAttribute: credit,
      title: input.title,
      firstname: input.firstName,
      lastname: input.lastName,
    };
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/subaccount/create',
        family: 'subaccounts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'subaccount', 'sendConfirmMailTo', 'parent_email'],
        codes: {
          2: 'not allowed to create sub-accounts',
          3: 'isBuyer required',
          4: 'type required',
          5: 'type unknown',
          6: 'email required',
          7: 'email already exists',
          8: 'creditToAttribute must be greater than 0',
        },
        body: { type: input.type, parameters },
      },
      options,
    );
    const subaccount = asRecord(result.data.subaccount);
    return {
      token: toText(subaccount.token) ?? '',
      email: toText(subaccount.email),
      confirmationEmailTo: toText(result.data.sendConfirmMailTo),
      raw: result.raw,
    };
  }

  /**
   * Deletes a sub-account. The docs disagree on the path (`DELETE /v1/subaccount/delete` in the
   * header, `/v1/subaccount/remove` in the example); the header's, the current one, is used.
   * @see https://www.docpartner.dev/en/api/sms-partner/sub-accounts/delete-sub-account
   */
  async delete(token: string, options?: RequestOptions): Promise<{ deleted: true; raw: unknown }> {
    const issues = new Issues();
    const value = requireText(issues, 'token', token, 'the token returned by create() or list()');
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'DELETE',
        path: '/v1/subaccount/delete',
        family: 'subaccounts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code'],
        codes: { 1: 'token required', 404: 'sub-account not found' },
        body: { token: value },
      },
      options,
    );
    return { deleted: true, raw: result.raw };
  }

  /**
   * One page of sub-accounts (`GET /v1/subaccount/list`, 20 per page).
   * @see https://www.docpartner.dev/en/api/sms-partner/sub-accounts/sub-account-list
   */
  async list(
    params: { page?: number } = {},
    options?: RequestOptions,
  ): Promise<{
    subaccounts: Subaccount[];
    page: number;
    perPage: number | undefined;
    total: number;
    raw: unknown;
  }> {
    const issues = new Issues();
    const page = checkPositiveInteger(issues, 'page', params.page);
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/subaccount/list',
        family: 'subaccounts',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'total', 'nb_per_page', 'page', 'data'],
        query: { page },
      },
      options,
    );
    const subaccounts = asArray(result.data.data).map((item): Subaccount => {
      const record = asRecord(item);
      const credits = asRecord(record.credits);
      return {
        id: toId(record.id) ?? '',
        email: toText(record.email),
        type: toText(record.type),
        token: toText(record.token) ?? '',
        apiKey: toText(record.apiKey),
        createdAt: toDate(record.createdAt),
        balance: toNumber(pick(credits, 'balance', 'solde')),
        currency: toText(credits.currency),
      };
    });
    return {
      subaccounts,
      page: toNumber(result.data.page) ?? page ?? 1,
      perPage: toNumber(result.data.nb_per_page),
      total: toNumber(result.data.total) ?? subaccounts.length,
      raw: result.raw,
    };
  }

  /**
   * Moves euros from your balance to a sub-account (`POST /v1/subaccount/credit/add`).
   * Not retried once it may have reached SMS Partner: check the balances before trying again.
   * @see https://www.docpartner.dev/en/api/sms-partner/sub-accounts/manage-sub-account-credits
   */
  async addCredit(
    params: { token: string; amount: number },
    options?: RequestOptions,
  ): Promise<CreditTransfer> {
    return this.#transfer('/v1/subaccount/credit/add', params, options);
  }

  /**
   * Moves euros from a sub-account back to your balance (`POST /v1/subaccount/credit/remove`).
   * @see https://www.docpartner.dev/en/api/sms-partner/sub-accounts/manage-sub-account-credits
   */
  async removeCredit(
    params: { token: string; amount: number },
    options?: RequestOptions,
  ): Promise<CreditTransfer> {
    return this.#transfer('/v1/subaccount/credit/remove', params, options);
  }

  async #transfer(
    path: string,
    params: { token: string; amount: number },
    options: RequestOptions | undefined,
  ): Promise<CreditTransfer> {
    const issues = new Issues();
    const token = requireText(issues, 'token', params?.token, 'the sub-account token');
    const amount = params?.amount;
    if (!(typeof amount === 'number' && Number.isFinite(amount) && amount > 0)) {
      issues.add(
        'amount',
        `must be a positive number of euros; received ${String(amount)}.`,
        'pass amount: 10.',
      );
    }
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path,
        family: 'subaccounts',
        kind: 'write',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'credit', 'subaccountCredit', 'currency'],
        codes: {
          2: 'credit required',
          3: 'sub-account token required',
          4: 'not authorised',
          5: 'credit must be greater than 0',
          6: 'balance must be greater than 0',
          7: 'sub-account not found',
          8: ['insufficient credit', 'insufficient_credit'],
        },
        body: { credit: amount, tokenSubaccount: token },
      },
      options,
    );
    return {
      balance: toNumber(pick(result.data, 'credit', 'total')),
      subaccountBalance: toNumber(result.data.subaccountCredit),
      currency: toText(result.data.currency),
      raw: result.raw,
    };
  }
}

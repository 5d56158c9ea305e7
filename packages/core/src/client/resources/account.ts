import { SmsPartnerResponseError } from '../errors.js';
import { asRecord, pick, toId, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import type { RequestOptions } from '../options.js';

/** The account's credits (`GET /v1/me`, `credits`). */
export interface Credits {
  /** Premium SMS credits (`creditSms`). */
  sms: number;
  /**
   * Low Cost / ECO SMS credits: `creditSmsLowCost` in the live answer, `creditSmsECO` in the
   * current docs; either is read.
   */
  lowCostSms: number;
  /** HLR verification credits (`creditHlr`). */
  hlr: number;
  /** SMS queued and not yet sent (`toSend`). */
  pending: number;
  /** Money balance (`balance`, also `solde`; sent as a string by the API). */
  balance: number;
  /** Currency of `balance`. */
  currency: string;
}

/** The account holder (`GET /v1/me`, `user`). */
export interface AccountUser {
  /** Login e-mail. */
  username: string | undefined;
  firstname: string | undefined;
  lastname: string | undefined;
  /** Account id, when the API sends it (undocumented). */
  id: string | undefined;
}

/** Result of {@link AccountResource.me}. */
export interface Account {
  user: AccountUser;
  credits: Credits;
  /** The answer as parsed. */
  raw: unknown;
}

/** The account itself: who you are and what credit is left. */
export class AccountResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * The account holder and credits (`GET /v1/me`). Also a cheap way to check the API key.
   *
   * @throws {SmsPartnerResponseError} when the answer has no `credits` object (seen during a
   *   platform incident: spec gaps §4).
   * @see https://www.docpartner.dev/en/api/sms-partner/credits
   * @example
   * ```ts
   * const { credits } = await client.account.me();
   * console.log(`${credits.balance} ${credits.currency}, ${credits.sms} SMS`);
   * ```
   */
  async me(options?: RequestOptions): Promise<Account> {
    const endpoint = 'GET /v1/me';
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/me',
        family: 'account',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'code', 'user', 'credits'],
      },
      options,
    );
    const credits = asRecord(result.data.credits);
    if (Object.keys(credits).length === 0) {
      throw new SmsPartnerResponseError(`${endpoint} answered without a credits object.`, {
        endpoint,
        httpStatus: result.status,
      });
    }
    const user = asRecord(result.data.user);
    return {
      user: {
        username: toText(user.username),
        firstname: toText(user.firstname),
        lastname: toText(user.lastname),
        id: toId(user.id),
      },
      credits: {
        sms: toNumber(credits.creditSms) ?? 0,
        lowCostSms: toNumber(pick(credits, 'creditSmsECO', 'creditSmsLowCost')) ?? 0,
        hlr: toNumber(credits.creditHlr) ?? 0,
        pending: toNumber(credits.toSend) ?? 0,
        balance: toNumber(pick(credits, 'balance', 'solde')) ?? 0,
        currency: toText(credits.currency) ?? 'EUR',
      },
      raw: result.raw,
    };
  }

  /**
   * Only the credits of {@link AccountResource.me}.
   * @see https://www.docpartner.dev/en/api/sms-partner/credits
   */
  async credits(options?: RequestOptions): Promise<Credits> {
    return (await this.me(options)).credits;
  }
}

import { asArray, asRecord, pick, toNumber, toText } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { checkNoSandbox, checkUrl, Issues, requireText } from '../internal/validate.js';
import type { RequestOptions } from '../options.js';

/** Who to rent: the targeting of `POST /v1/location/optin`. */
export interface RentalTargeting {
  /** `'mixed'` (m), `'male'` (h) or `'female'` (f). */
  gender: 'mixed' | 'male' | 'female';
  /** At least 18. */
  minAge: number;
  /** Under 99. */
  maxAge: number;
  /** Interest id (SMS Partner's categories page; e.g. 14 "Habitation"). */
  interest: number;
  /** Sub-interest id (e.g. 35 "Cuisine"). */
  subInterest?: number;
  /** Socio-professional category: 102 (CSP+) or 103 (CSP−). */
  category?: number;
  /** Departments, e.g. `['02', '60']`. */
  departments?: readonly string[];
  /** Postcodes, e.g. `['02200', '60200']`. */
  zipCodes?: readonly string[];
}

/** Desired counts per department or postcode, for {@link RentalResource.price} and `rent`. */
export type RentalVolumes = Readonly<Record<string, number>>;

/** One line of a rental estimate. */
export interface RentalVolume {
  /** `'CP'` (postcode), `'DEP'`, `'total'`, … as SMS Partner writes it. */
  type: string | undefined;
  /** The postcode or department. */
  location: string | undefined;
  /** Contacts available (or desired, for rentals). */
  volume: number | undefined;
}

/** A rental estimate or order. */
export interface RentalQuote {
  /** Contacts available per postcode or department, and the total. */
  volumes: RentalVolume[];
  /** The price, for `price` and `rent`. */
  cost:
    | { quantity: number | undefined; total: number | undefined; unitCost: number | undefined }
    | undefined;
  /** The rental's token, for `status` and `download` (after `rent`). */
  token: string | undefined;
  /** The answer as parsed. */
  raw: unknown;
}

/** Result of {@link RentalResource.status}. */
export interface RentalStatus {
  /** The rental's token, as given to `status`. */
  token: string | undefined;
  /** SMS Partner's status text. */
  status: string | undefined;
  /** Contacts in the file. */
  phoneNumbers: number | undefined;
  /** The price of the rental. */
  cost: RentalQuote['cost'];
  /** The answer as parsed. */
  raw: unknown;
}

const GENDERS = { mixed: 'm', male: 'h', female: 'f' } as const;

function readCost(value: unknown): RentalQuote['cost'] {
  const cost = asRecord(value);
  if (Object.keys(cost).length === 0) return undefined;
  return {
    quantity: toNumber(cost.quantity),
    total: toNumber(cost.total),
    unitCost: toNumber(pick(cost, 'cost_unity', 'costUnity')),
  };
}

function readVolumes(value: unknown): RentalVolume[] {
  return asArray(value).map((item) => {
    const record = asRecord(item);
    return {
      type: toText(pick(record, 'Type', 'type')),
      location: toText(pick(record, 'Localite', 'Location', 'location')),
      volume: toNumber(pick(record, 'Volume', 'VolumeDesired', 'volume')),
    };
  });
}

/**
 * Contact rental ("location"): estimate, price and rent opt-in contacts, then follow and download
 * the file. The categories endpoint is not documented anywhere we could read, so it is missing.
 */
export class RentalResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * How many contacts match (`op: 'calcul'`). Free.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-rental/targeting-and-calculation
   */
  async calculate(targeting: RentalTargeting, options?: RequestOptions): Promise<RentalQuote> {
    return this.#optin('calcul', targeting, undefined, undefined, options);
  }

  /**
   * The price of renting `volumes` contacts (`op: 'price'`). Free.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-rental/targeting-and-calculation
   */
  async price(
    targeting: RentalTargeting,
    volumes: RentalVolumes,
    options?: RequestOptions,
  ): Promise<RentalQuote> {
    return this.#optin('price', targeting, volumes, undefined, options);
  }

  /**
   * Rents the contacts (`op: 'rent'`): charged, so never retried once it may have reached SMS
   * Partner. `notifyUrl` (`urlNotification`) is told when the file is ready. Renting has no
   * sandbox mode: while the client is in sandbox mode it is refused unless `extra.sandbox` is false.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-rental/targeting-and-calculation
   */
  async rent(
    targeting: RentalTargeting,
    volumes: RentalVolumes,
    extra: { notifyUrl?: string; sandbox?: boolean } = {},
    options?: RequestOptions,
  ): Promise<RentalQuote> {
    const issues = new Issues();
    checkNoSandbox(issues, this.#context.sandbox, extra.sandbox, 'POST /v1/location/optin (rent)');
    issues.done();
    return this.#optin('rent', targeting, volumes, extra.notifyUrl, options);
  }

  /**
   * Where a rental stands (`GET /v1/location/status`).
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-rental/rental-status
   */
  async status(token: string, options?: RequestOptions): Promise<RentalStatus> {
    const issues = new Issues();
    const value = requireText(issues, 'token', token, 'the token returned by rent()');
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/location/status',
        family: 'rental',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'token', 'status', 'location', 'file'],
        query: { token: value },
      },
      options,
    );
    const location = asRecord(result.data.location);
    return {
      token: toText(result.data.token),
      status: toText(result.data.status),
      phoneNumbers: toNumber(asRecord(result.data.file).phoneNumbers),
      cost: readCost(location.cost),
      raw: result.raw,
    };
  }

  /**
   * Downloads the rented numbers (`GET /v1/location/file/download`). The answer's format is not
   * documented: JSON is parsed into `raw`, anything else (CSV) is returned as text in `raw`.
   * Downloading twice is refused (codes 34, 35), so it is not retried.
   * @see https://www.docpartner.dev/en/api/sms-partner/contact-rental/download-file
   */
  async download(token: string, options?: RequestOptions): Promise<{ raw: unknown }> {
    const issues = new Issues();
    const value = requireText(issues, 'token', token, 'the token returned by rent()');
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/location/file/download',
        family: 'rental',
        kind: 'write',
        format: this.#context.format,
        acceptText: true,
        query: { token: value },
      },
      options,
    );
    return { raw: result.raw };
  }

  async #optin(
    op: 'calcul' | 'price' | 'rent',
    targeting: RentalTargeting,
    volumes: RentalVolumes | undefined,
    notifyUrl: string | undefined,
    options: RequestOptions | undefined,
  ): Promise<RentalQuote> {
    const issues = new Issues();
    const input = asRecord(targeting);
    const gender = GENDERS[input.gender as keyof typeof GENDERS];
    if (gender === undefined) {
      issues.add(
        'gender',
        `must be 'mixed', 'male' or 'female'; received ${JSON.stringify(input.gender)}.`,
        "pass gender: 'mixed'.",
      );
    }
    const minAge = input.minAge;
    const maxAge = input.maxAge;
    if (!(Number.isInteger(minAge) && (minAge as number) >= 18)) {
      issues.add(
        'minAge',
        `must be an integer of at least 18; received ${String(minAge)}.`,
        'pass minAge: 18.',
      );
    }
    if (
      !(
        Number.isInteger(maxAge) &&
        (maxAge as number) < 99 &&
        (maxAge as number) >= ((minAge as number) || 18)
      )
    ) {
      issues.add(
        'maxAge',
        `must be an integer under 99 and not below minAge; received ${String(maxAge)}.`,
        'pass maxAge: 65.',
      );
    }
    for (const key of ['interest', 'subInterest', 'category'] as const) {
      const value = input[key];
      if (value === undefined && key !== 'interest') continue;
      if (!(Number.isInteger(value) && (value as number) > 0)) {
        issues.add(
          key,
          `must be a positive integer id; received ${String(value)}.`,
          `pass the ${key} id from SMS Partner's categories.`,
        );
      }
    }
    for (const key of ['departments', 'zipCodes'] as const) {
      const value = input[key];
      if (
        value !== undefined &&
        !(
          Array.isArray(value) &&
          value.every((item) => typeof item === 'string' && /^\w+$/.test(item))
        )
      ) {
        issues.add(key, 'must be a list of codes.', `pass ${key}: ['75'].`);
      }
    }
    if (volumes !== undefined) {
      const entries = Object.entries(asRecord(volumes));
      if (
        entries.length === 0 ||
        entries.some(([, count]) => !(Number.isInteger(count) && (count as number) > 0))
      ) {
        issues.add(
          'volumes',
          'must map each department or postcode to a positive count.',
          "pass { '75001': 100 }.",
        );
      }
    }
    const urlNotification = checkUrl(issues, 'notifyUrl', notifyUrl);
    issues.done();
    const parameters: Record<string, unknown> = {
      sexe: gender,
      minAge,
      maxAge,
      interest: input.interest,
      subInterest: input.subInterest,
      category: input.category,
      department: (input.departments as string[] | undefined)?.join(','),
      zipcode: (input.zipCodes as string[] | undefined)?.join(','),
    };
    const result = await this.#context.transport.call(
      {
        method: 'POST',
        path: '/v1/location/optin',
        family: 'rental',
        kind: op === 'rent' ? 'write' : 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'op', 'datas', 'cost', 'token'],
        body: { op, parameters, volumes, urlNotification },
      },
      options,
    );
    return {
      volumes: readVolumes(pick(result.data, 'datas', 'data')),
      cost: readCost(result.data.cost),
      token: toText(result.data.token),
      raw: result.raw,
    };
  }
}

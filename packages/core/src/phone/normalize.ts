import { SmsPartnerValidationError } from '../errors.js';

/**
 * Where a French national number (`0X XX XX XX XX`) whose prefix belongs to an overseas
 * department should point.
 *
 * - `'country-code'`: to the department's own country code, as the international numbering plan
 *   says (`0690…` → `+590690…` for Guadeloupe).
 * - `'metropole'`: always to `+33`, the naive mapping some tools apply.
 */
export type OverseasNumbering = 'country-code' | 'metropole';

/** Options of {@link normalizePhoneNumber}. */
export interface NormalizePhoneNumberOptions {
  /**
   * The field name to report in a validation error (e.g. `'to[2]'`).
   * @default 'phoneNumber'
   */
  field?: string;
  /**
   * Accept French national numbers (`06…`, `07…`, `01…`) and turn them into international form.
   * SMS Partner's send endpoints accept them; HLR, lookup and multi-status want international form,
   * which this function produces either way.
   * @default true
   */
  allowFrenchNational?: boolean;
  /**
   * How French national numbers with an overseas prefix (0690, 0694, 0696, 0639, 0692…) are mapped.
   * @default 'country-code'
   */
  overseas?: OverseasNumbering;
}

/**
 * Overseas French mobile and fixed prefixes (national form, after the leading 0) and their
 * country calling codes. Source: ARCEP's national numbering plan (public facts).
 */
const OVERSEAS_PREFIXES: ReadonlyArray<readonly [prefix: string, countryCode: string]> = [
  ['590', '590'], // Guadeloupe, Saint-Barthélemy, Saint-Martin fixed
  ['690', '590'],
  ['691', '590'],
  ['594', '594'], // French Guiana
  ['694', '594'],
  ['596', '596'], // Martinique
  ['696', '596'],
  ['697', '596'],
  ['262', '262'], // Réunion, Mayotte
  ['263', '262'],
  ['269', '262'],
  ['692', '262'],
  ['693', '262'],
  ['639', '262'],
];

/** Saint-Pierre-et-Miquelon: national `0508 41 23 45` is `+508 41 23 45` (the 508 is not repeated). */
const SAINT_PIERRE_PREFIX = '508';

const SEPARATORS = /[\s.\-/()\u00a0\u202f]/g;

function fail(field: string, problem: string, fix: string): never {
  throw new SmsPartnerValidationError({ field, problem, fix });
}

/**
 * Normalises a phone number to international E.164 form (`+33612345678`).
 *
 * Accepts French national numbers (`06 12 34 56 78`, `06.12.34.56.78`), international numbers with
 * `+` or `00` (`+33 6 12 34 56 78`, `0033612345678`, `+33 (0)6 12…`), with spaces, dots, dashes,
 * slashes and parentheses. A number in another country must be international: the SDK cannot guess
 * its country.
 *
 * @throws {SmsPartnerValidationError} naming the field and the fix when the number cannot be read.
 * @example
 * ```ts
 * normalizePhoneNumber('06 12 34 56 78'); // '+33612345678'
 * normalizePhoneNumber('0049 151 2345 6789'); // '+4915123456789'
 * normalizePhoneNumber('0690 12 34 56'); // '+590690123456' (Guadeloupe)
 * ```
 */
export function normalizePhoneNumber(
  input: string,
  options: NormalizePhoneNumberOptions = {},
): string {
  const field = options.field ?? 'phoneNumber';
  if (typeof input !== 'string') {
    fail(
      field,
      `expected a string, received ${input === null ? 'null' : typeof input}.`,
      'pass the phone number as a string such as "+33612345678".',
    );
  }
  const trimmed = input.trim();
  if (trimmed === '') {
    fail(field, 'is empty.', 'pass a phone number such as "0612345678" or "+33612345678".');
  }
  // "+33 (0)6…" writes the French trunk prefix in parentheses; it must be dropped.
  let compact = trimmed.replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;

  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!/^\d+$/.test(digits)) {
      fail(
        field,
        `"${input}" contains characters other than digits after the "+".`,
        'write the number with digits only, e.g. "+33612345678".',
      );
    }
    if (digits.startsWith('0')) {
      fail(
        field,
        `"${input}" has a 0 right after the "+": country codes never start with 0.`,
        'drop the 0 after the country code, e.g. "+33612345678" rather than "+330612345678".',
      );
    }
    if (digits.startsWith('330')) {
      fail(
        field,
        `"${input}" keeps the French trunk 0 after +33.`,
        `drop that 0: "+33${digits.slice(3)}".`,
      );
    }
    if (digits.length < 8 || digits.length > 15) {
      fail(
        field,
        `"${input}" has ${digits.length} digits; international numbers have 8 to 15.`,
        'check for missing or extra digits.',
      );
    }
    if (digits.startsWith('33') && digits.length !== 11) {
      fail(
        field,
        `"${input}" is a French number with ${digits.length - 2} digits after +33; French numbers have 9.`,
        'check for missing or extra digits, e.g. "+33612345678".',
      );
    }
    return `+${digits}`;
  }

  if (!/^\d+$/.test(compact)) {
    fail(
      field,
      `"${input}" contains characters other than digits, spaces, dots, dashes and a leading "+".`,
      'write the number with digits only, e.g. "0612345678" or "+33612345678".',
    );
  }
  if (compact.startsWith('0')) {
    if (options.allowFrenchNational === false) {
      fail(
        field,
        `"${input}" is in national form; this endpoint needs international form.`,
        'write it with its country code, e.g. "+33612345678".',
      );
    }
    if (compact.length !== 10) {
      fail(
        field,
        `"${input}" starts with 0 but has ${compact.length} digits; French national numbers have 10.`,
        'check the number; a number outside France must be written in international form, e.g. "+4915123456789".',
      );
    }
    const national = compact.slice(1);
    if (options.overseas !== 'metropole') {
      for (const [prefix, countryCode] of OVERSEAS_PREFIXES) {
        if (national.startsWith(prefix)) return `+${countryCode}${national}`;
      }
      if (national.startsWith(SAINT_PIERRE_PREFIX)) return `+${national}`;
    }
    return `+33${national}`;
  }
  return fail(
    field,
    `"${input}" has no "+" or "00" prefix and does not start with 0, so its country is unknown.`,
    'write it in international form with a "+", e.g. "+33612345678" or "+4915123456789".',
  );
}

/**
 * Formats a number as SMS Partner's long-number endpoints want it: international without the `+`
 * (`336xxxxxxxx`), the form of `from` on `POST /v1/vn/send`.
 *
 * Accepts the inputs of {@link normalizePhoneNumber}, plus the `336xxxxxxxx` form itself.
 * @throws {SmsPartnerValidationError}
 * @example
 * ```ts
 * toLongNumberFormat('+33 7 00 00 00 00'); // '33700000000'
 * ```
 */
export function toLongNumberFormat(
  input: string,
  options: NormalizePhoneNumberOptions = {},
): string {
  const compact = typeof input === 'string' ? input.trim().replace(SEPARATORS, '') : input;
  // The API's own spelling (digits with the country code, no "+") is accepted as is.
  if (typeof compact === 'string' && /^[1-9]\d{7,14}$/.test(compact)) return compact;
  return normalizePhoneNumber(input, options).slice(1);
}

/**
 * Whether an E.164 number (as {@link normalizePhoneNumber} returns) is a French mobile number in
 * metropolitan France (`+336…`, `+337…`).
 * @example
 * ```ts
 * isFrenchMobile('+33612345678'); // true
 * isFrenchMobile('+33123456789'); // false
 * ```
 */
export function isFrenchMobile(e164: string): boolean {
  return /^\+33[67]\d{8}$/.test(e164);
}

/**
 * Formats an E.164 number the French way (`06 12 34 56 78`) when it is a `+33` number, else
 * returns it unchanged.
 * @example
 * ```ts
 * toFrenchNationalFormat('+33612345678'); // '06 12 34 56 78'
 * ```
 */
export function toFrenchNationalFormat(e164: string): string {
  const match = /^\+33(\d{9})$/.exec(e164);
  if (!match) return e164;
  const digits = `0${match[1]}`;
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * Recipient number parsing as the API describes it (spec §1.5): French numbers national
 * (`0600000000`) or international (`+33600000000`), others international. The emulator is tolerant
 * where the docs are silent: `00` prefixes, separators and international numbers without `+`
 * (the long-number API's own format, `336xxxxxxxx`) are accepted everywhere.
 */

export interface ParsedPhone {
  /** The input exactly as received. */
  input: string;
  /** `+33600000000`; for a documentation placeholder, the placeholder with its `x`s as `0`s. */
  international: string;
  /** ISO country code, `FR` when unknown (placeholders, unlisted prefixes). */
  country: string;
  /** Dialling prefix without `+`, e.g. `33`. */
  prefix: string;
  /** National significant number (after the prefix). */
  national: string;
  /** The input was a documentation placeholder such as `336xxxxxxxx`. */
  placeholder: boolean;
}

interface CountryInfo {
  iso: string;
  /** Digits of the national significant number. */
  lengths: number[];
}

// A small table, enough for pricing and `/v1/lookup`; other prefixes are accepted as "international".
const COUNTRIES: Record<string, CountryInfo> = {
  '33': { iso: 'FR', lengths: [9] },
  '32': { iso: 'BE', lengths: [8, 9] },
  '41': { iso: 'CH', lengths: [9] },
  '352': { iso: 'LU', lengths: [6, 7, 8, 9, 10, 11] },
  '377': { iso: 'MC', lengths: [8, 9] },
  '49': { iso: 'DE', lengths: [10, 11] },
  '34': { iso: 'ES', lengths: [9] },
  '39': { iso: 'IT', lengths: [9, 10] },
  '44': { iso: 'GB', lengths: [10] },
  '351': { iso: 'PT', lengths: [9] },
  '31': { iso: 'NL', lengths: [9] },
  '1': { iso: 'US', lengths: [10] },
  '212': { iso: 'MA', lengths: [9] },
  '213': { iso: 'DZ', lengths: [9] },
  '216': { iso: 'TN', lengths: [8] },
  '262': { iso: 'RE', lengths: [9] },
  '590': { iso: 'GP', lengths: [9] },
  '594': { iso: 'GF', lengths: [9] },
  '596': { iso: 'MQ', lengths: [9] },
};

const PLACEHOLDER = /^\+?[0-9]*[xX][0-9xX]*$/;

/** Parses a recipient; `undefined` when it is not a usable number. */
export function parsePhone(raw: unknown, acceptPlaceholders: boolean): ParsedPhone | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const input = String(raw);
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  if (compact === '') return undefined;
  if (PLACEHOLDER.test(compact)) {
    if (!acceptPlaceholders) return undefined;
    const digits = compact.replace(/^\+/, '').replace(/[xX]/g, '0');
    const international = `+${digits}`;
    const prefix = digits.startsWith('33') ? '33' : '';
    return {
      input,
      international,
      country: 'FR',
      prefix: prefix || '33',
      national: prefix ? digits.slice(2) : digits,
      placeholder: true,
    };
  }
  let digits: string;
  if (/^0[1-9]\d{8}$/.test(compact)) digits = `33${compact.slice(1)}`;
  else if (/^\+[1-9]\d{6,14}$/.test(compact)) digits = compact.slice(1);
  else if (/^00[1-9]\d{6,14}$/.test(compact)) digits = compact.slice(2);
  else if (/^[1-9]\d{9,14}$/.test(compact)) digits = compact;
  else return undefined;
  for (const length of [3, 2, 1]) {
    const prefix = digits.slice(0, length);
    const info = COUNTRIES[prefix];
    if (!info) continue;
    const national = digits.slice(length);
    if (!info.lengths.includes(national.length)) return undefined;
    if (prefix === '33' && national.startsWith('0')) return undefined;
    return {
      input,
      international: `+${digits}`,
      country: info.iso,
      prefix,
      national,
      placeholder: false,
    };
  }
  return {
    input,
    international: `+${digits}`,
    country: '',
    prefix: '',
    national: digits,
    placeholder: false,
  };
}

/** Same-number test across national/international spellings. */
export function samePhone(a: string, b: string): boolean {
  const pa = parsePhone(a, true);
  const pb = parsePhone(b, true);
  if (pa && pb) return pa.international === pb.international;
  return a.trim() === b.trim();
}

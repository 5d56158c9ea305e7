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
  name: string;
  /** Digits of the national significant number. */
  lengths: number[];
}

// A small table, enough for pricing and `/v1/lookup`; other prefixes are accepted as "international".
const COUNTRIES: Record<string, CountryInfo> = {
  '33': { iso: 'FR', name: 'France', lengths: [9] },
  '32': { iso: 'BE', name: 'Belgique', lengths: [8, 9] },
  '41': { iso: 'CH', name: 'Suisse', lengths: [9] },
  '352': { iso: 'LU', name: 'Luxembourg', lengths: [6, 7, 8, 9, 10, 11] },
  '377': { iso: 'MC', name: 'Monaco', lengths: [8, 9] },
  '49': { iso: 'DE', name: 'Allemagne', lengths: [10, 11] },
  '34': { iso: 'ES', name: 'Espagne', lengths: [9] },
  '39': { iso: 'IT', name: 'Italie', lengths: [9, 10] },
  '44': { iso: 'GB', name: 'Royaume-Uni', lengths: [10] },
  '351': { iso: 'PT', name: 'Portugal', lengths: [9] },
  '31': { iso: 'NL', name: 'Pays-Bas', lengths: [9] },
  '1': { iso: 'US', name: 'États-Unis', lengths: [10] },
  '212': { iso: 'MA', name: 'Maroc', lengths: [9] },
  '213': { iso: 'DZ', name: 'Algérie', lengths: [9] },
  '216': { iso: 'TN', name: 'Tunisie', lengths: [8] },
  '262': { iso: 'RE', name: 'La Réunion', lengths: [9] },
  '590': { iso: 'GP', name: 'Guadeloupe', lengths: [9] },
  '594': { iso: 'GF', name: 'Guyane', lengths: [9] },
  '596': { iso: 'MQ', name: 'Martinique', lengths: [9] },
};

export function countryName(prefix: string): string {
  return COUNTRIES[prefix]?.name ?? '';
}

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

/** `Mobile` / `Fixed line` for French numbers, `Mobile` elsewhere (lookup's `type`). */
export function lineType(phone: ParsedPhone): string {
  if (phone.prefix !== '33') return 'Mobile';
  return /^[67]/.test(phone.national) ? 'Mobile' : 'Fixed line';
}

/** Grouped formats for `/v1/lookup` (`e164`, `international`, `national`, `rfc3966`). */
export function formats(phone: ParsedPhone): Record<string, string> {
  const groups = phone.prefix === '33' ? groupFrench(phone.national) : [phone.national];
  return {
    e164: phone.international,
    international: `+${phone.prefix} ${groups.join(' ')}`.trim(),
    national: phone.prefix === '33' ? `0${groups.join(' ')}` : phone.national,
    rfc3966: `tel:+${phone.prefix}-${groups.join('-')}`,
  };
}

function groupFrench(national: string): string[] {
  const groups = [national.slice(0, 1)];
  for (let i = 1; i < national.length; i += 2) groups.push(national.slice(i, i + 2));
  return groups;
}

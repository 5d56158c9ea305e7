/**
 * What `/v1/lookup` says about a number: its formats, line type, country and network.
 *
 * The live answer is libphonenumber's: the capture in the official Go SDK (`v1/testdata/lookup.json`,
 * a Moroccan mobile) has libphonenumber's grouping, its RFC 3966 form and its carrier name for
 * that prefix. So the formats and the line type come from libphonenumber-js (the same metadata),
 * with two corrections where the capture says otherwise:
 * - Moroccan numbers keep the grouping of the capture (`0620-123456`, `+212 620-123456`); today's
 *   metadata groups them in pairs, and nothing shows which one the platform uses now.
 * - `rfc3966` is libphonenumber's own (`tel:` + the international form with `-` separators), not
 *   libphonenumber-js's `getURI()` (which drops the grouping).
 * `countryCode` is `''` outside France, as captured (the docs' French example shows `France`), and
 * `network` is the carrier of the number's prefix where the capture shows one is filled (Morocco),
 * `''` elsewhere (the docs' French example).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ParsedPhone } from './phone.js';

/** Words the API uses for libphonenumber's line types (`Mobile` is in the capture). */
const TYPE_WORDS: Record<string, string> = {
  MOBILE: 'Mobile',
  FIXED_LINE: 'Fixed line',
  FIXED_LINE_OR_MOBILE: 'Fixed line or mobile',
  VOIP: 'VoIP',
  TOLL_FREE: 'Toll free',
  PREMIUM_RATE: 'Premium rate',
  SHARED_COST: 'Shared cost',
  PERSONAL_NUMBER: 'Personal number',
  PAGER: 'Pager',
  UAN: 'UAN',
  VOICEMAIL: 'Voicemail',
};

/**
 * Moroccan mobile carriers by prefix (after `212`), from libphonenumber's carrier data
 * (`resources/carrier/en/212.txt`, Apache-2.0), which gives `Méditel` for `620` as the capture does.
 * Ranges are condensed; a prefix not listed has no known carrier.
 */
const MOROCCO_CARRIERS: ReadonlyArray<readonly [string, string]> = condense({
  Inwi: '600-608 626 627 629 630 633-635 638 640 646 647 680 681 690 691 695 696 698 699',
  'Maroc Telecom':
    '610 611 613 615 616 618 622-624 628 636 637 639 641-643 648 650-655 658 659 661 662 666-668 670-673 676-678 697',
  Méditel: '612 614 617 619-621 625 631 632 644 645 649 656 657 660 663-665 669 674 675 679 694',
  GlobalStar: '692',
});

function condense(table: Record<string, string>): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const [name, ranges] of Object.entries(table)) {
    for (const range of ranges.split(' ')) {
      const [from, to = from] = range.split('-').map(Number) as [number, number?];
      for (let p = from; p <= (to as number); p++) out.push([String(p), name]);
    }
  }
  return out;
}

/** The lookup item's descriptive fields for a valid number. */
export interface LookupDescription {
  countryCode: string;
  prefixCode: number;
  type: string;
  network: string;
  format: { e164: string; international: string; national: string; rfc3966: string };
}

export function describeForLookup(phone: ParsedPhone): LookupDescription {
  const parsed = phone.placeholder ? undefined : parsePhoneNumberFromString(phone.international);
  const prefix = parsed ? parsed.countryCallingCode : phone.prefix || '33';
  const national = parsed ? String(parsed.nationalNumber) : phone.national;
  let format: LookupDescription['format'];
  if (prefix === '212' && national.length === 9) {
    const head = national.slice(0, 3);
    const tail = national.slice(3);
    format = formatsFrom(phone.international, `+212 ${head}-${tail}`, `0${head}-${tail}`);
  } else if (parsed?.isValid()) {
    format = formatsFrom(
      phone.international,
      parsed.formatInternational(),
      parsed.formatNational(),
    );
  } else {
    // Placeholders and numbers libphonenumber does not know: French-style pairs, or no grouping.
    const groups = prefix === '33' ? frenchGroups(national) : [national];
    format = formatsFrom(
      phone.international,
      `+${prefix} ${groups.join(' ')}`,
      prefix === '33' ? `0${groups.join(' ')}` : national,
    );
  }
  const type = parsed?.isValid() ? parsed.getType() : undefined;
  return {
    countryCode: prefix === '33' ? 'France' : '',
    prefixCode: Number(prefix),
    type: (type && TYPE_WORDS[type]) ?? fallbackType(prefix, national),
    network: prefix === '212' ? carrierOf(national) : '',
    format,
  };
}

function formatsFrom(e164: string, international: string, national: string) {
  // libphonenumber's RFC 3966 form: the international form, its separators turned into dashes.
  const rfc3966 = `tel:${international.replace(/[\s\-()]+/g, '-')}`;
  return { e164, international, national, rfc3966 };
}

function frenchGroups(national: string): string[] {
  const groups = [national.slice(0, 1)];
  for (let i = 1; i < national.length; i += 2) groups.push(national.slice(i, i + 2));
  return groups;
}

function fallbackType(prefix: string, national: string): string {
  if (prefix !== '33') return 'Mobile';
  return /^[67]/.test(national) ? 'Mobile' : 'Fixed line';
}

function carrierOf(national: string): string {
  const head = national.slice(0, 3);
  return MOROCCO_CARRIERS.find(([p]) => p === head)?.[1] ?? '';
}

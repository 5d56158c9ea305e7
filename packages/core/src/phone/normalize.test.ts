import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { SmsPartnerValidationError } from '../errors.js';
import {
  isFrenchMobile,
  normalizePhoneNumber,
  toFrenchNationalFormat,
  toLongNumberFormat,
} from './normalize.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

function validationError(run: () => unknown): SmsPartnerValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof SmsPartnerValidationError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('normalizePhoneNumber', () => {
  it.each([
    ['0612345678', '+33612345678'],
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['  0712345678 ', '+33712345678'],
    ['0123456789', '+33123456789'],
    ['+4915123456789', '+4915123456789'],
    ['0049 151 2345 6789', '+4915123456789'],
    ['+212 666 123 456', '+212666123456'],
  ])('reads %j as %s', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });

  // Overseas departments have their own country codes in the international plan (ARCEP).
  it.each([
    ['0690 12 34 56', '+590690123456'], // Guadeloupe mobile
    ['0694 12 34 56', '+594694123456'], // French Guiana mobile
    ['0696 12 34 56', '+596696123456'], // Martinique mobile
    ['0692 12 34 56', '+262692123456'], // Réunion mobile
    ['0639 12 34 56', '+262639123456'], // Mayotte mobile
    ['0262 12 34 56', '+262262123456'], // Réunion fixed
    ['0508 41 23 45', '+508412345'], // Saint-Pierre-et-Miquelon: 508 is not repeated
  ])('maps overseas %j to %s', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });

  it("maps overseas prefixes to +33 with overseas: 'metropole'", () => {
    expect(normalizePhoneNumber('0690123456', { overseas: 'metropole' })).toBe('+33690123456');
  });

  it('refuses national numbers when allowFrenchNational is false, saying how to fix it', () => {
    const error = validationError(() =>
      normalizePhoneNumber('0612345678', { allowFrenchNational: false, field: 'phoneNumbers[0]' }),
    );
    expect(error.field).toBe('phoneNumbers[0]');
    expect(error.fix).toContain('+33');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['612345678', 'country is unknown'],
    ['061234567', '10'],
    ['06123456789', '10'],
    ['+33 06 12 34 56 78', 'trunk 0'],
    ['+0612345678', 'never start with 0'],
    ['+33 6 12 34 56', 'French numbers have 9'],
    ['+1234', '8 to 15'],
    ['+1234567890123456', '8 to 15'],
    ['06 12 34 56 7a', 'characters other than digits'],
    ['+33 6 12 34 56 7a', 'characters other than digits'],
  ])('refuses %j (%s) with a typed error naming the field and a fix', (input, problem) => {
    const error = validationError(() => normalizePhoneNumber(input, { field: 'to' }));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('to');
    expect(error.message).toContain(problem);
    expect(error.fix.length).toBeGreaterThan(10);
    expect(error.outcome).toBe('not_sent');
  });

  it('refuses non-strings', () => {
    expect(() => normalizePhoneNumber(612345678 as unknown as string)).toThrow(
      SmsPartnerValidationError,
    );
    expect(() => normalizePhoneNumber(null as unknown as string)).toThrow(/received null/);
  });

  const metropolitan = fc
    .tuple(fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '9'), fc.stringMatching(/^\d{8}$/))
    .map(([first, rest]) => `${first}${rest}`)
    // Overseas prefixes map elsewhere; they are covered above.
    .filter((digits) => !/^(59[046]|69[0-467]|26[239]|639|508)/.test(digits));
  const separator = fc.constantFrom('', ' ', '.', '-', '\u00a0');

  it('maps every metropolitan national number, however separated, to +33 and its 9 digits', () => {
    fc.assert(
      fc.property(metropolitan, separator, (digits, sep) => {
        const national = `0${digits}`.replace(/(\d{2})(?=\d)/g, `$1${sep}`);
        expect(normalizePhoneNumber(national)).toBe(`+33${digits}`);
        expect(normalizePhoneNumber(`+33${sep}${digits}`)).toBe(`+33${digits}`);
        expect(normalizePhoneNumber(`0033${digits}`)).toBe(`+33${digits}`);
      }),
      { numRuns },
    );
  });

  it('is idempotent and either returns E.164 or throws a validation error, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+0-9 ().-]{0,20}$/)), (input) => {
        let out: string;
        try {
          out = normalizePhoneNumber(input);
        } catch (error) {
          expect(error).toBeInstanceOf(SmsPartnerValidationError);
          return;
        }
        expect(out).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(normalizePhoneNumber(out)).toBe(out);
      }),
      { numRuns },
    );
  });
});

describe('toLongNumberFormat', () => {
  it.each([
    ['+33700000000', '33700000000'],
    ['07 00 00 00 00', '33700000000'],
    ['33700000000', '33700000000'],
    ['0033 7 00 00 00 00', '33700000000'],
  ])('writes %j as %s (international without +)', (input, expected) => {
    expect(toLongNumberFormat(input)).toBe(expected);
  });

  it('refuses what is not a number', () => {
    expect(() => toLongNumberFormat('abc', { field: 'from' })).toThrow(/Invalid from/);
  });
});

describe('isFrenchMobile / toFrenchNationalFormat', () => {
  it('recognises metropolitan mobiles only', () => {
    expect(isFrenchMobile('+33612345678')).toBe(true);
    expect(isFrenchMobile('+33712345678')).toBe(true);
    expect(isFrenchMobile('+33123456789')).toBe(false);
    expect(isFrenchMobile('+590690123456')).toBe(false);
  });

  it('formats +33 numbers in pairs and leaves others alone', () => {
    expect(toFrenchNationalFormat('+33612345678')).toBe('06 12 34 56 78');
    expect(toFrenchNationalFormat('+4915123456789')).toBe('+4915123456789');
  });
});

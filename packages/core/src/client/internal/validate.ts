import { SmsPartnerValidationError, type ValidationIssue } from '../../errors.js';
import {
  type NormalizePhoneNumberOptions,
  normalizePhoneNumber,
  toLongNumberFormat,
} from '../../phone/index.js';

/** Most recipients one request may carry (error 50). */
export const MAX_RECIPIENTS = 500;

/**
 * Collects every problem of one call's input, so that a caller fixes them all at once; `done()`
 * throws a single {@link SmsPartnerValidationError} listing them.
 */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(field: string, problem: string, fix: string): void {
    this.list.push({ field, problem, fix });
  }

  /** Runs a check that throws a validation error, collecting its issues instead. */
  capture<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (error instanceof SmsPartnerValidationError) {
        this.list.push(...error.issues);
        return undefined;
      }
      throw error;
    }
  }

  done(): void {
    if (this.list.length > 0) throw new SmsPartnerValidationError(this.list);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}

/** A required non-empty string. */
export function requireText(
  issues: Issues,
  field: string,
  value: unknown,
  example: string,
): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  issues.add(
    field,
    `is required and must be a non-empty string; received ${describe(value)}.`,
    `pass ${field}, e.g. ${example}.`,
  );
  return undefined;
}

/** A required id (the API sends ids as numbers and strings; both are accepted). */
export function requireId(issues: Issues, field: string, value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.add(
    field,
    `is required (a string or a non-negative integer); received ${describe(value)}.`,
    `pass the ${field} SMS Partner returned.`,
  );
  return undefined;
}

/** `tag`: at most 20 characters, lower case, no spaces (spec §2.2). */
export function checkTag(issues: Issues, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    issues.add(
      field,
      `must be a non-empty string; received ${describe(value)}.`,
      'pass up to 20 lower-case characters without spaces, e.g. "promo-juin".',
    );
    return undefined;
  }
  const problems: string[] = [];
  if (value.length > 20) problems.push(`is ${value.length} characters long (at most 20)`);
  if (/\s/.test(value)) problems.push('contains spaces');
  if (value !== value.toLowerCase()) problems.push('contains upper-case letters');
  if (problems.length === 0) return value;
  const suggestion = value.toLowerCase().trim().replace(/\s+/g, '-').slice(0, 20);
  issues.add(
    field,
    `${describe(value)} ${problems.join(', ')}.`,
    `use at most 20 lower-case characters without spaces, e.g. ${JSON.stringify(suggestion)}.`,
  );
  return undefined;
}

/**
 * `sender`: 3 to 11 characters, letters and digits (spec §2.2: "no special characters"). Spaces,
 * dots, dashes and underscores are let through because some accounts use them, though the docs
 * warn that spaces may not display.
 */
export function checkSender(issues: Issues, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    issues.add(
      field,
      `must be a string; received ${describe(value)}.`,
      'pass 3 to 11 letters or digits, e.g. "MaBoutique".',
    );
    return undefined;
  }
  if (value.length < 3 || value.length > 11) {
    issues.add(
      field,
      `${describe(value)} is ${value.length} characters long; a sender has 3 to 11.`,
      `shorten or lengthen it, e.g. ${JSON.stringify(senderSuggestion(value))}.`,
    );
    return undefined;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(value)) {
    issues.add(
      field,
      `${describe(value)} contains characters other than unaccented letters, digits, space, dot, dash and underscore.`,
      `remove them, e.g. ${JSON.stringify(senderSuggestion(value))}.`,
    );
    return undefined;
  }
  return value;
}

/** A valid sender close to `value` (accents and symbols dropped, cut to 11), else an example. */
function senderSuggestion(value: string): string {
  const cleaned = value
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 11);
  return cleaned.length >= 3 ? cleaned : 'MaBoutique';
}

/** An absolute http(s) URL (callback URLs). */
export function checkUrl(issues: Issues, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  if (typeof value === 'string') {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return value as string;
  issues.add(
    field,
    `${describe(value)} is not an absolute http(s) URL.`,
    `pass a full URL, e.g. "https://example.com/sms-partner/${field}".`,
  );
  return undefined;
}

/** A boolean flag sent as `1`/`0`. */
export function checkFlag(issues: Issues, field: string, value: unknown): 1 | 0 | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  issues.add(
    field,
    `must be true or false; received ${describe(value)}.`,
    `pass ${field}: true or omit it.`,
  );
  return undefined;
}

/** A positive integer (pages, amounts of contacts…). */
export function checkPositiveInteger(
  issues: Issues,
  field: string,
  value: unknown,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  issues.add(
    field,
    `must be an integer of at least 1; received ${describe(value)}.`,
    `pass ${field}: 1 for the first one.`,
  );
  return undefined;
}

/** One phone number, normalised to E.164. */
export function checkPhone(
  issues: Issues,
  field: string,
  value: unknown,
  options: Omit<NormalizePhoneNumberOptions, 'field'> = {},
): string | undefined {
  return issues.capture(() => normalizePhoneNumber(value as string, { ...options, field }));
}

/** A long (virtual) number as `336xxxxxxxx`. */
export function checkLongNumber(issues: Issues, field: string, value: unknown): string | undefined {
  return issues.capture(() => toLongNumberFormat(value as string, { field }));
}

/** Recipients after normalisation and de-duplication. */
export interface Recipients {
  /** E.164 numbers, each once, in first-seen order. */
  numbers: string[];
  /** How many duplicates (after normalisation) were dropped. */
  duplicates: number;
}

/**
 * A list of recipients (an array, or one string with commas), normalised and de-duplicated so that
 * nobody receives the same SMS twice from one call.
 */
export function checkRecipients(
  issues: Issues,
  field: string,
  value: unknown,
  options: { max?: number; allowFrenchNational?: boolean } = {},
): Recipients {
  const max = options.max ?? MAX_RECIPIENTS;
  const list =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value)
        ? (value as unknown[])
        : undefined;
  if (
    list === undefined ||
    list.length === 0 ||
    (typeof value === 'string' && value.trim() === '')
  ) {
    issues.add(
      field,
      `needs at least one phone number; received ${describe(value)}.`,
      `pass ${field}: '+33612345678' or an array of numbers.`,
    );
    return { numbers: [], duplicates: 0 };
  }
  const seen = new Set<string>();
  let duplicates = 0;
  list.forEach((item, index) => {
    const number = checkPhone(
      issues,
      Array.isArray(value) ? `${field}[${index}]` : field,
      typeof item === 'string' ? item.trim() : item,
      {
        ...(options.allowFrenchNational === false ? { allowFrenchNational: false } : {}),
      },
    );
    if (number === undefined) return;
    if (seen.has(number)) duplicates++;
    else seen.add(number);
  });
  if (seen.size > max) {
    issues.add(
      field,
      `has ${seen.size} distinct numbers; one request takes at most ${max}.`,
      'split the list, or use client.sms.sendBatched(), which sends batches of 500.',
    );
  }
  return { numbers: [...seen], duplicates };
}

/**
 * Endpoints without a sandbox mode (survey, RCS, HLR, rental) would really send or charge while
 * the client is in sandbox mode: they refuse unless the call says `sandbox: false`.
 */
export function checkNoSandbox(
  issues: Issues,
  clientSandbox: boolean,
  value: unknown,
  endpoint: string,
): void {
  if (value === false || (value === undefined && !clientSandbox)) return;
  if (value === true || value === undefined) {
    issues.add(
      'sandbox',
      `is on, but ${endpoint} has no sandbox mode: it would really send or charge.`,
      'pass sandbox: false on this call to do it for real, or leave it out of sandbox runs.',
    );
    return;
  }
  issues.add(
    'sandbox',
    `must be false or omitted; received ${JSON.stringify(value)}.`,
    'pass sandbox: false to do it for real.',
  );
}

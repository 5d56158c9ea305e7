import { SmsPartnerValidationError } from '../../errors.js';

/** Throws the SDK's validation error for one field. */
export function fail(field: string, problem: string, fix: string): never {
  throw new SmsPartnerValidationError({ field, problem, fix });
}

/** Asserts that a message text is a string. */
export function assertText(value: unknown, field = 'text'): asserts value is string {
  if (typeof value !== 'string') {
    fail(
      field,
      `must be a string, got ${value === null ? 'null' : typeof value}.`,
      'pass the message text as a string.',
    );
  }
}

import { WebhookError } from '../errors.js';

/** A positive safe integer option, or `invalid_configuration` naming it. */
export function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new WebhookError('invalid_configuration', `${name} must be a positive integer.`, {
      field: name,
    });
  }
  return value;
}

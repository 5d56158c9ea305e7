import { InvalidArgumentError } from 'commander';

/** A commander parser for a number in `[min, max]` (integers only when `integer`). */
export function numberIn(min: number, max: number, integer = false): (value: string) => number {
  return (value) => {
    const parsed = Number(value.replace(',', '.'));
    if (
      value.trim() === '' ||
      !Number.isFinite(parsed) ||
      parsed < min ||
      parsed > max ||
      (integer && !Number.isInteger(parsed))
    ) {
      const kind = integer ? 'an integer' : 'a number';
      const range =
        min === Number.NEGATIVE_INFINITY
          ? ''
          : max === Number.POSITIVE_INFINITY
            ? ` of at least ${min}`
            : ` from ${min} to ${max}`;
      throw new InvalidArgumentError(`needs ${kind}${range}, got "${value}".`);
    }
    return parsed;
  };
}

/** A commander parser for any integer (range checks are left to the SDK, which explains them). */
export const integer = numberIn(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, true);

/** A commander parser that accepts one of `choices`. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`must be one of ${choices.join(', ')}; got "${value}".`);
  };
}

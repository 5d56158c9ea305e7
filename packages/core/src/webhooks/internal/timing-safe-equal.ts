import { utf8 } from './utf8.js';

/**
 * Compares two strings in time that depends only on the longer length, not on where they differ.
 * A length difference makes the result false without an early return.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  return timingSafeEqualBytes(utf8(a), utf8(b));
}

/** {@link timingSafeEqual} on bytes already encoded (a secret encoded once, not per callback). */
export function timingSafeEqualBytes(left: Uint8Array, right: Uint8Array): boolean {
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

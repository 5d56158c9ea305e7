import { utf8 } from './utf8.js';

/**
 * Compares two strings in time that depends only on the longer length, not on where they differ.
 * A length difference makes the result false without an early return.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = utf8(a);
  const right = utf8(b);
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

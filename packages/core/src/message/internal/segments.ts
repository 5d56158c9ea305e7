/**
 * Segment arithmetic shared by analysis and splitting, bit-for-bit the model of 3GPP TS 23.040
 * as implemented by Twilio's calculator: 140 octets (1120 bits) per segment, a 6-octet UDH in every
 * segment once there are two or more, hence 160/153 septets or 70/67 UTF-16 units.
 */
import { findBreak } from './graphemes.js';
import { gsmTable } from './gsm-table.js';

/** Part sizes (an enum, so that a bundler inlines the numbers). */
export enum Size {
  /** Septets in a single-segment GSM-7 message. */
  GsmSingle = 160,
  /** Septets per part of a concatenated GSM-7 message. */
  GsmMulti = 153,
  /** UTF-16 units in a single-segment UCS-2 message. */
  Ucs2Single = 70,
  /** UTF-16 units per part of a concatenated UCS-2 message. */
  Ucs2Multi = 67,
}

/** Counts of one packing: total units, number of segments, units used in the last one. */
export interface Packing {
  units: number;
  segments: number;
  last: number;
}

/**
 * Packs a text into GSM-7 septet segments, or returns undefined as soon as a character GSM-7
 * cannot encode appears. An escape pair is never split; every other code unit is its own
 * placement unit, CR and LF included. `cuts` receives the start index of every part after the
 * first. This is the hot loop: one table read, one add and one compare per code unit.
 */
export function packGsm(text: string, cuts?: number[]): Packing | undefined {
  const t = gsmTable();
  const n = text.length;
  let septets = 0;
  let end = Size.GsmMulti;
  let segments = 1;
  for (let i = 0; i < n; i++) {
    const v = t[text.charCodeAt(i)]! & 3;
    if (v === 0) {
      if (cuts) cuts.length = 0;
      return undefined;
    }
    septets += v;
    if (septets > end) {
      segments++;
      end = septets - v + Size.GsmMulti;
      cuts?.push(i);
    }
  }
  if (septets <= Size.GsmSingle) {
    if (cuts) cuts.length = 0;
    return { units: septets, segments: 1, last: septets };
  }
  return { units: septets, segments, last: septets - (end - Size.GsmMulti) };
}

/**
 * Packs a text into UCS-2 segments (one unit per UTF-16 code unit) without splitting a grapheme
 * cluster, except a single cluster longer than a part, which is cut at a code point boundary.
 * `legacy`: Unicode 10 emoji rules, as the reference calculator (see graphemes.ts).
 */
export function packUcs2(text: string, legacy: boolean, cuts?: number[]): Packing {
  const n = text.length;
  if (n <= Size.Ucs2Single) return { units: n, segments: 1, last: n };
  let pos = 0;
  let segments = 1;
  while (n - pos > Size.Ucs2Multi) {
    pos = findBreak(text, pos, pos + Size.Ucs2Multi, legacy);
    cuts?.push(pos);
    segments++;
  }
  return { units: n, segments, last: n - pos };
}

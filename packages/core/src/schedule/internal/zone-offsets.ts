/**
 * Time-zone offsets from `Intl.DateTimeFormat`: the only place the schedule module asks the
 * platform about time zones. Internal: the public API is in `../wall-clock.ts`.
 */
import { ScheduleError } from '../errors.js';
import { wallMsFromCivil } from './civil-date.js';

export const MS_PER_DAY = 86_400_000;

// Formatters are costly to build and immutable: one per time zone for the life of the process.
const formatters = /* @__PURE__ */ new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ScheduleError(
        'INVALID_TIME_ZONE',
        `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as 'Europe/Paris'.`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws `INVALID_DATE` unless `instant` is a valid `Date`; returns its epoch milliseconds. */
export function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ScheduleError(
      'INVALID_DATE',
      `Expected a valid Date, got ${instant instanceof Date ? 'an invalid Date' : typeof instant}.`,
    );
  }
  return ms;
}

/**
 * The wall-clock reading, as epoch milliseconds "as if UTC", of the instant `ms` in `timeZone`.
 * Offsets are whole seconds in every IANA zone, so the milliseconds carry over unchanged.
 */
function wallMs(ms: number, timeZone: string): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeChrist = false;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        // Some engines print midnight as 24 even with h23.
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeChrist = part.value.startsWith('B');
        break;
    }
  }
  if (beforeChrist) year = 1 - year;
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return wallMsFromCivil(year, month, day, hour, minute, second, millisecond);
}

// Intl formatting costs some 20 µs a call, and offsets only change a few times a year, so offsets
// are memoised per 6-hour span of time: a span whose two ends share an offset has it throughout
// (no zone changes its offset twice within 6 hours); a span with a change in it is marked `null`
// and asked of Intl at each call. Bounded: a zone's memo is dropped when it grows past 20,000 spans.
const SPAN_MS = 21_600_000; // 6 hours, a literal so that bundlers can drop it
const MAX_SPANS = 20_000;
const offsetMemo = /* @__PURE__ */ new Map<string, Map<number, number | null>>();

function intlOffsetMs(ms: number, timeZone: string): number {
  return wallMs(ms, timeZone) - ms;
}

/** UTC offset in milliseconds of `timeZone` at the instant `ms` (positive east of Greenwich). */
export function offsetMsAt(ms: number, timeZone: string): number {
  const span = Math.floor(ms / SPAN_MS);
  let memo = offsetMemo.get(timeZone);
  if (memo === undefined) {
    memo = new Map();
    offsetMemo.set(timeZone, memo);
  }
  const known = memo.get(span);
  if (known !== undefined) return known ?? intlOffsetMs(ms, timeZone);
  const start = span * SPAN_MS;
  const atStart = intlOffsetMs(start, timeZone);
  const atEnd = intlOffsetMs(start + SPAN_MS - 1, timeZone);
  if (memo.size >= MAX_SPANS) memo.clear();
  memo.set(span, atStart === atEnd ? atStart : null);
  return atStart === atEnd ? atStart : intlOffsetMs(ms, timeZone);
}

/**
 * Every instant whose wall clock in `timeZone` reads `wall` (0, 1 or 2 of them, ascending), and
 * the instant a skipped time is moved forward to. Offsets are sampled a day either side, which
 * sees the one transition that real zones have at most in such a span.
 */
export function instantsForWallMs(
  wall: number,
  timeZone: string,
): {
  readonly instants: readonly number[];
  readonly shiftedForward: number;
  readonly shiftedBack: number;
} {
  const before = offsetMsAt(wall - MS_PER_DAY, timeZone);
  const after = offsetMsAt(wall + MS_PER_DAY, timeZone);
  const instants: number[] = [];
  for (const offset of [before, offsetMsAt(wall, timeZone), after]) {
    const candidate = wall - offset;
    if (!instants.includes(candidate) && candidate + offsetMsAt(candidate, timeZone) === wall) {
      instants.push(candidate);
    }
  }
  instants.sort((a, b) => a - b);
  // In a gap, reading the time with the offset in force before it lands after the gap, and
  // with the offset in force after it lands before the gap.
  return { instants, shiftedForward: wall - before, shiftedBack: wall - after };
}

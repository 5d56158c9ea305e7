/**
 * The quiet-hours evaluator: reads a compiled policy on a wall clock and searches the next send
 * window, across closed days and daylight-saving changes. Internal: the public API is in
 * `../quiet-hours.ts`.
 */
import { ScheduleError } from '../errors.js';
import { type FrenchPublicHoliday, holidayOn } from '../holidays.js';
import type { CompiledPolicy } from '../policies.js';
import type { QuietReason } from '../quiet-hours.js';
import { civilFromDays, formatIsoDate, isoWeekdayFromDays } from './civil-date.js';
import { instantsForWallMs, MS_PER_DAY, offsetMsAt } from './zone-offsets.js';

const MAX_SCAN_DAYS = 800;
const MAX_STEPS = 64;

export type Status =
  | { readonly quiet: false }
  | { readonly quiet: true; readonly reason: QuietReason; readonly holiday?: FrenchPublicHoliday };

/** Why the day (a day number) is closed, or its windows. */
function dayStatus(
  policy: CompiledPolicy,
  days: number,
):
  | { readonly closed: true; readonly reason: QuietReason; readonly holiday?: FrenchPublicHoliday }
  | { readonly closed: false; readonly windows: readonly (readonly [number, number])[] } {
  const { year, month, day } = civilFromDays(days);
  if (policy.closedOnPublicHolidays) {
    const holiday = holidayOn(year, month, day, policy.zone);
    if (holiday !== undefined) return { closed: true, reason: 'holiday', holiday };
  }
  if (policy.closedDates.size > 0 || policy.closedMonthDays.size > 0) {
    const iso = formatIsoDate(year, month, day);
    if (policy.closedDates.has(iso) || policy.closedMonthDays.has(iso.slice(5))) {
      return { closed: true, reason: 'closed-date' };
    }
  }
  const weekday = isoWeekdayFromDays(days);
  const windows = policy.days[weekday] ?? [];
  if (windows.length === 0) {
    return { closed: true, reason: weekday === 7 ? 'sunday' : 'closed-weekday' };
  }
  return { closed: false, windows };
}

export function statusAtWall(policy: CompiledPolicy, wall: number): Status {
  const days = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - days * MS_PER_DAY;
  const today = dayStatus(policy, days);
  if (today.closed) {
    return today.holiday
      ? { quiet: true, reason: today.reason, holiday: today.holiday }
      : { quiet: true, reason: today.reason };
  }
  const { windows } = today;
  if (windows.some(([start, end]) => msOfDay >= start && msOfDay < end)) return { quiet: false };
  const first = windows[0];
  const last = windows.at(-1);
  const night = (first && msOfDay < first[0]) || (last && msOfDay >= last[1]);
  return { quiet: true, reason: night ? 'night' : 'between-windows' };
}

/** The first window start strictly after `wall`, as wall milliseconds. */
function nextWindowStartWall(policy: CompiledPolicy, wall: number): number {
  const days = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - days * MS_PER_DAY;
  for (let i = 0; i <= MAX_SCAN_DAYS; i++) {
    const status = dayStatus(policy, days + i);
    if (status.closed) continue;
    for (const [start] of status.windows) {
      if (i > 0 || start > msOfDay) return (days + i) * MS_PER_DAY + start;
    }
  }
  const from = civilFromDays(days);
  throw new ScheduleError(
    'NO_SEND_WINDOW',
    `Policy '${policy.name}' allows no sending in the ${MAX_SCAN_DAYS} days after ${formatIsoDate(from.year, from.month, from.day)}; give it at least one send window on a day that is not closed.`,
  );
}

/**
 * The first instant in (from, to] at which the zone's UTC offset differs from its offset at
 * `from`, to the millisecond, or undefined. Offsets are compared a day apart, then bisected: real
 * zones change at most twice a year, never twice within a day.
 */
function firstOffsetChange(timeZone: string, from: number, to: number): number | undefined {
  const offset = offsetMsAt(from, timeZone);
  for (let lo = from; lo < to; ) {
    const hi = Math.min(lo + MS_PER_DAY, to);
    if (offsetMsAt(hi, timeZone) !== offset) {
      let low = lo;
      let high = hi;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offsetMsAt(mid, timeZone) === offset) low = mid;
        else high = mid;
      }
      return high;
    }
    lo = hi;
  }
  return undefined;
}

/** The first allowed instant at or after `start` (epoch ms). */
export function nextAllowedMs(policy: CompiledPolicy, start: number): number {
  let t = start;
  for (let step = 0; step < MAX_STEPS; step++) {
    const wall = t + offsetMsAt(t, policy.timeZone);
    if (!statusAtWall(policy, wall).quiet) return t;
    const target = nextWindowStartWall(policy, wall);
    const { instants, shiftedForward } = instantsForWallMs(target, policy.timeZone);
    // A window start skipped by a forward change opens when the clock jumps past it; one repeated
    // by a backward change opens at its first occurrence after t.
    let candidate = instants.length === 0 ? shiftedForward : (instants.find((x) => x > t) ?? t + 1);
    if (candidate <= t) candidate = t + 1;
    // A clock change before the candidate can put the wall clock inside a window sooner.
    t = firstOffsetChange(policy.timeZone, t, candidate) ?? candidate;
  }
  throw new ScheduleError(
    'NO_SEND_WINDOW',
    `Could not find a send window for policy '${policy.name}'; check its windows and time zone.`,
  );
}

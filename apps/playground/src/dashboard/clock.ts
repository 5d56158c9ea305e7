/**
 * The dashboard's clock control: one clock for the emulator and for the apps' clients (each
 * client is built with `now: () => emulator.clock.now()`), moved to interesting instants so that
 * quiet hours can be tried at any time of day.
 */
import {
  explainQuietTime,
  frenchPublicHolidays,
  fromZonedParts,
  isFrenchPublicHoliday,
  toZonedParts,
} from '@sms-partner/core';
import type { Emulator } from '@sms-partner/testing';

/** Instants the page offers as one-click presets. */
export type ClockPreset = 'weekday-morning' | 'weekday-evening' | 'sunday' | 'holiday';

/** What the page shows about the clock. */
export interface ClockState {
  /** The emulator's now (ISO). */
  now: string;
  /** `'real'`: ticking (possibly shifted); `'manual'`: frozen. */
  mode: 'real' | 'manual';
  /** True when the clock runs at real time with no shift. */
  realTime: boolean;
  /** Quiet-hours verdict for a commercial SMS now (SMS Partner's policy). */
  quiet: { quiet: boolean; reason: string; releaseAt: string; holiday?: string };
  /** Held or scheduled messages waiting for their release, earliest first. */
  releases: { at: string; messageId: string }[];
}

const DAY = 86_400_000;
const isoDate = (p: { year: number; month: number; day: number }) =>
  `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;

/** Paris wall time `hour:minute` on the first day from `from` (included) that `accept`s it. */
function nextDay(
  from: Date,
  hour: number,
  minute: number,
  accept: (date: string, weekday: number) => boolean,
): Date {
  for (let i = 0; i < 400; i++) {
    const day = toZonedParts(new Date(from.getTime() + i * DAY));
    if (!accept(isoDate(day), day.weekday)) continue;
    const at = fromZonedParts({ year: day.year, month: day.month, day: day.day, hour, minute });
    if (at.getTime() > from.getTime()) return at;
  }
  throw new Error('No matching day within 400 days.');
}

/** Monday to Friday, not a public holiday. */
const working = (date: string, weekday: number) =>
  weekday <= 5 && isFrenchPublicHoliday(date) === undefined;

/** The instant a preset stands for, seen from `now`. */
export function presetInstant(preset: ClockPreset, now: Date): Date {
  switch (preset) {
    case 'weekday-morning':
      return nextDay(now, 10, 0, working);
    case 'weekday-evening':
      return nextDay(now, 21, 30, working);
    case 'sunday':
      return nextDay(now, 11, 0, (_, weekday) => weekday === 7);
    case 'holiday': {
      const year = toZonedParts(now).year;
      const dates = new Set(
        [...frenchPublicHolidays(year), ...frenchPublicHolidays(year + 1)].map((h) => h.date),
      );
      // A holiday on a weekday, so that the hold is the holiday's doing and not Sunday's.
      return nextDay(now, 11, 0, (date, weekday) => weekday !== 7 && dates.has(date));
    }
  }
}

/** Parses `YYYY-MM-DDTHH:mm` as Paris wall time (what `<input type="datetime-local">` gives). */
export function parseParisLocal(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  try {
    return fromZonedParts({ year, month, day, hour, minute });
  } catch {
    return undefined;
  }
}

/** The message id of a pending emulator task that releases a held or scheduled message. */
const releaseLabel = /^send message (\d+)$/;

export function clockState(emulator: Emulator, realTime: boolean): ClockState {
  const now = emulator.clock.now();
  const why = explainQuietTime(now);
  const releases = emulator.clock.pending().flatMap((task) => {
    const m = releaseLabel.exec(task.label);
    return m ? [{ at: task.at.toISOString(), messageId: m[1] as string }] : [];
  });
  return {
    now: now.toISOString(),
    mode: emulator.clock.mode,
    realTime,
    quiet: {
      quiet: why.quiet,
      reason: why.reason,
      releaseAt: why.releaseAt.toISOString(),
      ...(why.quiet && why.holiday && { holiday: why.holiday.name }),
    },
    releases,
  };
}

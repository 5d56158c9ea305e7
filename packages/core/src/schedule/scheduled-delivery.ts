/**
 * The SMS Partner scheduling fields: `scheduledDeliveryDate` (`dd/MM/yyyy`), `time` (hour) and
 * `minute` (a multiple of 5), in Europe/Paris local time.
 *
 * The API does not document the time zone of these fields; a real scheduled message echoed
 * `2018-08-18 20:00:00` and was delivered at 20:00:06 CEST, so they are read as Paris wall-clock
 * time (the Go SDK's use of UTC looks like a bug). `timeZone` is an option in case that changes.
 *
 * @example
 * ```ts
 * import { toScheduledDeliveryFields } from '@sms-partner/core';
 * toScheduledDeliveryFields(new Date('2030-01-15T08:02:10Z'));
 * // { scheduledDeliveryDate: '15/01/2030', time: 9, minute: 5 } (09:02:10 CET rounded up)
 * ```
 * @packageDocumentation
 */
import { ScheduleError } from './errors.js';
import { daysInMonth } from './internal/civil-date.js';
import { instantMs, offsetMsAt } from './internal/zone-offsets.js';
import {
  type Disambiguation,
  fromZonedParts,
  type LocalDateTime,
  PARIS_TIME_ZONE,
  toZonedParts,
} from './wall-clock.js';

/** The three request fields that schedule a send (`/v1/send`, `/v1/bulk-send`, ...). */
export interface ScheduledDeliveryFields {
  /** Local date, `'dd/MM/yyyy'`. */
  readonly scheduledDeliveryDate: string;
  /** Local hour, 0-23. */
  readonly time: number;
  /** Local minute, a multiple of 5 from 0 to 55 (the API's error 48 otherwise). */
  readonly minute: number;
}

/** How an instant off the 5-minute grid is moved onto it. */
export type MinuteRounding = 'up' | 'down' | 'nearest';

/** Options of {@link toScheduledDeliveryFields}. */
export interface ToScheduledDeliveryFieldsOptions {
  /**
   * How to reach the 5-minute grid: `'up'` never sends early, `'down'` never sends late,
   * `'nearest'` rounds half-way (2 min 30 s) up.
   * @default 'up'
   */
  readonly rounding?: MinuteRounding;
  /**
   * The current time, against which a past instant is refused.
   * @default new Date()
   */
  readonly now?: Date;
  /**
   * The time zone of the fields.
   * @default 'Europe/Paris'
   */
  readonly timeZone?: string;
  /**
   * For local parts input: how a time skipped or repeated by a daylight-saving change is read.
   * @default 'compatible'
   */
  readonly disambiguation?: Disambiguation;
}

/** Options of {@link fromScheduledDeliveryFields}. */
export interface FromScheduledDeliveryFieldsOptions {
  /**
   * The time zone of the fields.
   * @default 'Europe/Paris'
   */
  readonly timeZone?: string;
  /**
   * How a time skipped or repeated by a daylight-saving change is read. The fields cannot tell the
   * two 02:30 of an October night apart; `'compatible'` takes the first.
   * @default 'compatible'
   */
  readonly disambiguation?: Disambiguation;
}

const GRID_MS = 300_000; // 5 minutes, a literal so that bundlers can drop it

function roundToGrid(wall: number, rounding: MinuteRounding): number {
  const ratio = wall / GRID_MS;
  const steps =
    rounding === 'down'
      ? Math.floor(ratio)
      : rounding === 'up'
        ? Math.ceil(ratio)
        : Math.floor(ratio + 0.5);
  return steps * GRID_MS;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * The scheduling fields for sending at `when`, moved onto the API's 5-minute grid.
 *
 * @param when - An instant, or local date-time parts in `options.timeZone` (Paris by default).
 * @param options - `rounding` (default `'up'`), `now`, `timeZone`, `disambiguation`.
 * @returns `{ scheduledDeliveryDate: 'dd/MM/yyyy', time, minute }`, ready to spread into a send
 *   request.
 * @throws {@link ScheduleError} `PAST_INSTANT` when the rounded time is before `now`;
 *   `INVALID_DATE` / `INVALID_PARTS` for bad input.
 * @example
 * ```ts
 * const now = new Date('2030-06-01T10:00:00Z');
 * toScheduledDeliveryFields({ year: 2030, month: 6, day: 2, hour: 9, minute: 7 }, { now });
 * // { scheduledDeliveryDate: '02/06/2030', time: 9, minute: 10 }
 * toScheduledDeliveryFields(new Date('2030-06-01T07:58:00Z'), { now, rounding: 'down' });
 * // throws ScheduleError PAST_INSTANT (09:55 Paris is before now, 12:00 Paris)
 * ```
 */
export function toScheduledDeliveryFields(
  when: Date | LocalDateTime,
  options: ToScheduledDeliveryFieldsOptions = {},
): ScheduledDeliveryFields {
  const timeZone = options.timeZone ?? PARIS_TIME_ZONE;
  const rounding = options.rounding ?? 'up';
  if (rounding !== 'up' && rounding !== 'down' && rounding !== 'nearest') {
    throw new ScheduleError(
      'INVALID_PARTS',
      `Unknown rounding ${JSON.stringify(rounding)}: use 'up', 'down' or 'nearest'.`,
    );
  }
  const ms =
    when instanceof Date
      ? instantMs(when)
      : fromZonedParts(when, timeZone, {
          disambiguation: options.disambiguation ?? 'compatible',
        }).getTime();
  return deliveryFieldsAt(ms, instantMs(options.now ?? new Date()), rounding, timeZone);
}

/**
 * @internal {@link toScheduledDeliveryFields} for an instant and options already checked, so that
 * the client, which always passes a `Date` and rounds up, carries neither the local-time input
 * nor the option checks.
 */
export function deliveryFieldsAt(
  ms: number,
  nowMs: number,
  rounding: MinuteRounding = 'up',
  timeZone: string = PARIS_TIME_ZONE,
): ScheduledDeliveryFields {
  // Round on the local grid. One pass suffices whenever the offset is a multiple of 5 minutes at
  // both ends; a second pass at the result's own offset covers the rest (historical offsets).
  let offset = offsetMsAt(ms, timeZone);
  let rounded = roundToGrid(ms + offset, rounding) - offset;
  const second = offsetMsAt(rounded, timeZone);
  if (second !== offset && (second - offset) % GRID_MS !== 0) {
    offset = second;
    rounded = roundToGrid(ms + offset, rounding) - offset;
  }

  const local = toZonedParts(new Date(rounded), timeZone);
  if (rounded < nowMs) {
    const now = toZonedParts(new Date(nowMs), timeZone);
    throw new ScheduleError(
      'PAST_INSTANT',
      `Cannot schedule a message at ${pad(local.day)}/${pad(local.month)}/${local.year} ${pad(local.hour)}:${pad(local.minute)} (${timeZone}): it is before now (${pad(now.day)}/${pad(now.month)}/${now.year} ${pad(now.hour)}:${pad(now.minute)}). Send it without scheduling, or pick a later time${ms >= nowMs ? ` (rounding '${rounding}' moved it into the past; 'up' would not)` : ''}.`,
    );
  }
  return {
    scheduledDeliveryDate: `${pad(local.day)}/${pad(local.month)}/${pad(local.year, 4)}`,
    time: local.hour,
    minute: local.minute,
  };
}

/** @internal The error for a `scheduledDeliveryDate` that is not a `dd/MM/yyyy` date (the client's too). */
export function invalidDeliveryDate(value: unknown): ScheduleError {
  return new ScheduleError(
    'INVALID_FIELDS',
    `Expected scheduledDeliveryDate as 'dd/MM/yyyy' (for example '14/07/2030'), got ${JSON.stringify(value)}.`,
  );
}

const FIELD_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function fieldNumber(value: unknown, name: string, max: number, step: number): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,2}$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (!Number.isInteger(number) || number < 0 || number > max || number % step !== 0) {
    throw new ScheduleError(
      'INVALID_FIELDS',
      `Expected ${name} to be ${step === 1 ? 'an integer' : `a multiple of ${step}`} from 0 to ${max}, got ${JSON.stringify(value)}.`,
    );
  }
  return number;
}

/**
 * The instant that scheduling fields designate: the inverse of {@link toScheduledDeliveryFields}.
 * Useful to show users when a scheduled message will leave, or to read fields back in an emulator.
 *
 * @param fields - `{ scheduledDeliveryDate: 'dd/MM/yyyy', time, minute }`; `time` and `minute` may
 *   be numbers or digit strings, as they arrive from a form.
 * @param options - `timeZone` (default `'Europe/Paris'`), `disambiguation` (default `'compatible'`).
 * @throws {@link ScheduleError} `INVALID_FIELDS` for a malformed date, an hour outside 0-23 or a
 *   minute that is not a multiple of 5 from 0 to 55.
 * @example
 * ```ts
 * fromScheduledDeliveryFields({ scheduledDeliveryDate: '18/08/2018', time: 20, minute: 0 })
 *   .toISOString(); // '2018-08-18T18:00:00.000Z'
 * ```
 */
export function fromScheduledDeliveryFields(
  fields: {
    readonly scheduledDeliveryDate: string;
    readonly time: number | string;
    readonly minute: number | string;
  },
  options: FromScheduledDeliveryFieldsOptions = {},
): Date {
  const match =
    typeof fields?.scheduledDeliveryDate === 'string'
      ? FIELD_DATE.exec(fields.scheduledDeliveryDate)
      : null;
  const day = Number(match?.[1]);
  const month = Number(match?.[2]);
  const year = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalidDeliveryDate(fields?.scheduledDeliveryDate);
  }
  const hour = fieldNumber(fields.time, 'time', 23, 1);
  const minute = fieldNumber(fields.minute, 'minute', 55, 5);
  return fromZonedParts({ year, month, day, hour, minute }, options.timeZone ?? PARIS_TIME_ZONE, {
    disambiguation: options.disambiguation ?? 'compatible',
  });
}

import { analyzeMessage, type MessageAnalysis, type MessageRange } from '../../message/index.js';
import {
  explainQuietTime,
  isQuietTime,
  type MessageCategory,
  nextSendWindow,
  ScheduleError,
} from '../../schedule/index.js';
import { instantMs } from '../../schedule/internal/zone-offsets.js';
import { deliveryFieldsAt, invalidDeliveryDate } from '../../schedule/scheduled-delivery.js';
import { instantOfLocal } from '../../schedule/wall-clock.js';
import { SmsPartnerQuietHoursError } from '../errors.js';
import type { QuietHoursMode } from '../options.js';
import type { ClientContext } from './context.js';
import type { Issues } from './validate.js';

/** Per-send message flags. */
export interface MessageFlags {
  isUnicode?: boolean | undefined;
  isStopSms?: boolean | undefined;
  range?: MessageRange | undefined;
}

const FIXES: Readonly<Record<string, string>> = {
  'too-many-parts':
    'shorten the message to at most 10 SMS parts (1530 GSM-7 characters, 670 in Unicode).',
  'low-cost-too-long':
    "shorten it to one SMS (160 GSM-7 characters) or send it on range 'premium'.",
  'empty-message': 'pass the text to send.',
  'unsupported-characters': 'remove those characters, enable isUnicode, or set transliterate.',
};

/**
 * Analyses a plain-text message with the client's message options and records its blocking
 * violations (empty, over 10 parts, low-cost over 160) as issues of `field`.
 */
export function prepareMessage(
  context: ClientContext,
  issues: Issues,
  field: string,
  text: unknown,
  flags: MessageFlags,
): MessageAnalysis | undefined {
  if (typeof text !== 'string') {
    issues.add(
      field,
      `must be a string; received ${text === null ? 'null' : typeof text}.`,
      'pass the text to send, e.g. "Bonjour !".',
    );
    return undefined;
  }
  // The client's options as they are when the call sets no flag (the common case): no copy.
  const analysis = analyzeMessage(
    text,
    flags.isUnicode === undefined && flags.isStopSms === undefined && flags.range === undefined
      ? context.message
      : {
          ...context.message,
          ...(flags.isUnicode === undefined ? {} : { isUnicode: flags.isUnicode }),
          ...(flags.isStopSms === undefined ? {} : { isStopSms: flags.isStopSms }),
          ...(flags.range === undefined ? {} : { range: flags.range }),
        },
  );
  for (const violation of analysis.violations) {
    if (violation.severity !== 'error') continue;
    issues.add(field, violation.message, FIXES[violation.code] ?? 'change the message.');
  }
  if (
    text.trim() === '' &&
    !analysis.violations.some((violation) => violation.code === 'empty-message')
  ) {
    issues.add(field, 'is empty.', FIXES['empty-message']!);
  }
  return analysis;
}

/** The API's scheduling fields. */
export interface ScheduleFields {
  scheduledDeliveryDate: string;
  time: number;
  minute: number;
}

/** Turns `scheduledAt` into the API's fields (Paris time, 5-minute steps), recording problems. */
export function scheduleFields(
  context: ClientContext,
  issues: Issues,
  field: string,
  scheduledAt: unknown,
): { fields: ScheduleFields; at: Date } | undefined {
  if (scheduledAt === undefined) return undefined;
  if (!(scheduledAt instanceof Date) || Number.isNaN(scheduledAt.getTime())) {
    issues.add(
      field,
      'must be a valid Date.',
      `pass ${field}: new Date('2030-01-15T09:00:00+01:00').`,
    );
    return undefined;
  }
  try {
    const fields = deliveryFieldsAt(instantMs(scheduledAt), instantMs(context.now()));
    // The fields are rounded to 5 minutes: report the instant they really mean (Paris wall clock,
    // the first of two in an October night, as fromScheduledDeliveryFields reads them; these
    // fields are valid by construction, so its input checks would only add weight to the client).
    const [day, month, year] = fields.scheduledDeliveryDate.split('/').map(Number) as [
      number,
      number,
      number,
    ];
    // The API's date has four digits for the year: refused as fromScheduledDeliveryFields does.
    if (year > 9999) throw invalidDeliveryDate(fields.scheduledDeliveryDate);
    return {
      fields,
      at: instantOfLocal({ year, month, day, hour: fields.time, minute: fields.minute }),
    };
  } catch (error) {
    if (error instanceof ScheduleError) {
      issues.add(
        field,
        error.message,
        error.reason === 'PAST_INSTANT'
          ? 'pass a time in the future, or omit it to send now.'
          : 'pass a valid Date in the future.',
      );
      return undefined;
    }
    throw error;
  }
}

/** What the quiet-hour policy decided for one send. */
export interface QuietHoursDecision {
  /** When the send is scheduled (the caller's time, or the next window under `'defer'`). */
  scheduledAt: Date | undefined;
  /** Under `'allow'`: when the platform will release a message it holds. */
  heldUntil: Date | undefined;
  /** Under `'defer'`: the client moved the send to the next window. */
  deferred: boolean;
}

/** Options of {@link decideQuietHours}. */
export interface QuietHoursInput {
  mode: QuietHoursMode | undefined;
  category: MessageCategory | undefined;
  scheduledAt: Date | undefined;
  /** Whether the endpoint takes scheduling fields (not `/v1/vn/send`). */
  canSchedule: boolean;
  endpoint: string;
}

/**
 * Applies the client's quiet-hour policy to a commercial send, before any network call.
 *
 * - `'allow'`: sent as asked; SMS Partner holds it, and the result's `heldUntil` says until when.
 * - `'defer'`: scheduled at the next send window; on `/v1/vn/send`, which takes no scheduling
 *   fields, it throws {@link SmsPartnerQuietHoursError} instead (sending would let the platform
 *   hold it, which the caller asked not to rely on).
 * - `'reject'`: throws {@link SmsPartnerQuietHoursError} with the next window.
 */
export function decideQuietHours(
  context: ClientContext,
  input: QuietHoursInput,
): QuietHoursDecision {
  const mode = input.mode ?? context.quietHours;
  const category = input.category ?? context.category;
  const at = input.scheduledAt ?? context.now();
  // Under 'allow' only the release instant is needed, and within one quiet stretch it is the same
  // for every instant: remembered per client, [from, until) is quiet and releases at `until`.
  const ms = at.getTime();
  const held = context.held;
  if (mode === 'allow' && category === 'commercial' && held !== undefined) {
    if (ms >= held.from && ms < held.until && held.policy === context.policy) {
      return { scheduledAt: input.scheduledAt, heldUntil: new Date(held.until), deferred: false };
    }
  }
  // Most sends leave outside quiet hours: the cheap check first, the explanation only when quiet.
  if (!isQuietTime(at, context.policy, { category })) {
    return { scheduledAt: input.scheduledAt, heldUntil: undefined, deferred: false };
  }
  if (mode === 'allow') {
    const nextWindow = nextSendWindow(at, context.policy, { category });
    // A policy that is not frozen may change between calls (and is recompiled each time).
    const policy = context.policy;
    if (policy === undefined || Object.isFrozen(policy)) {
      context.held = { from: ms, until: nextWindow.getTime(), policy };
    }
    return { scheduledAt: input.scheduledAt, heldUntil: nextWindow, deferred: false };
  }
  const explanation = explainQuietTime(at, context.policy, { category });
  if (!explanation.quiet)
    return { scheduledAt: input.scheduledAt, heldUntil: undefined, deferred: false };
  const nextWindow = explanation.releaseAt;
  const reason =
    explanation.reason === 'holiday' && explanation.holiday
      ? `holiday (${explanation.holiday.name})`
      : explanation.reason;
  if (mode === 'defer' && input.canSchedule)
    return { scheduledAt: nextWindow, heldUntil: undefined, deferred: true };
  const why =
    mode === 'defer'
      ? `${input.endpoint} cannot be scheduled, so quietHours 'defer' cannot move this commercial SMS out of quiet hours (${reason}).`
      : `This commercial SMS would leave in quiet hours (${reason}) and quietHours is 'reject'.`;
  throw new SmsPartnerQuietHoursError(
    `${why} Next send window: ${nextWindow.toISOString()}. Send it then, use quietHours 'allow' to let SMS Partner hold it, or category 'transactional' if it is not commercial.`,
    { endpoint: input.endpoint, nextWindow, reason, outcome: 'not_sent' },
  );
}

import {
  af2m2024Policy,
  af2m2026Policy,
  explainQuietTime,
  fromZonedParts,
  HOLIDAY_ZONE_TIME_ZONES,
  HOLIDAY_ZONES,
  type HolidayZone,
  type QuietHoursPolicy,
  type QuietTimeExplanation,
  smsPartnerPolicy,
} from '@sms-partner/core';
import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { table, usageError, writeJson } from '../internal/io.js';
import { oneOf } from '../internal/parse.js';

const POLICIES = {
  'sms-partner': smsPartnerPolicy,
  'af2m-2024': af2m2024Policy,
  'af2m-2026': af2m2026Policy,
} as const satisfies Record<string, QuietHoursPolicy>;
type PolicyName = keyof typeof POLICIES;

const WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads the instant argument: `now` (the default), an ISO 8601 instant with its offset
 * (`2025-06-13T19:30:00Z`), or a wall-clock time without offset (`2025-06-13 21:30`, `2025-07-14`)
 * read in `timeZone`, the recipient's clock, since that is how people say "at 21:30".
 */
export function parseInstant(value: string | undefined, timeZone: string, now: Date): Date {
  if (value === undefined || value === 'now') return now;
  if (WITH_OFFSET.test(value)) {
    const date = new Date(value.replace(' ', 'T'));
    if (!Number.isNaN(date.getTime())) return date;
  }
  const wall = WALL_CLOCK.exec(value);
  if (wall) {
    const [, year, month, day, hour = '0', minute = '0', second = '0'] = wall;
    // The SDK checks the parts (month 13, 25:00) and explains what is wrong.
    return fromZonedParts(
      {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second),
      },
      timeZone,
    );
  }
  throw usageError(`cannot read the instant "${value}".`, [
    'give "now", a local time such as "2025-06-13 21:30" or "2025-07-14", or an ISO instant such as "2025-06-13T19:30:00Z".',
  ]);
}

function reasonText(explanation: QuietTimeExplanation): string {
  switch (explanation.reason) {
    case 'holiday':
      return `public holiday${explanation.holiday ? ` (${explanation.holiday.name})` : ''}`;
    case 'closed-date':
      return 'a closed date of the policy';
    case 'sunday':
      return 'Sunday';
    case 'closed-weekday':
      return 'no send window on this weekday';
    case 'night':
      return 'outside the send hours of the day';
    case 'between-windows':
      return 'between two send windows';
    case 'transactional':
      return 'transactional messages are never held';
    case 'allowed':
      return 'inside a send window';
  }
}

function wallTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    rest || (!days && !hours) ? `${rest} min` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** `sms-partner quiet [instant]`: whether a commercial SMS would be held, why, and until when. */
export function registerQuiet(program: Command, contextOf: (command: Command) => CommandContext) {
  return program
    .command('quiet')
    .summary('is it quiet hours? why, and when is the next send window')
    .description(
      'Says whether a commercial SMS sent at an instant (default: now) would be held under a ' +
        'quiet-hours policy, why (night, Sunday, public holiday...), and when the next send window ' +
        "opens. A time without an offset is read on the recipient zone's clock (Paris by default).",
    )
    .argument('[instant]', 'now, a local time ("2025-06-13 21:30"), or an ISO instant', 'now')
    .option(
      '-p, --policy <name>',
      `${Object.keys(POLICIES).join(', ')}`,
      oneOf(Object.keys(POLICIES) as PolicyName[]),
      'sms-partner' as PolicyName,
    )
    .option(
      '-z, --zone <zone>',
      `the recipient's zone: ${HOLIDAY_ZONES.join(', ')}`,
      oneOf(HOLIDAY_ZONES),
    )
    .option('--transactional', 'a transactional message (never held)')
    .option('--json', 'print the explanation as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sms-partner quiet\n' +
        '  sms-partner quiet "2025-05-08 10:00"          # Victoire 1945: held until the 9th, 08:00\n' +
        '  sms-partner quiet 2025-06-13T19:30:00Z --policy af2m-2024 --zone RE --json',
    )
    .action(
      (
        instantArg: string,
        flags: { policy: PolicyName; zone?: HolidayZone; transactional?: boolean; json?: boolean },
        self: Command,
      ) => {
        const context = contextOf(self);
        const policy = POLICIES[flags.policy];
        const timeZone =
          flags.zone !== undefined
            ? HOLIDAY_ZONE_TIME_ZONES[flags.zone]
            : (policy.timeZone ?? HOLIDAY_ZONE_TIME_ZONES[policy.zone]);
        const instant = parseInstant(instantArg, timeZone, new Date());
        const explanation = explainQuietTime(instant, policy, {
          ...(flags.zone === undefined ? {} : { zone: flags.zone }),
          ...(flags.transactional ? { category: 'transactional' as const } : {}),
        });
        if (flags.json) {
          writeJson(context.io.stdout, { instant, ...explanation });
          return;
        }
        const { paint } = context;
        const verdict = explanation.quiet
          ? paint('yes, a commercial SMS would be held', 'red', 'bold')
          : paint('no, it may leave now', 'green', 'bold');
        const rows: Array<[string, string]> = [
          ['Quiet', verdict],
          ['Why', reasonText(explanation)],
          ['At', `${wallTime(instant, explanation.timeZone)} (${explanation.timeZone})`],
          ['Policy', explanation.policy],
        ];
        if (explanation.quiet) {
          const wait = explanation.releaseAt.getTime() - instant.getTime();
          rows.push([
            'Next window',
            `${paint(wallTime(explanation.releaseAt, explanation.timeZone), 'bold')}, in ${duration(wait)}`,
          ]);
          rows.push(['', explanation.releaseAt.toISOString()]);
        }
        context.io.stdout.write(table(rows, paint));
      },
    );
}

import { frenchPublicHolidays, HOLIDAY_ZONES, type HolidayZone } from '@sms-partner/core';
import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { table, writeJson } from '../internal/io.js';
import { integer, oneOf } from '../internal/parse.js';

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** `sms-partner holidays <year>`: the French public holidays of a year in one zone. */
export function registerHolidays(
  program: Command,
  contextOf: (command: Command) => CommandContext,
) {
  return (
    program
      .command('holidays')
      .summary('French public holidays of a year')
      .description(
        'Lists the public holidays of a year in metropolitan France, Alsace-Moselle or an overseas ' +
          'department: the days on which commercial SMS are held under the SMS Partner policy.',
      )
      // The year is checked by the SDK (1583-4099), which says what is wrong.
      .argument('<year>', 'the year, e.g. 2026', integer)
      .option(
        '-z, --zone <zone>',
        `${HOLIDAY_ZONES.join(', ')}`,
        oneOf(HOLIDAY_ZONES),
        'metropole' as HolidayZone,
      )
      .option('--json', 'print [{ date, name, key }] as JSON')
      .addHelpText(
        'after',
        '\nExamples:\n  sms-partner holidays 2026\n  sms-partner holidays 2026 --zone alsace-moselle --json',
      )
      .action((year: number, flags: { zone: HolidayZone; json?: boolean }, self: Command) => {
        const context = contextOf(self);
        const holidays = frenchPublicHolidays(year, { zone: flags.zone });
        if (flags.json) {
          writeJson(context.io.stdout, holidays);
          return;
        }
        context.io.stdout.write(
          table(
            holidays.map((h) => [
              `${h.date} ${WEEKDAY.format(new Date(`${h.date}T12:00:00Z`))}`,
              h.name,
            ]),
            context.paint,
          ),
        );
      })
  );
}

import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { table, writeJson } from '../internal/io.js';

/** `sms-partner credits`: the account's balance and SMS credits. */
export function registerCredits(program: Command, contextOf: (command: Command) => CommandContext) {
  return program
    .command('credits')
    .summary("the account's balance and SMS credits")
    .description(
      "Shows the account's money balance and its Premium, Low Cost and HLR credits (GET /v1/me).",
    )
    .option('--json', 'print the credits as JSON')
    .addHelpText('after', '\nExample:\n  SMS_PARTNER_API_KEY=... sms-partner credits')
    .action(async (flags: { json?: boolean }, self: Command) => {
      const context = contextOf(self);
      const credits = await context.client().account.credits({ signal: context.signal });
      if (flags.json) {
        writeJson(context.io.stdout, credits);
        return;
      }
      context.io.stdout.write(
        table(
          [
            ['Balance', context.paint(`${credits.balance} ${credits.currency}`, 'bold')],
            ['Premium SMS', String(credits.sms)],
            ['Low Cost SMS', String(credits.lowCostSms)],
            ['HLR lookups', String(credits.hlr)],
            ['Waiting to be sent', String(credits.pending)],
          ],
          context.paint,
        ),
      );
    });
}

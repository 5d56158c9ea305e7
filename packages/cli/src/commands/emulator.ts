import type { Command } from 'commander';
import { BASE_URL_ENV_VAR, type CommandContext } from '../internal/context.js';
import { CliError } from '../internal/io.js';
import { numberIn, oneOf } from '../internal/parse.js';

interface EmulatorFlags {
  port: number;
  host: string;
  balance: number;
  dlrDelay: number;
  quietHours: 'hold' | 'refuse' | 'off';
  strict?: boolean;
  quiet?: boolean;
}

/**
 * `sms-partner emulator`: the local SMS Partner emulator of `@sms-partner/testing`, until Ctrl+C
 * (or until `signal` aborts, for programmatic runs).
 */
export function registerEmulator(
  program: Command,
  contextOf: (command: Command) => CommandContext,
) {
  return program
    .command('emulator')
    .summary('run a local SMS Partner emulator (no account, no credits)')
    .description(
      'Starts the SMS Partner emulator of @sms-partner/testing: a local HTTP server that answers ' +
        'like https://api.smspartner.fr/v1/, delivers messages after --dlr-delay and posts delivery ' +
        'reports to your urlDlr. Its demo account uses the key from --api-key or ' +
        'SMS_PARTNER_API_KEY, or a generated one that is printed once. Stops on Ctrl+C.',
    )
    .option('--port <n>', 'port to listen on (0: any free port)', numberIn(0, 65535, true), 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--balance <eur>',
      'balance of the demo account, in euros',
      numberIn(0, Number.POSITIVE_INFINITY),
      100,
    )
    .option(
      '--dlr-delay <ms>',
      'delay before the final status and the delivery report',
      numberIn(0, Number.POSITIVE_INFINITY, true),
      2000,
    )
    .option(
      '--quiet-hours <mode>',
      'quiet hours of the demo account: hold, refuse or off',
      oneOf(['hold', 'refuse', 'off'] as const),
      'hold' as const,
    )
    .option('--strict', "refuse the documentation's placeholder keys and numbers")
    .option('--quiet', 'do not log requests')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  sms-partner emulator --port 4010 &\n' +
        `  export ${BASE_URL_ENV_VAR}=http://127.0.0.1:4010 SMS_PARTNER_API_KEY=<the key it prints>\n` +
        '  sms-partner send --to 0612345678 "Bonjour"',
    )
    .action(async (flags: EmulatorFlags, self: Command) => {
      const context = contextOf(self);
      // Loaded here so that the other commands do not pay for the emulator's code.
      const { startEmulator } = await import('@sms-partner/testing');
      const out = context.io.stdout;
      let emulator: Awaited<ReturnType<typeof startEmulator>>;
      try {
        emulator = await startEmulator({
          port: flags.port,
          host: flags.host,
          accounts: [
            {
              ...(context.apiKey === undefined ? {} : { apiKey: context.apiKey }),
              balance: flags.balance,
              quietHours: flags.quietHours,
              username: 'demo@example.com',
            },
          ],
          dlrDelayMs: flags.dlrDelay,
          acceptPlaceholders: !flags.strict,
          ...(flags.quiet ? {} : { logger: (line: string) => out.write(`${line}\n`) }),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new CliError(`port ${flags.port} is already in use; pick another with --port.`);
        }
        throw error;
      }
      out.write(`SMS Partner emulator listening on ${emulator.baseUrl}\n`);
      out.write(`  export ${BASE_URL_ENV_VAR}=${emulator.url}\n`);
      // A generated key is printed once so that it can be used; a key given to us never is.
      out.write(
        context.apiKey === undefined
          ? `  export SMS_PARTNER_API_KEY=${emulator.apiKey}\n`
          : '  the demo account uses your SMS_PARTNER_API_KEY / --api-key\n',
      );
      out.write('Press Ctrl+C to stop.\n');
      const { signal } = context;
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      await emulator.stop();
      out.write('Emulator stopped.\n');
    });
}

#!/usr/bin/env node
/**
 * `sms-partner-emulator`: runs the SMS Partner emulator from the command line.
 *
 * @example
 * ```sh
 * npx sms-partner-emulator --port 4010 --api-key my-test-key
 * curl "http://127.0.0.1:4010/v1/me?apiKey=my-test-key"
 * ```
 */
import { parseArgs } from 'node:util';
import { DLR_PRESETS, type DlrPresetName } from './callbacks/formats.js';
import { startEmulator } from './emulator.js';
import { portHint } from './internal/port-hint.js';
import type { QuietHoursMode } from './types.js';

const HELP = `Usage: sms-partner-emulator [options]

A local SMS Partner API (https://api.smspartner.fr/v1/) for development and tests.

Options:
  --port N            Port to listen on (default 4010; 0 for any free port)
  --host HOST         Interface to bind (default 127.0.0.1)
  --api-key KEY       API key of the demo account (default: a generated key, printed once)
  --balance EUR       Demo account balance in euros (default 100)
  --dlr-delay MS      Delay before the final status and delivery report (default 2000)
  --dlr-format NAME   Delivery-report format: ${Object.keys(DLR_PRESETS).join(', ')} (default: default)
  --quiet-hours MODE  hold | refuse | off: marketing quiet hours of the demo account (default hold)
  --clock INSTANT     Start the emulator's clock there (ISO 8601, e.g. 2025-03-16T11:00:00+01:00
                      for a Sunday in Paris); time then runs from it
  --frozen            Keep the clock still (with --clock: at that instant)
  --strict            Refuse what the real API refuses: the docs' placeholders ('YOUR API KEY',
                      '336xxxxxxxx') and bodies cut short by a Content-Length counted in characters
  --quiet             Do not log requests
  -h, --help          Show this help
`;

function fail(message: string): never {
  process.stderr.write(`sms-partner-emulator: ${message}\n\n${HELP}`);
  process.exit(2);
}

function number(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    fail(`--${name} needs a number >= 0, got "${value}".`);
  return parsed;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        balance: { type: 'string' },
        'dlr-delay': { type: 'string' },
        'dlr-format': { type: 'string' },
        'quiet-hours': { type: 'string' },
        clock: { type: 'string' },
        frozen: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const quietHours = (values['quiet-hours'] as string | undefined) ?? 'hold';
  if (!['hold', 'refuse', 'off'].includes(quietHours)) {
    fail(`--quiet-hours must be hold, refuse or off, got "${quietHours}".`);
  }
  const dlrFormat = (values['dlr-format'] as string | undefined) ?? 'default';
  if (!(dlrFormat in DLR_PRESETS)) fail(`unknown --dlr-format "${dlrFormat}".`);
  const clockText = values.clock as string | undefined;
  const clockStart = clockText === undefined ? undefined : Date.parse(clockText);
  if (clockStart !== undefined && Number.isNaN(clockStart)) {
    fail(
      `--clock needs an ISO 8601 instant such as 2025-03-16T11:00:00+01:00, got "${clockText}".`,
    );
  }
  const apiKey = values['api-key'] as string | undefined;
  if (apiKey !== undefined && apiKey.trim() === '') fail('--api-key must not be empty.');

  const emulator = await startEmulator({
    port: number('port', values.port as string | undefined, 4010),
    host: (values.host as string | undefined) ?? '127.0.0.1',
    accounts: [
      {
        ...(apiKey !== undefined ? { apiKey } : {}),
        balance: number('balance', values.balance as string | undefined, 100),
        quietHours: quietHours as QuietHoursMode,
        username: 'demo@example.com',
      },
    ],
    dlrDelayMs: number('dlr-delay', values['dlr-delay'] as string | undefined, 2000),
    dlrFormat: dlrFormat as DlrPresetName,
    strict: values.strict === true,
    ...(clockStart !== undefined || values.frozen
      ? {
          clock: {
            ...(clockStart !== undefined ? { start: clockStart } : {}),
            frozen: values.frozen === true,
          },
        }
      : {}),
    logger: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });

  process.stdout.write(`SMS Partner emulator listening on ${emulator.baseUrl}\n`);
  if (clockStart !== undefined || values.frozen) {
    process.stdout.write(
      `Clock: ${emulator.clock.now().toISOString()}${values.frozen ? ' (frozen)' : ''}\n`,
    );
  }
  if (apiKey === undefined) {
    // A generated key is printed once so that it can be used; a key given on the command line
    // is never echoed.
    process.stdout.write(`Demo account API key: ${emulator.apiKey}\n`);
  } else {
    process.stdout.write('Demo account API key: the one given with --api-key\n');
  }

  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  fail(
    code === 'EADDRINUSE'
      ? `the port is already in use. Fix: ${portHint(process.env)}, or --port 0 for any free port.`
      : String(error),
  );
});

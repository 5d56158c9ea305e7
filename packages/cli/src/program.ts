import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerCredits } from './commands/credits.js';
import { registerEmulator } from './commands/emulator.js';
import { registerHolidays } from './commands/holidays.js';
import { registerQuiet } from './commands/quiet.js';
import { registerSend } from './commands/send.js';
import { registerStatus } from './commands/status.js';
import { BASE_URL_ENV_VAR, createContext, type GlobalOptions } from './internal/context.js';
import { formatCliError, redactor, toCliError } from './internal/errors.js';
import type { CliIo, ExitCode } from './internal/io.js';
import { numberIn } from './internal/parse.js';
import { VERSION } from './version.js';

// An unknown option is echoed back by the parser; `--api-kye=SECRET` must not print the secret.
function hideOptionValues(text: string): string {
  return text.replace(/(--?[\w-]+)=([^'\s]+)/g, '$1=…');
}

/** Builds the `sms-partner` program for one run. */
export function createProgram(io: CliIo, signal: AbortSignal | undefined): Command {
  const program = new Command('sms-partner');
  const contextOf = (command: Command) =>
    createContext(io, command.optsWithGlobals<GlobalOptions>(), signal);
  program
    .description(
      'The SMS Partner command line: cost a message character by character, send SMS, read ' +
        'statuses and credits, French public holidays and quiet hours, and a local emulator.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option(
      '--api-key <key>',
      'API key (default: $SMS_PARTNER_API_KEY, the safer way: no shell history)',
    )
    .option(
      '--base-url <url>',
      `API address, e.g. the emulator's (default: $${BASE_URL_ENV_VAR} or https://api.smspartner.fr)`,
    )
    .option(
      '--timeout <ms>',
      'milliseconds allowed per request',
      numberIn(1, Number.POSITIVE_INFINITY, true),
    )
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output (NO_COLOR works too)')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(hideOptionValues(text)),
    })
    .exitOverride();

  registerAnalyze(program, contextOf);
  registerSend(program, contextOf);
  registerStatus(program, contextOf);
  registerCredits(program, contextOf);
  registerHolidays(program, contextOf);
  registerQuiet(program, contextOf);
  registerEmulator(program, contextOf);

  for (const command of program.commands) {
    command
      .exitOverride()
      .showHelpAfterError(`(add --help for usage: sms-partner ${command.name()} --help)`)
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        outputError: (text, write) => write(hideOptionValues(text)),
      });
  }
  return program;
}

/** Runs the program on `argv` and resolves to the exit status; never throws. */
export async function runProgram(
  argv: readonly string[],
  io: CliIo,
  signal: AbortSignal | undefined,
): Promise<ExitCode> {
  const program = createProgram(io, signal);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end the parse through an "error" with status 0.
      if (error.exitCode === 0) return 0;
      // Commander already printed the message (and the usage hint) on stderr.
      return 2;
    }
    const apiKey = program.opts<GlobalOptions>().apiKey ?? io.env.SMS_PARTNER_API_KEY;
    const cliError = toCliError(error, redactor([apiKey]));
    io.stderr.write(formatCliError(cliError));
    return cliError.exitCode;
  }
}

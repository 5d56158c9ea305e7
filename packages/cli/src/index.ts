/**
 * `@sms-partner/cli`: the `sms-partner` command, and {@link run} to call it from a script or a
 * test with your own streams.
 *
 * @example
 * ```ts
 * import { run } from '@sms-partner/cli';
 *
 * const exitCode = await run(['holidays', '2026', '--json']);
 * ```
 * @packageDocumentation
 */
import type { CliIo, OutputStream } from './internal/io.js';
import { runProgram } from './program.js';

export type { ExitCode, OutputStream } from './internal/io.js';
export { VERSION } from './version.js';

/** Options of {@link run}: where it reads and writes, and what stops a long-running command. */
export interface RunOptions {
  /**
   * Where results go (tables, or JSON with `--json`).
   * @default process.stdout
   */
  stdout?: OutputStream;
  /**
   * Where errors, warnings and the progress bar go.
   * @default process.stderr
   */
  stderr?: OutputStream;
  /**
   * Where a message is read from when the command is given `-` (or no text and a pipe).
   * @default process.stdin
   */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /**
   * The environment: `SMS_PARTNER_API_KEY`, `SMS_PARTNER_BASE_URL`, `NO_COLOR`, `FORCE_COLOR`.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Interrupts the run: `emulator` stops (it otherwise runs until this aborts), `send` starts no
   * new batch and prints what was and was not sent, a request in flight is abandoned.
   */
  signal?: AbortSignal;
}

/**
 * Runs the `sms-partner` command line with `argv` (the arguments after the command name) and
 * resolves to its exit status: 0 on success, 1 on failure, 2 on a usage error (an unknown
 * option, a missing argument, a value that is not valid). It never throws and never calls
 * `process.exit`; errors are written to `stderr`.
 *
 * @example
 * ```ts
 * import { run } from '@sms-partner/cli';
 *
 * let output = '';
 * const code = await run(['analyze', '--json', 'Bonjour !'], {
 *   stdout: { write: (chunk: string) => (output += chunk) },
 * });
 * console.log(code, JSON.parse(output).analysis.segments); // 0 1
 * ```
 */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const io: CliIo = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    stdin: options.stdin ?? process.stdin,
    env: options.env ?? process.env,
  };
  return runProgram(argv, io, options.signal);
}

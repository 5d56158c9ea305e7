/**
 * Where the command writes, and whether it may colour: stdout carries results (a table, or JSON
 * with `--json`), stderr carries errors and the progress bar, so `sms-partner ... --json | jq`
 * always sees clean output.
 */

/** A stream the command writes to (process.stdout, or a buffer in tests). */
export interface OutputStream {
  /** Writes text (no newline added). */
  write(chunk: string): unknown;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
  /** Terminal width, when it is one. */
  columns?: number;
}

/** The streams and environment a run uses. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

/** Exit status of a run: 0 success, 1 failure, 2 usage error (bad command line or argument). */
export type ExitCode = 0 | 1 | 2;

/** A failure the command reports on stderr before exiting with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;
  /** Lines printed under the message (issues, hints). */
  readonly details: readonly string[];

  constructor(message: string, exitCode: ExitCode = 1, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}

/** A wrong command line or argument value: exit status 2. */
export function usageError(message: string, details: readonly string[] = []): CliError {
  return new CliError(message, 2, details);
}

/**
 * Whether to colour `stream`: `--color`/`--no-color` first, then `NO_COLOR` (any non-empty value
 * turns colour off, as https://no-color.org asks), then `FORCE_COLOR`, then whether the stream is
 * a terminal that is not `TERM=dumb`.
 */
export function shouldColor(
  stream: OutputStream,
  env: CliIo['env'],
  flag: boolean | undefined,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  strike: [9, 29],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  inverse: [7, 27],
} as const;

/** An ANSI style name. */
export type Style = keyof typeof CODES;

/** Applies ANSI styles when colour is on, nothing otherwise. */
export type Paint = (text: string, ...styles: Style[]) => string;

/** A {@link Paint} that colours when `enabled`. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, ...styles) => {
    let out = text;
    for (const style of styles) {
      const [open, close] = CODES[style];
      out = `\u001b[${open}m${out}\u001b[${close}m`;
    }
    return out;
  };
}

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a value as indented JSON and a newline. */
export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Aligned `label  value` lines. */
export function table(rows: ReadonlyArray<readonly [string, string]>, paint: Paint): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${paint(label.padEnd(width), 'dim')}  ${value}\n`).join('');
}

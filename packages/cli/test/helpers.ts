import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command, as npm links it: the tests run what users run. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) {
  throw new Error(
    `${BIN} is missing: build the package first (pnpm --filter @sms-partner/cli build).`,
  );
}

/** What a run of the command printed and how it exited. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link cli}. */
export interface CliOptions {
  /** Environment variables on top of a clean one (PATH only, no colour forcing, no API key). */
  env?: Record<string, string | undefined>;
  /** Text written to stdin (stdin is then a pipe; otherwise it is closed). */
  input?: string;
}

/** Runs `sms-partner ...args` as a child process and collects its output. */
export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Matches any ANSI escape sequence. */
export const ANSI = /\u001b\[[0-9;]*[A-Za-z]/;

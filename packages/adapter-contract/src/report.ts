/**
 * Prints one line with a guarantee's figures, so that a CI log shows what was proven and with
 * which counts (vitest shows a test's console output under its name).
 */
export function report(line: string): void {
  console.log(`[guarantee] ${line}`);
}

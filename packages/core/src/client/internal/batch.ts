/**
 * Runs `task` over `items` with at most `concurrency` in flight, each item exactly once, results in
 * input order. With `stopOnError`, items not yet started after a failure are left out (reported as
 * `'skipped'`).
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  stopOnError: boolean,
  task: (item: T, index: number) => Promise<R>,
): Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown } | { ok: 'skipped' }>> {
  const outcomes: Array<
    { ok: true; value: R } | { ok: false; error: unknown } | { ok: 'skipped' }
  > = items.map(() => ({ ok: 'skipped' as const }));
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !(stopOnError && failed)) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await task(items[index]!, index) };
      } catch (error) {
        failed = true;
        outcomes[index] = { ok: false, error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return outcomes;
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

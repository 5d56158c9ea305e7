import type { SmsPartnerError } from '../../errors.js';
import type { BatchOptions, BatchResult } from '../resources/sms-types.js';
import { Issues, MAX_RECIPIENTS } from './validate.js';

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

/** `batchSize`, checked. */
export function batchSize(batch: BatchOptions): number {
  const size = batch.batchSize ?? MAX_RECIPIENTS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_RECIPIENTS) {
    const issues = new Issues();
    issues.add(
      'batchSize',
      `must be an integer from 1 to ${MAX_RECIPIENTS}; received ${String(size)}.`,
      'omit it to send 500 per request.',
    );
    issues.done();
  }
  return size;
}

/** `concurrency`, checked. */
export function concurrency(batch: BatchOptions): number {
  const value = batch.concurrency ?? 2;
  if (!Number.isInteger(value) || value < 1) {
    const issues = new Issues();
    issues.add(
      'concurrency',
      `must be an integer of at least 1; received ${String(value)}.`,
      'pass concurrency: 2.',
    );
    issues.done();
  }
  return value;
}

/**
 * Sends each group once with bounded concurrency and sorts the outcomes into results, failures
 * and skipped recipients. Nothing is retried here: the transport already retried what was safe.
 */
export async function runBatches<G, R>(
  groups: readonly G[],
  batch: BatchOptions,
  duplicatesRemoved: number,
  recipientsOf: (group: G) => string[],
  send: (group: G) => Promise<R>,
): Promise<BatchResult<R>> {
  const outcomes = await runBounded(groups, concurrency(batch), batch.stopOnError ?? false, send);
  const result: BatchResult<R> = { results: [], failures: [], skipped: [], duplicatesRemoved };
  outcomes.forEach((outcome, index) => {
    const recipients = recipientsOf(groups[index]!);
    if (outcome.ok === true) result.results.push(outcome.value);
    else if (outcome.ok === false) {
      result.failures.push({ recipients, error: outcome.error as SmsPartnerError });
    } else result.skipped.push(...recipients);
  });
  return result;
}

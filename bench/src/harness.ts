/**
 * A small timing harness: warm-up, then several rounds in which every contender runs in turn
 * (so that machine noise hits all of them alike), and the median of the rounds.
 */

export interface Timing {
  /** Median passes over the workload per second. */
  opsPerSecond: number;
  /** All rounds, for the spread. */
  rounds: number[];
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Sink that keeps results alive, so that no work is optimised away. */
export let sink = 0;

function pass(work: readonly string[], fn: (text: string) => unknown): void {
  for (const text of work) {
    const r = fn(text);
    sink += typeof r === 'number' ? r : (r as { segments: number }).segments;
  }
}

/**
 * Times `fns` over the same `work`, interleaved: `rounds` rounds of about `roundSeconds` each
 * per function, after a warm-up of about `warmSeconds`.
 */
export function measure(
  fns: ((text: string) => unknown)[],
  work: readonly string[],
  options: { rounds: number; roundSeconds: number; warmSeconds: number },
): Timing[] {
  // Warm-up, and how many passes fit in one round for each function.
  const batch = fns.map((fn) => {
    let passes = 0;
    const start = now();
    do {
      pass(work, fn);
      passes++;
    } while (now() - start < options.warmSeconds);
    const perPass = (now() - start) / passes;
    return Math.max(1, Math.round(options.roundSeconds / perPass));
  });
  const rounds: number[][] = fns.map(() => []);
  for (let r = 0; r < options.rounds; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (k + r) % fns.length; // rotate the order between rounds
      const n = batch[i]!;
      const start = now();
      for (let b = 0; b < n; b++) pass(work, fns[i]!);
      rounds[i]!.push(n / (now() - start));
    }
  }
  return rounds.map((values) => ({ opsPerSecond: median(values), rounds: values }));
}

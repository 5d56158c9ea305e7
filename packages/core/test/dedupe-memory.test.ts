/**
 * The default dedupe store's memory stays bounded: 1,000,000 distinct delivery reports go
 * through the webhook handler in a child process (so that nothing else in the test runner moves
 * its resident set size), which reports its RSS after a full GC at checkpoints. The same ids'
 * keys in a store that never forgets show that the bound asserted here fails for an unbounded
 * store. About 25 s of CPU (the handler takes ~25 µs a report on these machines).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TOTAL = 1_000_000;
/** Measured once the store is full (10,000 keys by default) and warm, then at the end. */
const CHECKPOINTS = [100_000, 550_000, TOTAL];
/**
 * RSS growth allowed from the first checkpoint to the last: the store is full by the first, so a
 * bounded store grows by what the allocator keeps after GC only (1 to 15 MB measured here). A
 * store that keeps the 900,000 further keys needs far more than 70 bytes for each (a key alone is
 * about 40 characters, plus its entry and the map's slot): about 180 MB measured.
 */
const RSS_GROWTH_BOUND = 64 * 1024 * 1024;
/** The same for the JS heap in use after a full GC, which the allocator's slack does not blur. */
const HEAP_GROWTH_BOUND = 8 * 1024 * 1024;

interface ChildReport {
  storeKind: string;
  handled: number;
  refused: number;
  samples: { ids: number; rss: number; heapUsed: number }[];
}

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sms-partner-dedupe-memory-'));
  bundle = join(dir, 'core.mjs');
  // The child runs core from its sources, bundled (the test never depends on a stale dist/).
  await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    logLevel: 'silent',
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function feed(storeKind: 'handler' | 'unbounded'): Promise<ChildReport> {
  const child = fileURLToPath(new URL('./memory/dedupe-child.mjs', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', child, bundle, storeKind, String(TOTAL), CHECKPOINTS.join(',')],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as ChildReport;
}

const growth = (report: ChildReport, of: 'rss' | 'heapUsed' = 'rss') =>
  (report.samples.at(-1)?.[of] ?? 0) - (report.samples[0]?.[of] ?? 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('the default dedupe store after 1,000,000 distinct ids', () => {
  // Guards against a hang on a loaded CI machine; nothing is timed.
  it('keeps the RSS bounded, where a store that never forgets grows past the bound', {
    timeout: 600_000,
  }, async () => {
    const [bounded, unbounded] = await Promise.all([feed('handler'), feed('unbounded')]);
    for (const report of [bounded, unbounded]) {
      expect(report.handled).toBe(TOTAL);
      expect(report.refused).toBe(0);
      expect(report.samples.map((sample) => sample.ids)).toEqual(CHECKPOINTS);
    }
    expect(growth(bounded)).toBeLessThan(RSS_GROWTH_BOUND);
    expect(growth(bounded, 'heapUsed')).toBeLessThan(HEAP_GROWTH_BOUND);
    // The control: the same bounds fail for an unbounded store, so they do measure the store.
    expect(growth(unbounded)).toBeGreaterThan(RSS_GROWTH_BOUND);
    expect(growth(unbounded, 'heapUsed')).toBeGreaterThan(HEAP_GROWTH_BOUND);
    console.log(
      `[guarantee] dedupe memory: ${TOTAL} distinct ids through the handler -> default store RSS ` +
        `${bounded.samples.map((s) => mb(s.rss)).join(' / ')} at ${CHECKPOINTS.join(' / ')} ids ` +
        `(growth ${mb(growth(bounded))}, bound ${mb(RSS_GROWTH_BOUND)}; heap growth ` +
        `${mb(growth(bounded, 'heapUsed'))}, bound ${mb(HEAP_GROWTH_BOUND)}); unbounded control ` +
        `${unbounded.samples.map((s) => mb(s.rss)).join(' / ')} (growth ${mb(growth(unbounded))}, ` +
        `heap growth ${mb(growth(unbounded, 'heapUsed'))})`,
    );
  });
});

/**
 * The queue benchmark: the emulator's raw bulk-send capacity (plain fetch from worker-like
 * processes, no queue) against the outbox end to end (the same processes running outbox workers
 * on Redis), Redis commands per message, and the full-size crash scenario. Prints the Markdown
 * section of BENCHMARKS.md. Run with `pnpm --filter @sms-partner/bullmq bench:campaign`.
 *
 * Flags: --recipients N (crash scenario size, default 1,000,000), --e2e N (throughput run size,
 * default 100,000), --skip-crash, --skip-throughput, --write (into BENCHMARKS.md).
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@sms-partner/testing';
import { build } from 'esbuild';
import { runCampaignSimulation, type SimulationReport } from '../test/simulation/run-campaign.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const crashSize = flag('recipients', 1_000_000);
const e2eSize = flag('e2e', 100_000);
const WORKERS = 4;
const CONCURRENCY = 2;
const HEADING = '## Queue (@sms-partner/bullmq)';
const log = (line: string) => console.error(`[bench] ${line}`);

async function rawCapacity(recipients: number): Promise<{ seconds: number; perSecond: number }> {
  const outfile = join(process.cwd(), 'node_modules', '.cache', 'simulation', 'raw.mjs');
  await build({
    entryPoints: [join(process.cwd(), 'test/simulation/raw-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  const emulator = await startEmulator({ accounts: [{ quietHours: 'off', balance: 10_000_000 }] });
  try {
    const batches = Math.ceil(recipients / 500);
    const per = Math.ceil(batches / WORKERS);
    const children = await Promise.all(
      Array.from({ length: WORKERS }, async (_, i) => {
        const child = fork(outfile, [], {
          env: {
            ...process.env,
            SIM_RAW: JSON.stringify({
              baseUrl: emulator.baseUrl,
              apiKey: emulator.apiKey,
              batches: Math.min(per, batches - i * per),
              offset: i * per,
              concurrency: CONCURRENCY,
            }),
          },
        });
        await new Promise((ready) => child.once('message', ready));
        return child;
      }),
    );
    const started = Date.now();
    await Promise.all(
      children.map(
        (child) =>
          new Promise((done) => {
            child.once('message', done);
            child.send('go');
          }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    for (const child of children) child.kill();
    const sent = emulator.messages().reduce((n, m) => n + m.recipients.length, 0);
    return { seconds, perSecond: sent / seconds };
  } finally {
    await emulator.stop();
  }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const lines: string[] = [];
if (!args.includes('--skip-throughput')) {
  log(
    `raw capacity: ${fmt(e2eSize)} recipients by plain fetch from ${WORKERS} processes × ${CONCURRENCY}`,
  );
  const raw = await rawCapacity(e2eSize);
  log(`raw: ${fmt(raw.perSecond)} messages/s`);
  log(
    `end to end: ${fmt(e2eSize)} recipients through ${WORKERS} outbox worker processes × ${CONCURRENCY}, no faults, MONITOR on`,
  );
  const e2e = await runCampaignSimulation({
    recipients: e2eSize,
    workers: WORKERS,
    concurrency: CONCURRENCY,
    kill: false,
    faults: false,
    quietHours: false,
    deliveryReports: false,
    limiter: { max: 10_000, duration: 1000 },
    monitor: true,
    log,
  });
  log(JSON.stringify(e2e));
  const top = Object.entries(e2e.redis.clientCommands ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, calls]) => `${name} ${fmt(calls / e2eSize, 3)}`)
    .join(', ');
  lines.push(
    `Throughput, ${fmt(e2eSize)} recipients, ${WORKERS} processes × ${CONCURRENCY} requests in flight, batches of 500, emulator in the parent process (one run, same machine, side by side):`,
    '',
    '| path | messages/s | ratio |',
    '|---|---:|---:|',
    `| raw \`fetch\` of \`/v1/bulk-send\` (the emulator's capacity) | ${fmt(raw.perSecond)} | 1.00 |`,
    `| outbox end to end (enqueue, BullMQ, records before/after, \`SmsPartnerClient.sms.bulkSend\`) | ${fmt(e2e.messagesPerSecond)} | ${(e2e.messagesPerSecond / raw.perSecond).toFixed(2)} |`,
    '',
    `Redis per message on that run: ${fmt(e2e.redis.clientCommandsPerMessage ?? 0, 3)} commands sent by clients (MONITOR, Lua-internal calls excluded; ${top}), ${fmt(e2e.redis.commandsPerMessage, 2)} commands executed in all (INFO commandstats, Lua-internal calls included). Per batch of 500 that is about ${fmt((e2e.redis.clientCommandsPerMessage ?? 0) * 500, 0)} round trips (BullMQ's fetch and completion, the claim and the finish scripts, enqueue).`,
    '',
  );
}
if (!args.includes('--skip-crash')) {
  log(
    `crash scenario: ${fmt(crashSize)} recipients, ${WORKERS} workers killed at random, faults, quiet hours`,
  );
  const report: SimulationReport = await runCampaignSimulation({
    recipients: crashSize,
    transactional: 1_000,
    workers: WORKERS,
    concurrency: CONCURRENCY,
    deliveryReports: crashSize <= 100_000,
    limiter: { max: 20, duration: 1000 },
    log,
  });
  log(JSON.stringify(report));
  lines.push(
    `Crash scenario, ${fmt(report.recipients)} recipients (a commercial campaign of ${fmt(crashSize)} plus 1,000 transactional), ${WORKERS} worker processes, ${report.kills} SIGKILLs at random moments (${report.cutRequests} requests cut mid-call), faults injected into bulk-send ${JSON.stringify(report.faults)}, across Réunion's quiet minute and Paris's two, limiter 20 requests/s:`,
    '',
    '| recorded once | twice or more | lost | unexpected | commercial in quiet hours | delayed to the window | transactional sent in quiet hours | seconds | messages/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${fmt(report.recorded)} of ${fmt(report.expectedSent)} | ${report.duplicates} | ${report.lost} | ${report.unexpected} | ${report.commercialInQuietHours} | ${fmt(report.commercialDelayed)} | ${fmt(report.transactionalInQuietHours)} | ${fmt(report.seconds)} | ${fmt(report.messagesPerSecond)} |`,
    '',
    `Counts at the end: ${JSON.stringify(report.counts)}${crashSize > 100_000 ? ' (delivery reports off at this size: the emulator would POST one callback per recipient to a webhook in the same process; the CI-size run counts them)' : ''}.`,
    '',
  );
}
const section = [
  HEADING,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, redis-server from Debian; shared with other jobs, so absolute figures are noisy and the ratio is the figure to read. Command: \`pnpm --filter @sms-partner/bullmq bench:campaign\` (\`-- --write\` puts this section into BENCHMARKS.md).`,
  '',
  ...lines,
].join('\n');
console.log(section);
if (args.includes('--write')) {
  // Replaces this section (from its heading to the next one) and leaves the others alone.
  const file = join(process.cwd(), '../../BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(HEADING);
  const next = at < 0 ? -1 : text.indexOf('\n## ', at + HEADING.length);
  const updated =
    at < 0
      ? `${text.trimEnd()}\n\n${section}\n`
      : `${text.slice(0, at)}${section}\n${next < 0 ? '' : text.slice(next)}`;
  writeFileSync(file, updated);
  log(`written: ${file}`);
}
process.exit(0);

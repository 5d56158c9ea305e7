/**
 * The client benchmark alone, printed (never written): wall and caller CPU time per call of
 * `SmsPartnerClient` against raw `fetch`, for tuning the client without the rest of `pnpm bench`.
 * Run: `node bench/scripts/client.mjs [--quick] [--rounds=N] [--calls=N]`.
 */
import { fmt, table } from '../markdown.js';
import { clientBench } from './client.js';
import { HTTP_SETTINGS } from './report.js';

const args = process.argv.slice(2);
const numberArg = (name: string) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? undefined : Number(found.slice(name.length + 3));
};
const base = args.includes('--quick') ? HTTP_SETTINGS.quick.client : HTTP_SETTINGS.full.client;
const settings = {
  ...base,
  rounds: numberArg('rounds') ?? base.rounds,
  callsPerRound: numberArg('calls') ?? base.callsPerRound,
};
const log = (line: string) => process.stdout.write(`${line}\n`);
const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${fmt((ratio - 1) * 100, 1)} %`;
const spread = (values: number[]) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

const quartiles = (ratios: number[]) => {
  const s = [...ratios].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `${pct(at(0.25))} to ${pct(at(0.75))}`;
};

const results = await clientBench(settings, log);
log(
  `\n${settings.rounds} rounds of ${settings.callsPerRound} calls (after ${settings.warmCalls} warm-up calls); µs: medians of the rounds; overheads: medians of the per-round client ÷ raw ratios\n`,
);
log(
  table(
    [
      'call',
      'callers',
      'raw µs/call',
      'client µs/call',
      'wall overhead',
      'raw CPU µs/call',
      'client CPU µs/call',
      'CPU overhead',
      'CPU overhead, middle half of rounds',
      'wall spread (raw / client)',
      'raw + signal µs/call (CPU)',
      'client over raw + signal (wall / CPU)',
    ],
    results.map((r) => [
      r.name,
      r.concurrency === 1 ? 'sequential' : `${r.concurrency} concurrent`,
      fmt(r.rawUs),
      fmt(r.clientUs),
      pct(r.wallRatio),
      fmt(r.rawCpuUs, 1),
      fmt(r.clientCpuUs, 1),
      pct(r.cpuRatio),
      quartiles(r.cpuRatios),
      `${spread(r.rawRounds)} / ${spread(r.clientRounds)}`,
      `${fmt(r.signalUs)} (${fmt(r.signalCpuUs, 1)})`,
      `${pct(r.signalWallRatio)} / ${pct(r.signalCpuRatio)}`,
    ]),
  ),
);

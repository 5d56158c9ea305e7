/**
 * `pnpm bench`: times analyzeMessage against its peers and a bare lookup loop on one corpus, in
 * one run, checks every peer's answers against the reference, measures the bundle size, and
 * writes BENCHMARKS.md at the repository root.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Contender, contenders, type Result } from './contenders.js';
import { type CorpusMessage, FAMILIES, type Family, makeCorpus, PROBES } from './corpus.js';
import { measure, type Timing } from './harness.js';
import { httpSections } from './http/report.js';
import type { Framework } from './http/webhooks.js';
import { fmt, keepForeignSections, table } from './markdown.js';
import { bundleSize, type Size } from './size.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
// --http-only: only the webhook and client benchmarks, printed, never written.
const httpOnly = args.has('--http-only');
// --webhooks-only: only the webhook benchmark, printed, never written.
const webhooksOnly = args.has('--webhooks-only');
const write = !args.has('--no-write') && !httpOnly && !webhooksOnly;
// --frameworks=hono,express: with --webhooks-only, only those servers (never written either).
const frameworksArg = [...args].find((arg) => arg.startsWith('--frameworks='));
const frameworks = frameworksArg?.slice('--frameworks='.length).split(',') as
  | Framework[]
  | undefined;
const log = (line: string) => process.stdout.write(`${line}\n`);
const settings = quick
  ? { perFamily: 8, rounds: 3, roundSeconds: 0.05, warmSeconds: 0.05 }
  : { perFamily: 40, rounds: 7, roundSeconds: 0.4, warmSeconds: 0.3 };

const corpus = makeCorpus(settings.perFamily);
const texts = corpus.map((m) => m.text);
const chars = (list: readonly string[]) => list.reduce((n, t) => n + t.length, 0);
const byName = (name: string) => contenders.find((c) => c.name === name)!;
const reference = byName('sms-segments-calculator');
const ours = byName('analyzeMessage (auto)');
const bare = byName('bare lookup loop');
const partner = byName('analyzeMessage (SMS Partner)');

function same(a: Result, b: Result): boolean {
  return a.encoding === b.encoding && a.segments === b.segments;
}

/** Where each peer disagrees with the reference: per family on the corpus, and on the probes. */
function correctness(c: Contender) {
  if (c === bare) return undefined;
  const wrong: Record<string, number> = {};
  for (const m of corpus) {
    const expected = reference.count(m.text) as Result;
    if (!same(c.count(m.text) as Result, expected)) wrong[m.family] = (wrong[m.family] ?? 0) + 1;
  }
  const probes = PROBES.filter(
    (p) => !same(c.count(p.text) as Result, reference.count(p.text) as Result),
  ).map((p) => p.name);
  return { wrong, probes, correct: Object.keys(wrong).length === 0 && probes.length === 0 };
}

async function main(): Promise<void> {
  if (httpOnly || webhooksOnly) {
    log(`\n${await httpSections(quick, log, webhooksOnly ? 'webhooks' : undefined, frameworks)}`);
    return;
  }
  const started = new Date();
  process.stdout.write(`corpus: ${corpus.length} messages, ${fmt(chars(texts))} characters\n`);

  const checks = new Map(contenders.map((c) => [c.name, correctness(c)]));
  process.stdout.write('correctness checked; timing...\n');

  const timings: Timing[] = measure(
    contenders.map((c) => c.count),
    texts,
    settings,
  );
  const timingOf = (c: Contender) => timings[contenders.indexOf(c)]!;

  // Per family: ours (both modes), the bare loop and the reference.
  const families = Object.keys(FAMILIES) as Family[];
  const perFamily = families.map((f) => {
    const work = corpus.filter((m: CorpusMessage) => m.family === f).map((m) => m.text);
    const picked = [ours, partner, bare, reference];
    const t = measure(
      picked.map((c) => c.count),
      work,
      { ...settings, rounds: Math.max(3, settings.rounds - 2) },
    );
    return { family: f, chars: chars(work), count: work.length, t };
  });

  // Each entry of package.json `exports`, from the sources each maps to (tsup builds the same).
  const root = 'packages/core/src/index.ts';
  const sizes: Size[] = [
    await bundleSize(
      'packages/core/src/message/index.ts',
      'analyzeMessage',
      '@sms-partner/core/message',
    ),
    await bundleSize(root, 'analyzeMessage', '@sms-partner/core'),
    await bundleSize(root, 'analyzeMessage, splitMessage', '@sms-partner/core'),
    await bundleSize(root, 'SmsPartnerClient', '@sms-partner/core'),
    await bundleSize(
      'packages/core/src/client/index.ts',
      'SmsPartnerClient',
      '@sms-partner/core/client',
    ),
    await bundleSize(root, '*', '@sms-partner/core'),
  ];

  const total = chars(texts);
  const oursOps = timingOf(ours).opsPerSecond;
  const rows = contenders.map((c) => {
    const t = timingOf(c);
    const check = checks.get(c.name);
    return [
      c.name,
      fmt(t.opsPerSecond, 1),
      fmt((t.opsPerSecond * total) / 1e6, 1),
      c === ours ? '1' : `${fmt(oursOps / t.opsPerSecond, 2)}`,
      check === undefined ? '(not a calculator)' : check.correct ? 'yes' : 'no',
    ];
  });

  const peers = contenders.filter(
    (c) => c !== ours && c !== bare && !c.name.startsWith('analyzeMessage'),
  );
  const ratio = (c: Contender) => oursOps / timingOf(c).opsPerSecond;
  const verdict = (c: Contender) => {
    const k = checks.get(c.name)!;
    return k.correct
      ? 'correct'
      : `incorrect (${k.probes.length} probes${Object.keys(k.wrong).length ? ', corpus' : ''})`;
  };
  const targets: [string, string, string][] = [
    [
      '≥ 100× sms-segments-calculator',
      `${fmt(ratio(reference), 0)}×`,
      ratio(reference) >= 100 ? 'yes' : '**no**',
    ],
    ...peers
      .filter((c) => c !== reference)
      .map((c): [string, string, string] => [
        `≥ 2× ${c.name}, if correct: it is ${verdict(c)}`,
        `${fmt(ratio(c), 2)}×`,
        ratio(c) >= 2 ? 'yes' : checks.get(c.name)!.correct ? '**no**' : 'n/a (incorrect peer)',
      ]),
    [
      'within 2× of the bare lookup loop (whole corpus)',
      `${fmt(1 / ratio(bare), 2)}× the loop's time`,
      1 / ratio(bare) <= 2 ? 'yes' : '**no**',
    ],
    [
      'analyzeMessage in SMS Partner mode (the default) within 1.5× of `{ encoding: auto }` (whole corpus)',
      `${fmt(ratio(partner), 2)}×`,
      ratio(partner) <= 1.5 ? 'yes' : '**no**',
    ],
    [
      'analyzeMessage alone (`@sms-partner/core/message`) < 4 kB (4,000 B) min+gzip',
      `${fmt(sizes[0]!.gzip)} B`,
      sizes[0]!.gzip < 4000 ? 'yes' : '**no**',
    ],
    [
      'SmsPartnerClient alone (`@sms-partner/core/client`) < 15,000 B min+gzip',
      `${fmt(sizes[4]!.gzip)} B`,
      sizes[4]!.gzip < 15000 ? 'yes' : '**no**',
    ],
  ];

  const http = await httpSections(quick, log);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const md = `# Benchmarks

Produced by \`pnpm bench\` (${quick ? 'quick mode: small corpus, few rounds, not representative' : 'full run'}) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${cpu}, ${os.cpus().length} logical cores (shared with other work), ${os.platform()} ${os.release()}, Node ${process.version}.

Method: every contender processes the same corpus; after a warm-up, ${settings.rounds} rounds of about
${settings.roundSeconds} s each per contender, interleaved (the order rotates every round), median of the
rounds. A pass is one call per message of the corpus. Timings are throughput on this machine, to be
read as ratios between rows of the same run.

## Corpus

${corpus.length} messages, ${fmt(total)} characters (UTF-16 units), generated from a fixed seed:

${table(
  ['family', 'messages', 'characters', 'what'],
  families.map((f) => {
    const list = corpus.filter((m) => m.family === f).map((m) => m.text);
    return [f, list.length, fmt(chars(list)), FAMILIES[f]];
  }),
)}

## Throughput on the whole corpus

${table(['contender', 'passes/s', 'M chars/s', 'analyzeMessage (auto) is × faster', 'agrees with the reference'], rows)}

${contenders.map((c) => `- **${c.name}**: ${c.note}.`).join('\n')}

## Targets (from the product brief)

${table(['target', 'measured', 'met'], targets)}

## Per family (M characters per second)

${table(
  [
    'family',
    'analyzeMessage (auto)',
    'analyzeMessage (SMS Partner)',
    'bare loop',
    'sms-segments-calculator',
    'auto ÷ bare time',
  ],
  perFamily.map(({ family, chars: n, t }) => [
    family,
    fmt((t[0]!.opsPerSecond * n) / 1e6, 1),
    fmt((t[1]!.opsPerSecond * n) / 1e6, 1),
    fmt((t[2]!.opsPerSecond * n) / 1e6, 1),
    fmt((t[3]!.opsPerSecond * n) / 1e6, 3),
    `${fmt(t[2]!.opsPerSecond / t[0]!.opsPerSecond, 2)}×`,
  ]),
)}

## Correctness against sms-segments-calculator (encoding and number of SMS)

${table(
  ['contender', 'corpus messages that differ', 'boundary probes that differ'],
  contenders
    .filter((c) => c !== bare && c !== reference)
    .map((c) => {
      const k = checks.get(c.name)!;
      const wrong = Object.entries(k.wrong)
        .map(([f, n]) => `${f}: ${n}`)
        .join(', ');
      return [c.name, wrong || 'none', k.probes.join('; ') || 'none'];
    }),
)}

The SMS Partner mode differs from the reference by design (platform replacements, \`:br:\` counted 2,
GSM-7 unless \`isUnicode\`); it is timed because it is what the client uses.

Probes: ${PROBES.map((p) => p.name).join('; ')}.

## Bundle size

${table(
  ['import', 'minified', 'gzip -9', 'brotli'],
  sizes.map((s) => [
    `\`${s.entry}\``,
    `${fmt(s.minified)} B`,
    `${fmt(s.gzip)} B`,
    `${fmt(s.brotli)} B`,
  ]),
)}

esbuild, \`--bundle --minify --format=esm --platform=neutral\`, from the sources each entry of \`packages/core/package.json\` \`exports\` is built from (\`src/index.ts\` for \`@sms-partner/core\`, \`src/message/index.ts\` for \`/message\`, \`src/client/index.ts\` for \`/client\`); \`*\` is the whole entry.

${http}`;
  process.stdout.write(`\n${md}\n`);
  if (write) {
    const out = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
    // Sections other scripts write (the queue benchmark's) are carried over, not dropped.
    writeFileSync(out, keepForeignSections(md, existsSync(out) ? readFileSync(out, 'utf8') : ''));
    process.stdout.write(`written: ${out}\n`);
  }
}

await main();

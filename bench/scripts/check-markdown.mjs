// Checks that rewriting BENCHMARKS.md keeps the sections main.ts does not produce (the queue
// benchmark's, written by packages/bullmq/bench/campaign.ts): `pnpm --filter @sms-partner/bench
// check:markdown`, also run on the real BENCHMARKS.md by every `pnpm bench` that writes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const out = await build({
  entryPoints: [fileURLToPath(new URL('../src/markdown.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const { keepForeignSections } = await import(
  `data:text/javascript,${encodeURIComponent(out.outputFiles[0].text)}`
);

const previous =
  '# Benchmarks\n\nold\n\n## Corpus\n\nold corpus\n\n## Queue (@sms-partner/bullmq)\n\nqueue figures\n\n| a |\n|---|\n';
const generated = '# Benchmarks\n\nnew\n\n## Corpus\n\nnew corpus\n\n## Bundle size\n\nsizes\n';
const merged = keepForeignSections(generated, previous);
assert.ok(merged.startsWith(generated.trimEnd()), 'the generated text comes first, unchanged');
assert.ok(
  merged.includes('## Queue (@sms-partner/bullmq)\n\nqueue figures\n\n| a |'),
  'queue kept',
);
assert.ok(!merged.includes('old corpus'), 'a section main.ts produces is replaced');
assert.equal(keepForeignSections(generated, ''), generated, 'nothing to keep');
assert.equal(keepForeignSections(merged, merged), merged, 'idempotent');

// The committed BENCHMARKS.md: every section survives a rewrite by itself.
const real = readFileSync(fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url)), 'utf8');
const headings = (md) => md.match(/^## .*$/gm) ?? [];
const rewritten = keepForeignSections('# Benchmarks\n\n## Corpus\n', real);
for (const h of headings(real)) assert.ok(headings(rewritten).includes(h), `${h} kept`);
console.log('check:markdown: ok');

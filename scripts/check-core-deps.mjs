#!/usr/bin/env node
// Guard: @sms-partner/core must stay free of runtime and peer dependencies.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(
  readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8'),
);
const fields = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundleDependencies',
  'bundledDependencies',
];
const found = fields.flatMap((field) =>
  Object.keys(pkg[field] ?? {}).map((name) => `${field}: ${name}`),
);
if (found.length > 0) {
  console.error(
    `@sms-partner/core must have no runtime dependencies, found:\n  ${found.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('core dependency guard: @sms-partner/core has no runtime or peer dependencies');

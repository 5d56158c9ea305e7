// Reads the blocks of a package README that scripts replay as a newcomer would, marked by an HTML
// comment on the line before a fenced code block (invisible on npm and GitHub). The markers are
// the release test's (scripts/release/readme-examples.mjs on the `release` branch):
//
//   <!-- release-test: setup -->               sh: commands run in the fresh project, in order
//   <!-- release-test: package.json -->        json: fields merged into the project's package.json
//   <!-- release-test: tsconfig.json -->       json: its compilerOptions merged into tsconfig.json
//   <!-- release-test: file server.ts -->      the block is written, verbatim, to server.ts
//   <!-- release-test: file client.ts exec --> ...and, compiled, it must run to exit 0
//   <!-- release-test: run until=": delivered" -->   sh: the "try it" session
//
// The fresh project is what `npm init -y`, `npm install -D typescript` and `npx tsc --init` give
// (tsc's defaults untouched); the blocks say everything else. This reader has the same names and
// result shape as the release test's, so that one of the two can go once both have landed.

import { readFileSync } from 'node:fs';
import ts from 'typescript';

const MARKER = /^\s*<!--\s*release-test:\s*(.*?)\s*-->\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const KINDS = new Set(['setup', 'package.json', 'tsconfig.json', 'file', 'run']);

/** `file server.ts exec`, `run until=": delivered" timeout=60` → `{ kind, file?, attributes }`. */
function parseMarker(body, where) {
  const words = [...body.matchAll(/([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+)/g)].map(
    (m) => (m[1] ? { key: m[1], value: m[2] ?? m[3] ?? m[4] } : { word: m[5] }),
  );
  const kind = words.shift()?.word;
  if (!KINDS.has(kind)) {
    throw new Error(`${where}: unknown marker "${body}"; use one of ${[...KINDS].join(', ')}.`);
  }
  const marker = { kind, attributes: {} };
  if (kind === 'file') {
    marker.file = words.shift()?.word;
    if (!marker.file) throw new Error(`${where}: "file" needs a file name: file server.ts`);
  }
  for (const w of words) marker.attributes[w.key ?? w.word] = w.key ? w.value : true;
  return marker;
}

/**
 * Every marked block of a README, in order: `{ kind, file?, attributes, lang, code, line,
 * codeLine }` (`line`: the marker's 1-based line; `codeLine`: the code's first line).
 */
export function extractMarkedBlocks(markdown, source = 'README.md') {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (!m) continue;
    const where = `${source}:${i + 1}`;
    const marker = parseMarker(m[1], where);
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const open = FENCE.exec(lines[j] ?? '');
    if (!open) throw new Error(`${where}: the marker must be followed by a fenced code block.`);
    const body = [];
    let k = j + 1;
    for (; k < lines.length && lines[k].trim() !== open[1]; k++) body.push(lines[k]);
    if (k === lines.length) throw new Error(`${where}: the code block is never closed.`);
    blocks.push({
      ...marker,
      lang: open[2] || '',
      code: `${body.join('\n')}\n`,
      line: i + 1,
      codeLine: j + 2,
    });
    i = k;
  }
  return blocks;
}

/** The commands of a shell block: blank and `#` comment lines dropped, `\` continuations joined. */
export function shellCommands(code) {
  const commands = [];
  let pending = '';
  for (const raw of code.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (pending === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    commands.push((pending + line).trim());
    pending = '';
  }
  if (pending.trim()) commands.push(pending.trim());
  return commands;
}

/**
 * The package names an `npm install …` command installs (`@nestjs/core@11` → `@nestjs/core`),
 * or `undefined` for another command. A trailing `# comment` is ignored.
 */
export function installedPackages(command) {
  const words = command
    .replace(/\s#.*$/, '')
    .trim()
    .split(/\s+/);
  if (words[0] !== 'npm' || !['install', 'i', 'add'].includes(words[1])) return undefined;
  return words
    .slice(2)
    .filter((word) => !word.startsWith('-'))
    .map((spec) => {
      const at = spec.indexOf('@', 1);
      return at > 0 ? spec.slice(0, at) : spec;
    });
}

/** A JSON-with-comments file (what `tsc --init` writes), read the way tsc reads it. */
export function readJsonc(path) {
  const parsed = ts.parseConfigFileTextToJson(path, readFileSync(path, 'utf8'));
  if (parsed.error) throw new Error(`${path}: ${parsed.error.messageText}`);
  return parsed.config;
}

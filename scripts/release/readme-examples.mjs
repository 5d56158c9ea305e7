// Reads the blocks of a package README that the release test runs, marked by an HTML comment on
// the line before a fenced code block (invisible on npm and GitHub):
//
//   <!-- release-test: setup -->              sh: commands run in the fresh project, in order
//   <!-- release-test: package.json -->       json: fields merged into the project's package.json
//   <!-- release-test: tsconfig.json -->      json: its compilerOptions merged into tsconfig.json
//   <!-- release-test: file server.ts -->     the block is written, verbatim, to server.ts
//   <!-- release-test: file client.ts exec --> ...and then run, and it must exit 0: with the
//                                             command of its first line (`// client.ts — run
//                                             with: npx tsx client.ts`), else with node (after
//                                             `npx tsc` for TypeScript)
//   <!-- release-test: run until=": delivered" -->
//                                             sh: a terminal session, one command a line, that
//                                             must print the `until` text (see session.mjs)
//
// The fresh project is what `npm init -y`, `npm install -D typescript` and `npx tsc --init` give
// (tsc's defaults untouched); the blocks say everything else. In a run block, a comment line
// right after a command says what that command prints, `…` standing for anything
// (`# {"messageId":"…","billedSegments":1}`), and may go on with a line that then appears in a
// log (`…    then, in the server's log:  …: delivered`): both are checked too.
// The root README's Contributing section documents the convention for package authors.

const MARKER = /^\s*<!--\s*release-test:\s*(.*?)\s*-->\s*$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const KINDS = new Set(['setup', 'package.json', 'tsconfig.json', 'file', 'run']);
const ATTRIBUTES = {
  setup: [],
  'package.json': [],
  'tsconfig.json': [],
  file: ['exec'],
  run: ['until', 'timeout'],
};

/** Thrown for a marker that cannot be used; the message names the README line and the fix. */
export class MarkerError extends Error {
  name = 'MarkerError';
}

/**
 * Splits a marker's body (`file server.ts exec`, `run until=": delivered" timeout=60`) into its
 * words, honouring single and double quotes.
 */
export function tokenizeMarker(body) {
  const tokens = [];
  const pattern = /([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of body.matchAll(pattern)) {
    if (m[1] !== undefined) tokens.push({ key: m[1], value: m[2] ?? m[3] ?? m[4] ?? '' });
    else tokens.push({ word: m[5] ?? m[6] ?? m[7] });
  }
  return tokens;
}

function parseMarkerBody(body, where) {
  const tokens = tokenizeMarker(body);
  const first = tokens.shift();
  if (!first?.word || !KINDS.has(first.word)) {
    throw new MarkerError(
      `${where}: unknown release-test marker "${body}"; use one of ${[...KINDS].join(', ')}`,
    );
  }
  const kind = first.word;
  const marker = { kind, attributes: {} };
  if (kind === 'file') {
    const name = tokens.shift();
    if (!name?.word) throw new MarkerError(`${where}: "file" needs a file name: file server.ts`);
    if (name.word.startsWith('/') || name.word.split(/[\\/]/).includes('..')) {
      throw new MarkerError(`${where}: "${name.word}" must be a path inside the project`);
    }
    marker.file = name.word;
  }
  for (const token of tokens) {
    const key = token.key ?? token.word;
    if (!ATTRIBUTES[kind].includes(key)) {
      throw new MarkerError(
        `${where}: "${key}" is not an attribute of "${kind}" (known: ${ATTRIBUTES[kind].join(', ') || 'none'})`,
      );
    }
    marker.attributes[key] = token.key ? token.value : true;
  }
  if (marker.attributes.timeout !== undefined && !(Number(marker.attributes.timeout) > 0)) {
    throw new MarkerError(`${where}: timeout must be a number of seconds`);
  }
  return marker;
}

/**
 * Every marked block of a README, in order: `{ kind, file?, attributes, lang, code, line,
 * codeLine }` (`line` is the 1-based line of the marker, `codeLine` that of the code's first
 * line). Throws `MarkerError` when a marker is unknown, has a wrong attribute, or is not
 * followed by a fenced code block.
 */
export function extractMarkedBlocks(markdown, source = 'README.md') {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (!m) continue;
    const where = `${source}:${i + 1}`;
    const marker = parseMarkerBody(m[1], where);
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const open = FENCE_OPEN.exec(lines[j] ?? '');
    if (!open) {
      throw new MarkerError(
        `${where}: a release-test marker must be followed by a fenced code block`,
      );
    }
    const fence = open[1];
    const body = [];
    let k = j + 1;
    for (; k < lines.length; k++) {
      const close = lines[k].trim();
      if (close.startsWith(fence[0].repeat(fence.length)) && /^[`~]+$/.test(close)) break;
      body.push(lines[k]);
    }
    if (k === lines.length) throw new MarkerError(`${where}: the code block is never closed`);
    const block = {
      ...marker,
      lang: open[2] || '',
      code: `${body.join('\n')}\n`,
      line: i + 1,
      codeLine: j + 2,
    };
    if (marker.kind === 'file') block.runWith = /\brun with:\s*(.+?)\s*$/.exec(body[0] ?? '')?.[1];
    blocks.push(block);
    i = k;
  }
  return blocks;
}

/**
 * The commands of a shell block, one per entry, as a reader pastes them: blank lines and `#`
 * comment lines dropped, a line ending in a backslash joined with the next.
 */
export function shellCommands(code) {
  return sessionScript(code).map((c) => c.command);
}

/**
 * The commands of a try block with what the README says they print: `[{ command, expect?,
 * expectLog? }]`, `expect` and `expectLog` being patterns for `lineMatches`.
 */
export function sessionScript(code) {
  const steps = [];
  let pending = '';
  for (const raw of code.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const comment = /^\s*#\s?(.*)$/.exec(line);
    if (pending === '' && comment) {
      const previous = steps.at(-1);
      if (previous && previous.expect === undefined && previous.justRead && comment[1].trim()) {
        const said = /^(.*?)(?:\s+then,?\s+in the [\w -]+?'s log:\s*(.*))?$/.exec(
          comment[1].trim(),
        );
        if (said[1].trim()) previous.expect = said[1].trim();
        if (said[2]?.trim()) previous.expectLog = said[2].trim();
      }
      if (previous) previous.justRead = false;
      continue;
    }
    if (pending === '' && line.trim() === '') {
      if (steps.length) steps.at(-1).justRead = false;
      continue;
    }
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    if (steps.length) steps.at(-1).justRead = false;
    steps.push({ command: (pending + line).trim(), justRead: true });
    pending = '';
  }
  if (pending.trim()) steps.push({ command: pending.trim() });
  return steps.map(({ command, expect, expectLog }) => ({
    command,
    ...(expect === undefined ? {} : { expect }),
    ...(expectLog === undefined ? {} : { expectLog }),
  }));
}

function linePattern(pattern) {
  const source = pattern
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('.*?');
  return new RegExp(`^[ \\t]*${source}[ \\t]*$`, 'm');
}

/** Whether some line of `output` reads as `pattern`, where `…` stands for anything. */
export function lineMatches(output, pattern) {
  return linePattern(pattern).test(output);
}

/** The first line of `output` that reads as `pattern`, trimmed (undefined if none). */
export function matchingLine(output, pattern) {
  return linePattern(pattern).exec(output)?.[0].trim();
}

/**
 * Whether a shell command line is sent to the background (`cmd &`, `cmd & # note`), and the
 * command without the trailing `&`.
 */
export function splitBackground(command) {
  const m = /^(.*?[^&])\s*&\s*(#.*)?$/.exec(command);
  if (m && !/&&\s*$/.test(command.replace(/#.*$/, '').trim())) {
    return { command: m[1].trim(), background: true };
  }
  return { command, background: false };
}

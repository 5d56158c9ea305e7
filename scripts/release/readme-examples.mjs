// Reads the blocks of a package README that the release test runs, marked by an HTML comment on
// the line before a fenced code block (invisible on npm and GitHub):
//
//   <!-- release-test: setup -->              sh: commands run in the fresh project, in order
//   <!-- release-test: package.json -->       json: fields merged into the project's package.json
//   <!-- release-test: tsconfig.json -->      json: its compilerOptions merged into tsconfig.json
//   <!-- release-test: file server.ts -->     the block is written, verbatim, to server.ts
//   <!-- release-test: file client.ts exec --> ...and after `npx tsc`, `node client.js` must exit 0
//   <!-- release-test: run until=": delivered" -->
//                                             sh: a terminal session, one command a line, that
//                                             must print the `until` text (see session.mjs)
//
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
 * Every marked block of a README, in order: `{ kind, file?, attributes, lang, code, line }`
 * (`line` is the 1-based line of the marker). Throws `MarkerError` when a marker is unknown, has
 * a wrong attribute, or is not followed by a fenced code block.
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
    blocks.push({ ...marker, lang: open[2] || '', code: `${body.join('\n')}\n`, line: i + 1 });
    i = k;
  }
  return blocks;
}

/**
 * The commands of a shell block, one per entry: blank lines and `#` comment lines dropped, lines
 * ending in a backslash joined with the next.
 */
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

// Reads the blocks of a package README that the release test replays, marked the way the
// README-example checks of issue 16 mark them: an HTML comment alone on the line before a fenced
// block, rendered as nothing by GitHub and npm, at most one of each kind per README.
//
//   <!-- example: install -->    sh   commands that set up a fresh project (npm init, npm install,
//                                     npx tsc --init …), run one line at a time
//   <!-- example: runnable -->   ts   the example, written to the file named on its first line
//                                     (`// server.ts — run with: npx tsx server.ts`; else
//                                     example.ts); `run with:` names the command that runs it
//   <!-- example: try -->        sh   a terminal session that runs it against the emulator
//
// In a try block, a comment line right after a command says what that command prints, `…`
// standing for anything: `# {"messageId":"…","billedSegments":1}`. It may go on with what then
// appears in a server's log: `…    then, in the server's log:  …: delivered`. Both are checked.

const MARKER = /^\s*<!--\s*example:\s*(\S+)\s*-->\s*$/;
const FENCE_OPEN = /^(`{3,}|~{3,})\s*([\w-]*)\s*$/;
const KINDS = ['install', 'runnable', 'try'];

/** Thrown for a marked block that cannot be used; the message names the README line. */
export class ExampleError extends Error {
  name = 'ExampleError';
}

/**
 * The marked blocks of a README: `{ install?, runnable?, try? }`, each `{ lang, code, line }`
 * (`line`: 1-based, of the marker); `runnable` also has `file` and `runWith` (the command of its
 * `run with:` note, if any).
 */
export function extractExamples(markdown, source = 'README.md') {
  const lines = markdown.split(/\r?\n/);
  const found = {};
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (!m) continue;
    const where = `${source}:${i + 1}`;
    const kind = m[1];
    if (!KINDS.includes(kind)) {
      throw new ExampleError(`${where}: "example: ${kind}" is not one of ${KINDS.join(', ')}`);
    }
    if (found[kind])
      throw new ExampleError(`${where}: a second "example: ${kind}" block; keep one`);
    const open = FENCE_OPEN.exec(lines[i + 1] ?? '');
    if (!open) {
      throw new ExampleError(
        `${where}: "example: ${kind}" must be followed directly by a fenced code block`,
      );
    }
    const fence = open[1];
    const body = [];
    let k = i + 2;
    for (; k < lines.length; k++) {
      const close = lines[k].trim();
      if (/^[`~]+$/.test(close) && close[0] === fence[0] && close.length >= fence.length) break;
      body.push(lines[k]);
    }
    if (k === lines.length)
      throw new ExampleError(`${where}: the "example: ${kind}" block is never closed`);
    const block = { lang: open[2], code: `${body.join('\n')}\n`, line: i + 1 };
    if (kind === 'runnable') {
      const first = body[0] ?? '';
      const name = /^\/\/\s*([\w./-]+\.(?:[cm]?tsx?|[cm]?js))\b/.exec(first);
      block.file = name ? name[1] : `example.${open[2] === 'js' ? 'js' : 'ts'}`;
      if (block.file.startsWith('/') || block.file.split('/').includes('..')) {
        throw new ExampleError(`${where}: "${block.file}" must be a path inside the project`);
      }
      block.runWith = /\brun with:\s*(.+?)\s*$/.exec(first)?.[1];
    }
    found[kind] = block;
    i = k;
  }
  return found;
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

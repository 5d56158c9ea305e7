// Reads the marked blocks of a package README, so that scripts can check and run them exactly as a
// reader would copy them. A marker is an HTML comment alone on the line before a fenced block:
//
//   <!-- example: install -->    ```sh   the commands that set up a fresh project
//   <!-- example: runnable -->   ```ts   the example file; its name is on its first line
//                                        (`// server.ts — …`), else `example.ts`
//   <!-- example: try -->        ```sh   the commands that run it (against the emulator)
//
// GitHub and npm render the comments as nothing. Each README has at most one block of each kind.
import { readFileSync } from 'node:fs';

const MARKER = /^<!--\s*example:\s*(install|runnable|try)\s*-->\s*$/;
const FENCE = /^(`{3,})([\w-]*)\s*$/;

/**
 * The marked blocks of the Markdown text `markdown` (named `source` in errors).
 * @returns {{ install?: Block, runnable?: Block & { file: string }, try?: Block }}
 * where Block is `{ lang: string, code: string, line: number }` (`line`: 1-based, of the code).
 */
export function extractExamples(markdown, source = 'README.md') {
  const lines = markdown.split(/\r?\n/);
  const found = {};
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    const kind = marker[1];
    const open = FENCE.exec(lines[i + 1] ?? '');
    if (!open) {
      throw new Error(
        `${source}:${i + 1}: "example: ${kind}" must be followed directly by a fenced code block.`,
      );
    }
    if (found[kind]) {
      throw new Error(
        `${source}:${i + 1}: a second "example: ${kind}" block; keep one per README.`,
      );
    }
    const body = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].trim() !== open[1]; j++) body.push(lines[j]);
    if (j >= lines.length) {
      throw new Error(`${source}:${i + 2}: the "example: ${kind}" block is never closed.`);
    }
    const block = { lang: open[2], code: `${body.join('\n')}\n`, line: i + 3 };
    if (kind === 'runnable') {
      const name = /^\/\/\s*([\w.-]+\.(?:[cm]?ts|[cm]?js))\b/.exec(body[0] ?? '');
      block.file = name ? name[1] : `example.${open[2] === 'js' ? 'js' : 'ts'}`;
    }
    found[kind] = block;
    i = j;
  }
  return found;
}

/** {@link extractExamples} of a file. */
export function extractExamplesFromFile(path) {
  return extractExamples(readFileSync(path, 'utf8'), path);
}

/**
 * The shell commands of a block, one per entry: comments dropped, `a && b` split, blank lines
 * skipped. Enough for the plain commands READMEs use; not a shell parser.
 */
export function commands(block) {
  return block.code
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/\s*&&\s*/))
    .filter(Boolean);
}

/** The package names an `npm install …` command installs (`@nestjs/core@11` → `@nestjs/core`). */
export function installedPackages(command) {
  const words = command.split(/\s+/);
  if (words[0] !== 'npm' || !['install', 'i', 'add'].includes(words[1])) return undefined;
  return words
    .slice(2)
    .filter((word) => !word.startsWith('-'))
    .map((spec) => {
      const at = spec.indexOf('@', 1);
      return at > 0 ? spec.slice(0, at) : spec;
    });
}

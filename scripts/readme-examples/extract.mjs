// Reads the blocks of a package README that scripts replay as a newcomer would, marked by an HTML
// comment on the line before a fenced code block (invisible on npm and GitHub). The markers and
// their reader are the release test's (scripts/release/readme-examples.mjs, which documents
// them); this module adds what the type-check of the examples needs on top.
//
// The fresh project is what `npm init -y`, `npm install -D typescript` and `npx tsc --init` give
// (tsc's defaults untouched); the blocks say everything else.

import { readFileSync } from 'node:fs';
import ts from 'typescript';

export { extractMarkedBlocks, shellCommands } from '../release/readme-examples.mjs';

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

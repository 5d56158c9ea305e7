/**
 * Code blocks of Markdown files, and how they are checked.
 *
 * - ` ```ts ` blocks are type-checked, each as its own module, against the built packages (what
 *   `npm install` gives a user), with strict settings.
 * - ` ```ts run ` blocks are also run with Node and must exit with 0. When a ` ```text ` block
 *   follows one directly, it is the block's expected output, compared exactly.
 * - ` ```sh ` blocks may only hold `sms-partner ...` commands (run against an emulator), and
 *   `npm install` / `pnpm add` lines whose `@sms-partner/*` packages must exist.
 * - Any other language fails the check, so that nothing unverified slips in; ` ```text ` blocks
 *   are output, not code.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

export const docsDir = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = join(docsDir, '..');

/** One fenced block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file. */
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
  /** The language (`ts`, `sh`, ...). */
  lang: string;
  /** Words after the language (`run`). */
  flags: string[];
  /** The code, without the fences. */
  code: string;
  /** For a `ts run` block: the `text` block right after it, the expected output. */
  expectedOutput?: string;
}

const FENCE = /^```(\S*)(.*)$/;

/** The fenced blocks of a Markdown file, in order. */
export function extractBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let open: { line: number; lang: string; flags: string[]; body: string[] } | undefined;
  let lastClosedAt = -10;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (open === undefined) {
      const match = FENCE.exec(text);
      if (!match) continue;
      open = {
        line: i + 1,
        lang: match[1]!,
        flags: match[2]!.trim().split(/\s+/).filter(Boolean),
        body: [],
      };
      continue;
    }
    if (text === '```') {
      const block: CodeBlock = {
        file,
        line: open.line,
        lang: open.lang,
        flags: open.flags,
        code: `${open.body.join('\n')}\n`,
      };
      const previous = blocks.at(-1);
      const onlyBlankBetween = lines
        .slice(lastClosedAt + 1, open.line - 1)
        .every((l) => l.trim() === '');
      if (block.lang === 'text' && previous?.flags.includes('run') && onlyBlankBetween) {
        previous.expectedOutput = block.code;
      }
      blocks.push(block);
      lastClosedAt = i;
      open = undefined;
      continue;
    }
    open.body.push(text);
  }
  if (open) throw new Error(`${file}:${open.line}: code block never closed`);
  return blocks;
}

/** `file:line` of a block, relative to the repository. */
export function where(block: CodeBlock, offset = 0): string {
  return `${relative(repoRoot, block.file)}:${block.line + 1 + offset}`;
}

const TS_LANGS = new Set(['ts', 'typescript']);

/** Whether a block is TypeScript. */
export function isTypeScript(block: CodeBlock): boolean {
  return TS_LANGS.has(block.lang);
}

/**
 * Where the extracted blocks are written: under docs/ (git-ignored dist/), so that they resolve
 * the docs folder's dependencies, and one folder per test file, which may run in parallel.
 */
export const blocksDir = join(docsDir, 'dist', 'blocks', randomUUID());

/** Removes this test file's extracted blocks. */
export function cleanBlocks(): void {
  rmSync(blocksDir, { recursive: true, force: true });
}

function blockPath(block: CodeBlock, index: number): string {
  const name = basename(block.file, '.md').replace(/[^a-z0-9-]/gi, '-');
  const owner = relative(repoRoot, dirname(block.file)).replace(/[^a-z0-9-]/gi, '-');
  return join(
    blocksDir,
    `${owner}--${name}--${String(index).padStart(2, '0')}-line${block.line}.ts`,
  );
}

/** The `@sms-partner/*` packages a block imports. */
export function importedPackages(block: CodeBlock): string[] {
  return [...block.code.matchAll(/from '(@sms-partner\/[a-z0-9-]+)/g)].map((m) => m[1]!);
}

/** `{ name, dir }` of every published package of the workspace. */
export function publishedPackages(): { name: string; dir: string }[] {
  return readdirSync(join(repoRoot, 'packages')).flatMap((entry) => {
    const dir = join(repoRoot, 'packages', entry);
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return manifest.private === true ? [] : [{ name: manifest.name as string, dir }];
    } catch {
      return [];
    }
  });
}

/**
 * Type-checks TypeScript blocks as one program, each block a module of its own. Returns the
 * diagnostics as `guide.md:line: message`, pointing at the line in the Markdown file.
 *
 * Packages this folder depends on resolve as users get them (their built `dist/` types, through
 * their `exports`). A published package the docs do not depend on yet (one added since) resolves
 * to its sources, so that its guide is checked the day it lands.
 */
export function typeCheck(blocks: readonly CodeBlock[]): string[] {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  const files = new Map<string, CodeBlock>();
  blocks.forEach((block, index) => {
    const path = blockPath(block, index);
    // `export {}` makes every block a module: its names stay its own, top-level await works.
    writeFileSync(path, `${block.code}export {};\n`);
    files.set(path, block);
  });
  const manifest = JSON.parse(readFileSync(join(docsDir, 'package.json'), 'utf8'));
  const dependencies = new Set(Object.keys(manifest.devDependencies ?? {}));
  const paths: Record<string, string[]> = {};
  for (const pkg of publishedPackages()) {
    if (!dependencies.has(pkg.name)) paths[pkg.name] = [join(pkg.dir, 'src', 'index.ts')];
  }
  const program = ts.createProgram([...files.keys()], {
    paths,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(docsDir, 'node_modules', '@types')],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    verbatimModuleSyntax: false,
    noUnusedLocals: false,
  });
  // Only the blocks' own diagnostics: a package's sources are its own typecheck's business.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...files.keys()].flatMap((path) => {
      const source = program.getSourceFile(path)!;
      return [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ];
    }),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const block = diagnostic.file ? files.get(diagnostic.file.fileName) : undefined;
    if (!block || diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${where(block, line)}: ${message}`;
  });
}

/** Output and status of a block run with Node. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Compiles a block with esbuild and runs it with Node from the docs folder's dependencies. */
export async function runBlock(
  block: CodeBlock,
  index: number,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<RunResult> {
  const { code } = await transform(block.code, { loader: 'ts', format: 'esm', target: 'node20' });
  const path = blockPath(block, index).replace(/\.ts$/, '.mjs');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path], {
      cwd: docsDir,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n(killed after ${timeoutMs} ms)`;
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ code: status, stdout, stderr });
    });
  });
}

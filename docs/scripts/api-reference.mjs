#!/usr/bin/env node
/**
 * Builds the API reference site of every published package with TypeDoc (`pnpm docs` at the
 * root), and finds the public names that have no TSDoc.
 *
 * The packages are found, not listed: every `packages/<name>/package.json` without
 * `"private": true` is published, so its `src/index.ts` is documented and checked. One TypeScript
 * program covers them all (`tsconfig.typedoc.json` maps `@sms-partner/*` to the sources), so links
 * between packages land on the real page rather than on a copy of a type from `dist/`.
 *
 *   node scripts/api-reference.mjs            build docs/dist/site, fail on a missing comment
 *   node scripts/api-reference.mjs --check    the same checks without writing the site
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, ReflectionKind } from 'typedoc';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(docsDir, '..');

/**
 * The published packages: `{ name, dir, entry }` for each non-private `packages/*` folder.
 * @param {string} [root]
 */
export function publishedPackages(root = repoRoot) {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name))
    .flatMap((dir) => {
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        return [];
      }
      if (manifest.private === true) return [];
      return [{ name: manifest.name, dir, entry: join(dir, 'src', 'index.ts') }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The guides: every Markdown file of docs/ but its README (the site's index). */
export function guides() {
  return readdirSync(docsDir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => join(docsDir, name));
}

const SIGNATURE_KINDS =
  ReflectionKind.CallSignature |
  ReflectionKind.ConstructorSignature |
  ReflectionKind.GetSignature |
  ReflectionKind.SetSignature;

/** What must carry a comment: every export, and every member of an exported class or interface. */
const REQUIRED_KINDS =
  ReflectionKind.Enum |
  ReflectionKind.EnumMember |
  ReflectionKind.Variable |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Property |
  ReflectionKind.CallSignature |
  ReflectionKind.GetSignature |
  ReflectionKind.SetSignature;

/**
 * The public names without TSDoc, as `Module.Name.member (Kind)` strings, sorted.
 *
 * This is TypeDoc's own `validation.notDocumented` rule (functions and methods are documented
 * through their signatures, a signature through its parent, parameters are never required) with
 * one difference: the members of an anonymous object type (`{ id: string; raw: unknown }` as a
 * return type, or the inferred type of an exported constant) are covered by the comment of the
 * name they belong to, since they have no name of their own to import. Inherited members are
 * checked where they are declared.
 *
 * @param {import('typedoc').ProjectReflection} project
 * @returns {string[]}
 */
export function findUndocumented(project) {
  const missing = new Set();
  for (const reflection of project.getReflectionsByKind(REQUIRED_KINDS)) {
    if (reflection.inheritedFrom || insideAnonymousType(reflection)) continue;
    if (reflection.kindOf(SIGNATURE_KINDS)) {
      // A signature is documented by its own comment or by its owner's: the method, the
      // accessor, or the type alias whose body is a function type.
      let owner = reflection.parent;
      if (owner?.kindOf(ReflectionKind.TypeLiteral)) owner = owner.parent;
      if (reflection.hasComment() || owner?.hasComment()) continue;
    } else if (reflection.hasComment()) continue;
    const source = reflection.sources?.[0];
    const where = source ? ` at ${relative(repoRoot, source.fullFileName)}:${source.line}` : '';
    missing.add(`${reflection.getFriendlyFullName()} (${ReflectionKind[reflection.kind]})${where}`);
  }
  return [...missing].sort();
}

function insideAnonymousType(reflection) {
  for (let r = reflection.parent; r; r = r.parent) {
    if (r.kindOf(ReflectionKind.Parameter)) return true;
    // A type literal directly under a type alias is that alias's body: its members are public
    // names (`type X = { a: string }` reads like an interface).
    if (r.kindOf(ReflectionKind.TypeLiteral) && !r.parent?.kindOf(ReflectionKind.TypeAlias)) {
      return true;
    }
  }
  return false;
}

/**
 * Converts the packages with TypeDoc.
 *
 * @param {{ packages?: { name: string, dir: string, entry: string }[], tsconfig?: string, out?: string, options?: import('typedoc').TypeDocOptions }} [settings]
 */
export async function convert(settings = {}) {
  const packages = settings.packages ?? publishedPackages();
  const app = await Application.bootstrapWithPlugins(
    {
      options: join(docsDir, 'typedoc.json'),
      entryPoints: packages.map((p) => p.entry),
      entryPointStrategy: 'resolve',
      // The guides become pages of the site, linked from the index (docs/README.md).
      projectDocuments: guides(),
      tsconfig: settings.tsconfig ?? join(docsDir, 'tsconfig.typedoc.json'),
      ...(settings.out ? { out: settings.out } : {}),
      ...settings.options,
    },
    undefined,
  );
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above).');
  // Modules are named after their path (`core/src`); name them after their package instead.
  for (const module of project.children ?? []) {
    if (!module.kindOf(ReflectionKind.Module)) continue;
    const pkg = packages.find((p) =>
      module.sources?.some((source) => resolve(source.fullFileName).startsWith(p.dir + sep)),
    );
    const byPath = packages.find((p) =>
      relative(repoRoot, p.dir).endsWith(module.name.split('/')[0]),
    );
    const name = (pkg ?? byPath)?.name;
    if (name) module.name = name;
  }
  return { app, project, packages };
}

/**
 * Converts, validates (broken links, unexported types) and checks the comments; writes the site
 * unless `write` is false. Resolves to the problems found (empty when all is well).
 *
 * @param {{ write?: boolean, out?: string }} [settings]
 */
export async function buildReference(settings = {}) {
  const { app, project } = await convert({ out: settings.out });
  app.validate(project);
  const problems = findUndocumented(project).map((name) => `${name} has no TSDoc comment`);
  const validationFailed = app.logger.hasErrors() || app.logger.hasWarnings();
  if (settings.write !== false && problems.length === 0 && !validationFailed) {
    await app.generateOutputs(project);
  }
  if (validationFailed) problems.push('TypeDoc reported warnings or errors (printed above)');
  return { problems, out: app.options.getValue('out') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { problems, out } = await buildReference({ write: !check });
  if (problems.length > 0) {
    process.stderr.write(
      `\nThe API reference has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n\n` +
        'Every public name of a published package needs a TSDoc comment (/** ... */): say what it is\n' +
        'for, in the terms of the SMS Partner API where it maps to one.\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    check
      ? 'API reference: every public name documented\n'
      : `API reference written to ${relative(process.cwd(), out)}\n`,
  );
}

#!/usr/bin/env node
// What every published package must carry on npm, checked before anything is built: the licence
// (MIT, the repository's LICENSE file, shipped in the tarball), a README with a runnable example
// marked for the release test (a `run` block or a `file … exec`), and the fields npm shows on the package page (`repository` with
// the package's `directory`, `homepage`, `bugs`, `keywords`, `description`). publint checks the
// entry points; this checks what publint does not. The release test then checks the same files
// in the tarballs it downloads from the registry.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publishedPackages } from './packages.mjs';
import { extractMarkedBlocks } from './readme-examples.mjs';

const MIT_FIRST_LINE = 'MIT License';
const MIT_GRANT = 'Permission is hereby granted, free of charge, to any person obtaining a copy';

function asUrl(value) {
  try {
    return new URL(String(value).replace(/^git\+/, ''));
  } catch {
    return null;
  }
}

/** The repository's canonical address, from the root package.json (`https://github.com/o/r`). */
export function repositoryBase(rootManifest) {
  const url = asUrl(rootManifest.repository?.url ?? rootManifest.repository);
  if (!url) return null;
  return `${url.origin}${url.pathname.replace(/\.git$/, '').replace(/\/$/, '')}`;
}

/**
 * The problems of one package, as sentences that say what to change (empty when it is fine).
 * `pkg`: `{ name, dir, manifest, files: { 'LICENSE': text | null, 'README.md': text | null } }`.
 */
export function packageProblems(pkg, { rootManifest, rootLicense }) {
  const problems = [];
  const m = pkg.manifest;
  const say = (text) => problems.push(`${pkg.name} (${pkg.dir}/package.json): ${text}`);
  const base = repositoryBase(rootManifest);

  if (m.license !== 'MIT') say(`"license" must be "MIT" (found ${JSON.stringify(m.license)})`);
  const license = pkg.files.LICENSE;
  if (license == null) {
    say(`no LICENSE file: copy the repository's LICENSE to ${pkg.dir}/LICENSE`);
  } else if (license !== rootLicense) {
    say(`${pkg.dir}/LICENSE differs from the repository's LICENSE: copy it again`);
  }
  for (const file of ['LICENSE', 'CHANGELOG.md']) {
    if (!Array.isArray(m.files) || !m.files.includes(file)) {
      say(`"files" must list "${file}", so that the tarball ships it`);
    }
  }

  const repo = m.repository;
  if (typeof repo !== 'object' || repo === null) {
    say(
      `"repository" must be { "type": "git", "url": "git+${base}.git", "directory": "${pkg.dir}" }`,
    );
  } else {
    if (repo.type !== 'git') say('"repository.type" must be "git"');
    const url = asUrl(repo.url);
    if (!url || `${url.origin}${url.pathname.replace(/\.git$/, '')}` !== base) {
      say(
        `"repository.url" must be the repository's, git+${base}.git (found ${JSON.stringify(repo.url)})`,
      );
    }
    if (repo.directory !== pkg.dir) {
      say(`"repository.directory" must be "${pkg.dir}" (found ${JSON.stringify(repo.directory)})`);
    }
  }
  const homepage = asUrl(m.homepage);
  if (!homepage || !`${homepage.origin}${homepage.pathname}`.startsWith(base ?? '\0')) {
    say(`"homepage" must be a page of the repository, e.g. ${base}/tree/main/${pkg.dir}#readme`);
  }
  const bugs = asUrl(typeof m.bugs === 'object' && m.bugs !== null ? m.bugs.url : m.bugs);
  if (!bugs || !`${bugs.origin}${bugs.pathname}`.startsWith(base ?? '\0')) {
    say(`"bugs" must be { "url": "${base}/issues" }`);
  }
  if (
    !Array.isArray(m.keywords) ||
    m.keywords.length === 0 ||
    !m.keywords.every((k) => typeof k === 'string' && k.trim() !== '')
  ) {
    say('"keywords" must be a non-empty list of words people search npm for');
  }
  if (typeof m.description !== 'string' || m.description.trim().length < 20) {
    say('"description" must say in a sentence what the package is');
  }

  const readme = pkg.files['README.md'];
  if (readme == null) {
    say(`no README.md in ${pkg.dir}`);
  } else {
    try {
      const blocks = extractMarkedBlocks(readme, `${pkg.dir}/README.md`);
      if (!blocks.some((b) => b.kind === 'run' || b.attributes.exec)) {
        problems.push(
          `${pkg.name}: ${pkg.dir}/README.md marks no runnable example for the release test: put ` +
            '<!-- release-test: run until="..." --> before its "try it" shell block, or ' +
            '<!-- release-test: file NAME exec --> before a script (see the root README, Contributing)',
        );
      }
    } catch (error) {
      problems.push(`${pkg.name}: ${error.message}`);
    }
  }
  return problems;
}

/** Every problem of every published package of the workspace at `root`. */
export function metadataProblems(root) {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const problems = [];
  if (!repositoryBase(rootManifest)) {
    problems.push('package.json (root): "repository.url" must name the repository');
  }
  const rootLicensePath = join(root, 'LICENSE');
  const rootLicense = existsSync(rootLicensePath) ? readFileSync(rootLicensePath, 'utf8') : null;
  if (
    rootLicense == null ||
    !rootLicense.startsWith(MIT_FIRST_LINE) ||
    !rootLicense.includes(MIT_GRANT)
  ) {
    problems.push('LICENSE (root): the repository needs its MIT licence text in LICENSE');
  }
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null);
  const packages = publishedPackages(root);
  for (const pkg of packages) {
    problems.push(
      ...packageProblems(
        {
          ...pkg,
          files: {
            LICENSE: read(join(pkg.path, 'LICENSE')),
            'README.md': read(join(pkg.path, 'README.md')),
          },
        },
        { rootManifest, rootLicense },
      ),
    );
  }
  return { packages, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { packages, problems } = metadataProblems(root);
  if (problems.length > 0) {
    console.error(`package metadata: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `package metadata: ${packages.map((p) => p.name).join(', ')} carry LICENSE, README with a ` +
      'runnable example, repository, homepage, bugs and keywords',
  );
}

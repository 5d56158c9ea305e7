import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { metadataProblems, packageProblems, repositoryBase } from './check-metadata.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REPO = 'https://github.com/sms-partner/sms-partner-typescript';
const rootManifest = { repository: { type: 'git', url: `git+${REPO}.git` } };
const rootLicense =
  'MIT License\n\nCopyright (c) 2026 x\n\nPermission is hereby granted, free of charge, …\n';
const README = '# x\n<!-- release-test: run until="ok" -->\n```sh\necho ok\n```\n';

const good = () => ({
  name: '@sms-partner/thing',
  dir: 'packages/thing',
  manifest: {
    name: '@sms-partner/thing',
    description: 'A thing that the SMS Partner SDK needs.',
    license: 'MIT',
    repository: { type: 'git', url: `git+${REPO}.git`, directory: 'packages/thing' },
    homepage: `${REPO}/tree/main/packages/thing#readme`,
    bugs: { url: `${REPO}/issues` },
    keywords: ['sms'],
    files: ['dist', 'LICENSE', 'CHANGELOG.md'],
  },
  files: { LICENSE: rootLicense, 'README.md': README },
});
const problemsOf = (change) => {
  const pkg = good();
  change(pkg);
  return packageProblems(pkg, { rootManifest, rootLicense });
};

describe('packageProblems', () => {
  it('finds nothing wrong with a complete package', () => {
    assert.deepEqual(
      problemsOf(() => {}),
      [],
    );
  });

  it('names each missing or wrong field, and says what to write', () => {
    const cases = [
      [
        (p) => delete p.manifest.repository,
        /"repository" must be \{ "type": "git", "url": "git\+https:\/\/github.com\/sms-partner\/sms-partner-typescript.git", "directory": "packages\/thing" \}/,
      ],
      [
        (p) => delete p.manifest.repository.directory,
        /"repository.directory" must be "packages\/thing"/,
      ],
      [
        (p) => (p.manifest.repository.directory = 'packages/other'),
        /"repository.directory" must be "packages\/thing" \(found "packages\/other"\)/,
      ],
      [
        (p) => (p.manifest.repository.url = 'git+https://github.com/someone/else.git'),
        /"repository.url" must be the repository's/,
      ],
      [(p) => delete p.manifest.homepage, /"homepage" must be a page of the repository/],
      [
        (p) => (p.manifest.homepage = 'https://example.com/'),
        /"homepage" must be a page of the repository/,
      ],
      [
        (p) => delete p.manifest.bugs,
        /"bugs" must be \{ "url": "https:\/\/github.com\/sms-partner\/sms-partner-typescript\/issues" \}/,
      ],
      [(p) => delete p.manifest.keywords, /"keywords" must be a non-empty list/],
      [(p) => (p.manifest.keywords = []), /"keywords" must be a non-empty list/],
      [(p) => (p.manifest.keywords = ['sms', '']), /"keywords" must be a non-empty list/],
      [(p) => delete p.manifest.description, /"description" must say/],
      [(p) => (p.manifest.license = 'ISC'), /"license" must be "MIT" \(found "ISC"\)/],
      [(p) => (p.manifest.files = ['dist', 'CHANGELOG.md']), /"files" must list "LICENSE"/],
      [(p) => (p.manifest.files = ['dist', 'LICENSE']), /"files" must list "CHANGELOG.md"/],
      [
        (p) => (p.files.LICENSE = null),
        /no LICENSE file: copy the repository's LICENSE to packages\/thing\/LICENSE/,
      ],
      [
        (p) => (p.files.LICENSE = 'MIT License\n\nCopyright (c) 1999 other\n'),
        /packages\/thing\/LICENSE differs from the repository's LICENSE/,
      ],
      [(p) => (p.files['README.md'] = null), /no README.md in packages\/thing/],
      [
        (p) => (p.files['README.md'] = '# x\n```sh\necho ok\n```\n'),
        /marks no runnable example for the release test/,
      ],
      [
        (p) => (p.files['README.md'] = '# x\n<!-- release-test: file a.ts -->\n```ts\nx\n```\n'),
        /marks no runnable example/,
      ],
      [
        (p) => (p.files['README.md'] = '# x\n<!-- release-test: bogus -->\n```ts\nx\n```\n'),
        /unknown release-test marker/,
      ],
    ];
    for (const [change, expected] of cases) {
      const problems = problemsOf(change);
      assert.equal(problems.length, 1, `${change}: ${problems.join(' | ')}`);
      assert.match(problems[0], expected);
    }
  });

  it('accepts a script marked exec as the runnable example, and bugs as a plain URL', () => {
    const problems = problemsOf((p) => {
      p.files['README.md'] = '<!-- release-test: file a.ts exec -->\n```ts\nx\n```\n';
      p.manifest.bugs = `${REPO}/issues`;
    });
    assert.deepEqual(problems, []);
  });
});

describe('repositoryBase', () => {
  it('reads the repository address in its usual spellings', () => {
    for (const repository of [
      { type: 'git', url: `git+${REPO}.git` },
      { url: `${REPO}.git` },
      `${REPO}`,
      { url: `${REPO}/` },
    ]) {
      assert.equal(repositoryBase({ repository }), REPO);
    }
    assert.equal(repositoryBase({}), null);
  });
});

describe('metadataProblems on this repository', () => {
  it('finds every published package complete', () => {
    const { packages, problems } = metadataProblems(root);
    assert.ok(packages.length >= 5, 'the five packages at least');
    assert.ok(packages.every((p) => p.manifest.private !== true));
    assert.deepEqual(problems, []);
  });
});

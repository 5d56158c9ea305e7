import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ciProblems, lintWorkflow, releaseProblems, workflowProblems } from './check-workflows.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file) =>
  readFileSync(new URL(`../../.github/workflows/${file}`, import.meta.url), 'utf8');
const rootManifest = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
);

describe('lintWorkflow (actionlint)', () => {
  it('reports a mistyped expression and an unknown input of a known action', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-dept: 0',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
      '      - run: echo ${{ github.evnt.name }}',
    ].join('\n');
    const findings = lintWorkflow(broken, 'broken.yml');
    assert.ok(
      findings.some((f) => f.line === 8 && /input "fetch-dept" is not defined/.test(f.message)),
    );
    assert.ok(
      findings.some((f) => f.line === 9 && /property "evnt" is not defined/.test(f.message)),
    );
  });

  it('reports YAML that does not parse', () => {
    const findings = lintWorkflow('on: push\njobs:\n  a: [\n', 'bad.yml');
    assert.ok(findings.length > 0);
  });
});

describe('ciProblems', () => {
  it('requires push, pull_request, setup-node and the test command', () => {
    const problems = ciProblems(
      'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pnpm vitest\n',
    );
    assert.deepEqual(problems, [
      'ci.yml must run on pull_request',
      "ci.yml must run the README's test command (`npm test`, or `.ci/run`, which runs it)",
      'ci.yml must set up Node with actions/setup-node',
    ]);
  });
  it('accepts npm test as the command', () => {
    const text = read('ci.yml').replace('bash .ci/run', 'npm test');
    assert.deepEqual(ciProblems(text), []);
  });
});

describe('releaseProblems', () => {
  const release = read('release.yml');
  it('finds the release workflow complete', () => {
    assert.deepEqual(releaseProblems(release, rootManifest), []);
  });
  it('requires provenance and the id-token permission that signs it', () => {
    const text = release
      .replace('NPM_CONFIG_PROVENANCE: true', 'NPM_CONFIG_PROVENANCE: false')
      .replace(/^\s+id-token: write.*$/m, '');
    assert.deepEqual(releaseProblems(text, rootManifest), [
      'the changesets step must set NPM_CONFIG_PROVENANCE: true (npm provenance)',
      'the release job needs permissions: id-token: write',
    ]);
  });
  it('requires the root scripts that the action calls, and `changeset publish` in the publish one', () => {
    const scripts = { ...rootManifest.scripts };
    delete scripts['version-packages'];
    scripts.release = 'turbo run build && npm publish';
    assert.deepEqual(releaseProblems(release, { scripts }), [
      `changesets/action's version runs "version-packages", which the root package.json lacks`,
      'the publish script must run `changeset publish`',
    ]);
  });
  it('requires the changesets action', () => {
    assert.deepEqual(
      releaseProblems(
        'on: push\njobs:\n  r:\n    steps:\n      - run: npm publish\n',
        rootManifest,
      ),
      ['release.yml must run changesets/action (version pull request, then publish)'],
    );
  });
});

describe('workflowProblems on this repository', () => {
  it('finds ci.yml and release.yml clean under actionlint and complete', () => {
    const { files, problems } = workflowProblems(root);
    assert.ok(files.includes('ci.yml') && files.includes('release.yml'));
    assert.deepEqual(problems, []);
  });
});

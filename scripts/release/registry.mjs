// A real npm registry for the release test: Verdaccio (pinned in the root package.json to 6.8.0,
// its last version that runs on Node 20) on 127.0.0.1 and a free port, with its storage, config
// and users in a temporary folder. It serves only the `@sms-partner` scope, with no uplink:
// fresh projects get `@sms-partner/*` from it (a scoped registry in their .npmrc) and their
// frameworks from the npm registry as usual, and nothing published here can reach npm.
//
// `startRegistry(dir)` runs it in a child process (this one spends its time in blocking installs)
// and resolves to `{ url, port, token, stop() }`, `token` being a publish token for a user it
// registers the way `npm adduser` does.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

export async function startRegistry(dir) {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const configPath = join(dir, 'config.yaml');
  writeFileSync(
    configPath,
    yaml.dump({
      storage: join(dir, 'storage'),
      auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
      uplinks: {},
      packages: {
        '@sms-partner/*': {
          access: '$all',
          publish: '$authenticated',
          unpublish: '$authenticated',
        },
        // Anything else is refused, so that a project that asks this registry for a framework
        // fails loudly instead of being served something else.
        '**': { access: '$authenticated', publish: '$nobody' },
      },
      web: { enable: false },
      max_body_size: '100mb',
      log: { type: 'stdout', format: 'pretty', level: 'warn' },
    }),
  );
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start:\n${log}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^listening (\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      } else log += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited with ${code}:\n${log}${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  const name = 'release-test';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `pw-${process.pid}-${Date.now()}`, type: 'user' }),
  });
  const body = await response.json();
  if (!response.ok || !body.token) {
    child.kill();
    throw new Error(
      `Verdaccio refused to register a user: ${response.status} ${JSON.stringify(body)}`,
    );
  }
  return {
    url,
    port,
    token: body.token,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Child process: start Verdaccio's server and report the port it got.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { runServer } = await import('verdaccio');
  const app = await runServer(process.argv[2]);
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${server.address().port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

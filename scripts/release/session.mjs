// Plays a README's "try it" shell block the way a person at a terminal would: one command a line;
// a command that starts a server (ending in `&`, or one that simply keeps running, as if in a
// second terminal) counts as ready once one of its processes listens on a TCP port; any other
// command must exit 0 and print what the README says it prints. Then the session waits until the
// output shows the marker's `until` text and each line the README says will appear in a log (a
// delivery report, say), and stops every process it started.
//
// Run as a script (`node session.mjs spec.json result.json`), which is how run.mjs starts it
// inside a fresh network namespace, so that the fixed ports of README examples (3000, 4010)
// collide with nothing else on the machine.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lineMatches, matchingLine, splitBackground } from './readme-examples.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readListeningInodes() {
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols[3] === '0A') inodes.add(cols[9]); // state 0A is LISTEN; column 9 the socket inode
    }
  }
  return inodes;
}

function descendants(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const found = [rootPid];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
  return found;
}

/** Whether a process, or any process below it, has a listening TCP socket (Linux /proc). */
export function isListening(rootPid) {
  const listening = readListeningInodes();
  if (listening.size === 0) return false;
  for (const pid of descendants(rootPid)) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && listening.has(m[1])) return true;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return false;
}

/**
 * Runs a session. `spec`: `{ cwd, env, commands: [{ command, expect?, expectLog? }], until?,
 * timeoutMs?, readyTimeoutMs? }` (patterns as in `lineMatches`; a plain string is a command with
 * no expectation; `until`, a text that the output must come to contain). Resolves to `{ ok, reason?, steps: [{ command, outcome, code?, ms }], output }`,
 * where `output` interleaves every command's stdout and stderr.
 */
export async function runSession(spec) {
  const { cwd, env } = spec;
  const commands = spec.commands.map((c) => (typeof c === 'string' ? { command: c } : c));
  const timeoutMs = spec.timeoutMs ?? 30_000;
  const readyTimeoutMs = spec.readyTimeoutMs ?? 90_000;
  const procStats = (() => {
    try {
      readFileSync('/proc/net/tcp', 'utf8');
      return true;
    } catch {
      return false;
    }
  })();
  let output = ''; // the transcript: each command, then what it printed
  const children = [];
  const steps = [];
  const seen = []; // the lines that met the README's expectations, for the report
  const result = (ok, reason) => ({ ok, reason, steps, output, seen });
  const printed = (i) => children[i].printed;
  try {
    for (const [i, { command: line, expect }] of commands.entries()) {
      const { command, background } = splitBackground(line);
      const started = Date.now();
      output += `$ ${line}\n`;
      const child = spawn('bash', ['-c', command], {
        cwd,
        env,
        detached: true, // its own process group, so that stopping it stops its children too
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.printed = '';
      children.push(child);
      const exited = new Promise((resolve) => {
        child.on('error', (error) => resolve({ code: -1, error }));
        child.on('close', (code, signal) => resolve({ code: code ?? signal }));
      });
      const take = (d) => {
        output += d;
        child.printed += d;
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      let outcome;
      const deadline = started + readyTimeoutMs;
      for (;;) {
        const done = await Promise.race([exited, sleep(100).then(() => null)]);
        if (done) {
          outcome = done;
          break;
        }
        // Without /proc (not Linux), a server is taken as ready once it has printed something.
        if (procStats ? isListening(child.pid) : child.printed.endsWith('\n')) {
          outcome = { listening: true };
          break;
        }
        if (Date.now() > deadline) {
          outcome = { timedOut: true };
          break;
        }
      }
      if (!output.endsWith('\n')) output += '\n';
      const ms = Date.now() - started;
      if (outcome.listening) {
        steps.push({ command: line, outcome: 'listening', ms });
        continue;
      }
      if (outcome.timedOut) {
        steps.push({ command: line, outcome: 'timeout', ms });
        return result(
          false,
          `\`${line}\` neither exited nor listened within ${readyTimeoutMs / 1000} s`,
        );
      }
      steps.push({ command: line, outcome: 'exited', code: outcome.code, ms });
      if (outcome.code !== 0) {
        return result(
          false,
          background
            ? `\`${line}\` (a server) exited with ${outcome.code} before it listened`
            : `\`${line}\` exited with ${outcome.code}`,
        );
      }
      if (expect !== undefined) {
        if (!lineMatches(printed(i), expect)) {
          return result(
            false,
            `\`${line}\` printed ${JSON.stringify(printed(i).trim())}, not ${expect}`,
          );
        }
        seen.push(matchingLine(printed(i), expect));
      }
    }
    // What the README says will then appear, in a server's log or elsewhere.
    const awaited = commands.flatMap((c) => (c.expectLog === undefined ? [] : [c.expectLog]));
    const deadline = Date.now() + timeoutMs;
    // Each command's own output is searched, so that two processes' lines never run together.
    const find = (test) => {
      for (const child of children) {
        const line = child.printed.split('\n').find(test);
        if (line !== undefined) return line.trim();
      }
      return undefined;
    };
    const waitFor = async (test) => {
      for (;;) {
        const line = find(test);
        if (line !== undefined) {
          if (!seen.includes(line)) seen.push(line);
          return true;
        }
        if (Date.now() > deadline) return false;
        await sleep(100);
      }
    };
    if (spec.until !== undefined && !(await waitFor((l) => l.includes(spec.until)))) {
      return result(false, `"${spec.until}" did not appear within ${timeoutMs / 1000} s`);
    }
    for (const pattern of awaited) {
      if (!(await waitFor((l) => lineMatches(l, pattern)))) {
        return result(
          false,
          `no line read as ${JSON.stringify(pattern)} within ${timeoutMs / 1000} s`,
        );
      }
    }
    for (const [i, { command, expect }] of commands.entries()) {
      if (
        steps[i]?.outcome === 'listening' &&
        expect !== undefined &&
        !lineMatches(printed(i), expect)
      ) {
        return result(false, `\`${command}\` printed no line that reads as ${expect}`);
      }
    }
    return result(true);
  } finally {
    await stopAll(children);
  }
}

async function stopAll(children) {
  const running = () => children.some((c) => c.exitCode === null && c.signalCode === null);
  // Every group, even when its leading bash has exited: a server it started may still run.
  const signal = (sig) => {
    for (const c of children) {
      try {
        process.kill(-c.pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && running()) await sleep(50);
  signal('SIGKILL');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [specPath, resultPath] = process.argv.slice(2);
  if (specPath && resultPath) {
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    const res = await runSession(spec);
    writeFileSync(resultPath, JSON.stringify(res));
  }
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isListening, runSession } from './session.mjs';

const linux = process.platform === 'linux';
const base = mkdtempSync(join(tmpdir(), 'session-test-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(base, String(n++));
  mkdirSync(dir);
  return dir;
};
// The port file is written just after the socket listens: wait for it.
const PORT = 'until [ -s port ]; do sleep 0.05; done; cat port';
const env = { ...process.env, NO_COLOR: '1' };
const node = JSON.stringify(process.execPath);
// A server on a free port that answers "pong", prints where it listens, and writes the port to
// a file so that the next command of the session can find it (READMEs use fixed ports instead).
const server = (extra = '') =>
  `${node} -e "const s=require('http').createServer((q,r)=>{console.log('hit '+q.url);r.end('pong')});` +
  `s.listen(0,'127.0.0.1',()=>{require('fs').writeFileSync('port',String(s.address().port));console.log('up')});${extra}"`;

describe('runSession', { skip: !linux && 'needs Linux /proc to see listening sockets' }, () => {
  it('waits for a background server to listen, checks what each command prints, and waits for the log line', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [
        `${server()} &`,
        {
          command: `curl -s "http://127.0.0.1:$(${PORT})/ping"`,
          expect: 'po…g',
          expectLog: 'hit /…',
        },
        'echo',
      ],
      timeoutMs: 5000,
    });
    assert.equal(res.ok, true, res.reason);
    assert.deepEqual(
      res.steps.map((s) => s.outcome),
      ['listening', 'exited', 'exited'],
    );
    assert.match(res.output, /pong/);
    assert.deepEqual(res.seen, ['pong', 'hit /ping']);
  });

  it('takes a foreground command that keeps running as a server in a second terminal', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [server(), { command: `curl -s "http://127.0.0.1:$(${PORT})/x"`, expect: 'pong' }],
      timeoutMs: 5000,
    });
    assert.equal(res.ok, true, res.reason);
    assert.equal(res.steps[0].outcome, 'listening');
  });

  it('stops every process it started, children included', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [`bash -c '${server().replaceAll("'", "'\\''")}; true' &`, PORT],
      timeoutMs: 5000,
    });
    assert.equal(res.ok, true, res.reason);
    const port = res.output.trim().split('\n').at(-1);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the server should have been stopped');
  });

  it('fails on a command that exits non-zero, naming it and its status', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: ['echo one', 'exit 3', 'echo never'],
    });
    assert.equal(res.ok, false);
    assert.equal(res.reason, '`exit 3` exited with 3');
    assert.doesNotMatch(res.output, /never/);
  });

  it('fails when a server exits before it listens', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [`${node} -e "process.exit(2)" &`],
    });
    assert.equal(res.ok, false);
    assert.match(res.reason, /\(a server\) exited with 2 before it listened/);
  });

  it('fails when the until text never appears, after the timeout', async () => {
    const started = Date.now();
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: ['echo "42: waiting"'],
      until: ': delivered',
      timeoutMs: 600,
    });
    assert.equal(res.ok, false);
    assert.equal(res.reason, '": delivered" did not appear within 0.6 s');
    assert.ok(Date.now() - started >= 600);
  });

  it('passes once the until text appears, and reports the line', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: ['(sleep 0.3; echo "42: delivered") &', 'echo sent'],
      until: ': delivered',
      timeoutMs: 5000,
    });
    assert.equal(res.ok, true, res.reason);
    assert.deepEqual(res.seen, ['42: delivered']);
  });

  it('fails when a line the README promises in a log never appears, after the timeout', async () => {
    const started = Date.now();
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [{ command: 'echo "42: waiting"', expectLog: '…: delivered' }],
      timeoutMs: 600,
    });
    assert.equal(res.ok, false);
    assert.equal(res.reason, 'no line read as "…: delivered" within 0.6 s');
    assert.ok(Date.now() - started >= 600);
  });

  it('fails when a command does not print what the README says, quoting both', async () => {
    const res = await runSession({
      cwd: fresh(),
      env,
      commands: [
        {
          command: `echo '{"messageId":"7","segments":1}'`,
          expect: '{"messageId":"…","billedSegments":1}',
        },
      ],
    });
    assert.equal(res.ok, false);
    assert.equal(
      res.reason,
      `\`echo '{"messageId":"7","segments":1}'\` printed "{\\"messageId\\":\\"7\\",\\"segments\\":1}", not {"messageId":"…","billedSegments":1}`,
    );
  });

  it('fails when a command neither exits nor listens in time', async () => {
    const res = await runSession({ cwd: fresh(), env, commands: ['sleep 5'], readyTimeoutMs: 500 });
    assert.equal(res.ok, false);
    assert.match(res.reason, /`sleep 5` neither exited nor listened within 0.5 s/);
  });
});

describe('isListening', { skip: !linux && 'Linux only' }, () => {
  it('is false for a process without a listening socket and true once it listens', async () => {
    const child = spawn(process.execPath, [
      '-e',
      "setTimeout(()=>require('http').createServer().listen(0,'127.0.0.1',()=>console.log('up')),300);setTimeout(()=>{},5000)",
    ]);
    try {
      assert.equal(isListening(child.pid), false);
      await new Promise((resolve) => child.stdout.once('data', resolve));
      assert.equal(isListening(child.pid), true);
    } finally {
      child.kill();
    }
  });
});

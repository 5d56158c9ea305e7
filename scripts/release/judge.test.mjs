import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { judge } from './judge.mjs';

const ok = { ok: true };
const ko = { ok: false };

describe('judge', () => {
  it('passes passes, tolerates listed failures, and fails the rest', () => {
    const results = [
      { name: 'a', stages: { setup: ok, typecheck: ko, run: ko } },
      { name: 'b', stages: { setup: ok, typecheck: ok, run: null } },
    ];
    const known = {
      a: { typecheck: 'issue 16: types' },
      b: { typecheck: 'issue 16: fixed since' },
    };
    const { verdicts, passed, known: k, failed } = judge(results, known, ['a', 'b']);
    assert.deepEqual(
      verdicts.map((v) => `${v.name} ${v.stage} ${v.verdict}`),
      ['a setup pass', 'a typecheck known', 'a run fail', 'b setup pass', 'b typecheck fixed'],
    );
    assert.deepEqual({ passed, k, failed }, { passed: 2, k: 1, failed: 2 });
  });

  it('fails on an entry for a package that is not published', () => {
    const { verdicts, failed } = judge([], { gone: { run: 'x' } }, ['a']);
    assert.deepEqual(verdicts, [{ name: 'gone', stage: null, verdict: 'stale' }]);
    assert.equal(failed, 1);
  });

  it('reads known-failures.json as package -> stage -> reason, each reason naming its issue', () => {
    const known = JSON.parse(
      readFileSync(new URL('./known-failures.json', import.meta.url), 'utf8'),
    );
    for (const [name, stages] of Object.entries(known)) {
      assert.match(name, /^@sms-partner\//);
      for (const [stage, reason] of Object.entries(stages)) {
        assert.ok(['setup', 'typecheck', 'run'].includes(stage), `${name}: unknown stage ${stage}`);
        assert.match(reason, /issue \d+/, `${name} ${stage}: say which issue fixes it`);
      }
    }
  });
});

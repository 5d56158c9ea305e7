// How the release test counts each stage of each package's walk against known-failures.json:
// a pass is a pass; a failure listed there (with the issue that fixes it) is known, and does not
// fail the run; an unlisted failure fails it, and so does a listed one that now passes, so that
// the list never keeps an entry after its fix has landed.

/**
 * `results`: `[{ name, stages: { setup, typecheck, run } }]`, each stage null (not run) or
 * `{ ok }`; `known`: `{ [name]: { [stage]: reason } }`; `names`: the published packages.
 * Returns `[{ name, stage, verdict: 'pass' | 'known' | 'fail' | 'fixed' | 'stale', expected? }]`
 * and the counts.
 */
export function judge(results, known, names) {
  const verdicts = [];
  for (const { name, stages } of results) {
    for (const [stage, s] of Object.entries(stages)) {
      if (!s) continue;
      const expected = known[name]?.[stage];
      const verdict = s.ok ? (expected ? 'fixed' : 'pass') : expected ? 'known' : 'fail';
      verdicts.push({ name, stage, verdict, expected });
    }
  }
  for (const name of Object.keys(known)) {
    if (!names.includes(name)) verdicts.push({ name, stage: null, verdict: 'stale' });
  }
  const count = (...kinds) => verdicts.filter((v) => kinds.includes(v.verdict)).length;
  return {
    verdicts,
    passed: count('pass'),
    known: count('known'),
    failed: count('fail', 'fixed', 'stale'),
  };
}

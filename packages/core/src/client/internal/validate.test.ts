import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { checkNoSandbox, checkRecipients, checkSender, checkTag, Issues } from './validate.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

/** The value suggested in a fix (`e.g. "…"`). */
function suggestion(issues: Issues): string | undefined {
  const match = /e\.g\. ("(?:[^"\\]|\\.)*")/.exec(issues.list[0]?.fix ?? '');
  return match ? (JSON.parse(match[1]!) as string) : undefined;
}

describe('checkTag', () => {
  it('accepts every lower-case tag of 1 to 20 characters without spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_.-]{1,20}$/), (tag) => {
        const issues = new Issues();
        expect(checkTag(issues, 'tag', tag)).toBe(tag);
        expect(issues.list).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('refuses upper case, spaces and length over 20, and suggests a tag that passes', () => {
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[A-Za-z0-9 -]{1,40}$/)
          .filter((tag) => tag.length > 20 || /[A-Z ]/.test(tag)),
        (tag) => {
          const issues = new Issues();
          expect(checkTag(issues, 'tag', tag)).toBeUndefined();
          expect(issues.list[0]?.field).toBe('tag');
          const fixed = suggestion(issues);
          if (fixed !== undefined && fixed.trim() !== '' && !fixed.startsWith('-')) {
            const again = new Issues();
            expect(checkTag(again, 'tag', fixed)).toBe(fixed);
          }
        },
      ),
      { numRuns },
    );
  });
});

describe('checkSender', () => {
  it('accepts 3 to 11 unaccented letters and digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{3,11}$/), (sender) => {
        const issues = new Issues();
        expect(checkSender(issues, 'sender', sender)).toBe(sender);
      }),
      { numRuns },
    );
  });

  it.each([
    ['AB', 'is 2 characters long'],
    ['ABCDEFGHIJKL', 'is 12 characters long'],
    ['Boulangère', 'unaccented'],
    ['Shop!', 'unaccented'],
  ])('refuses %j (%s) with a fix that passes', (sender, problem) => {
    const issues = new Issues();
    expect(checkSender(issues, 'sender', sender)).toBeUndefined();
    expect(issues.list[0]?.problem).toContain(problem);
    const fixed = suggestion(issues);
    expect(fixed).toBeDefined();
    expect(checkSender(new Issues(), 'sender', fixed)).toBe(fixed);
  });
});

describe('checkRecipients', () => {
  it('normalises, de-duplicates and keeps first-seen order', () => {
    const issues = new Issues();
    expect(checkRecipients(issues, 'to', '06 12 34 56 78, +33612345678,0698765432')).toEqual({
      numbers: ['+33612345678', '+33698765432'],
      duplicates: 1,
    });
    expect(issues.list).toEqual([]);
  });

  it('counts distinct numbers against the limit', () => {
    const issues = new Issues();
    checkRecipients(
      issues,
      'to',
      [...Array(600)].map(() => '0612345678'),
    );
    expect(issues.list).toEqual([]);
    checkRecipients(
      issues,
      'to',
      [...Array(3)].map((_, i) => `061234567${i}`),
      { max: 2 },
    );
    expect(issues.list[0]?.problem).toContain('3 distinct numbers');
  });
});

describe('checkNoSandbox', () => {
  it('refuses only when the effective sandbox is on', () => {
    const cases: Array<[boolean, unknown, boolean]> = [
      [false, undefined, false],
      [true, undefined, true],
      [true, false, false],
      [false, true, true],
      [true, 'no', true],
    ];
    for (const [client, value, refused] of cases) {
      const issues = new Issues();
      checkNoSandbox(issues, client, value, 'POST /v1/x');
      expect(issues.list.length > 0).toBe(refused);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { parseQuery } from './sources.js';

describe('parseQuery', () => {
  it("reads every query string exactly as a URL's searchParams would (property)", () => {
    const char = fc.constantFrom(
      ..."?ab=&&==token kind%+2B%41%zz.~-_!*'();:@,/?é\u00ff\t\u0000".split(''),
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }),
        fc.constantFrom('a', 'b', 'token', '', 'ab'),
        (chars, name) => {
          const query = chars.join('');
          const ours = parseQuery(query);
          // What `new URL(...).searchParams` does with a query string: the form-urlencoded parser on
          // it as is (the constructor would drop a leading '?', hence the one added).
          const reference = new URLSearchParams(`?${query}`);
          expect([...ours]).toEqual([...reference]);
          expect(ours.get(name)).toBe(reference.get(name));
        },
      ),
      { numRuns },
    );
  });

  it('splits the callback URLs createCallbackUrls writes without URLSearchParams', () => {
    const query = parseQuery('token=abc-DEF_123&kind=dlr&&x&y=1=2');
    expect(query).not.toBeInstanceOf(URLSearchParams);
    expect([...query]).toEqual([
      ['token', 'abc-DEF_123'],
      ['kind', 'dlr'],
      ['x', ''],
      ['y', '1=2'],
    ]);
    expect(query.get('kind')).toBe('dlr');
    expect(query.get('missing')).toBeNull();
  });
});

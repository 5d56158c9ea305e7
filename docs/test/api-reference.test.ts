import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReference,
  convert,
  findUndocumented,
  publishedPackages,
} from '../scripts/api-reference.mjs';

const fixture = join(import.meta.dirname, 'fixtures', 'undocumented');

describe('the API reference', () => {
  it('finds every public name without TSDoc, and only those', async () => {
    const { project } = await convert({
      packages: [
        { name: '@fixture/undocumented', dir: fixture, entry: join(fixture, 'src', 'index.ts') },
      ],
      tsconfig: join(fixture, 'tsconfig.json'),
      options: { projectDocuments: [] },
    });
    const names = (findUndocumented(project) as string[]).map((line) =>
      line.replace(/ at .*$/, ''),
    );
    expect(names).toEqual([
      'FixtureError.name (Property)',
      'Options.undocumentedMember (Property)',
      'Options.undocumentedMethod (CallSignature)',
      'Shape.undocumentedField (Property)',
      'Thing.undocumentedMethodOfClass (CallSignature)',
      'Thing.undocumentedProperty (Property)',
      'undocumentedConstant (Variable)',
      'undocumentedFunction (CallSignature)',
    ]);
  });

  it('builds the site of every published package, each public name documented', async () => {
    const { problems, out } = await buildReference({ write: true });
    expect(problems).toEqual([]);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const packages = publishedPackages() as { name: string }[];
    expect(packages.map((p) => p.name)).toContain('@sms-partner/cli');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const { name } of packages) expect(index).toContain(name);
    // The guides are pages of the site.
    expect(index).toContain('Costs and encodings');
  });
});

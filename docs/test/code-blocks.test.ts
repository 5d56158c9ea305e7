import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanBlocks, extractBlocks, runBlock, typeCheck } from './code-blocks.js';

afterAll(cleanBlocks);

// A guide with one good block, one that does not type-check and one whose output differs from
// what it shows: the checks the guides rely on must catch the last two, at the right lines.
const guide = `# A guide

\`\`\`ts run
import { analyzeMessage } from '@sms-partner/core';
console.log(analyzeMessage('Bonjour', { encoding: 'auto' }).segments);
\`\`\`

\`\`\`text
1
\`\`\`

\`\`\`ts
import { analyzeMessage } from '@sms-partner/core';
const segments: string = analyzeMessage('Bonjour').segments;
\`\`\`

\`\`\`ts run
console.log('two');
\`\`\`

\`\`\`text
three
\`\`\`
`;

describe('the code-block checks', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sms-partner-blocks-')), 'guide.md');
  writeFileSync(file, guide);
  const blocks = extractBlocks(file);

  it('pair each run block with the output shown right after it', () => {
    expect(blocks.map((b) => [b.lang, b.line, b.flags])).toEqual([
      ['ts', 3, ['run']],
      ['text', 8, []],
      ['ts', 12, []],
      ['ts', 17, ['run']],
      ['text', 21, []],
    ]);
    expect(blocks[0]!.expectedOutput).toBe('1\n');
    expect(blocks[3]!.expectedOutput).toBe('three\n');
    expect(blocks[2]!.expectedOutput).toBeUndefined();
  });

  it('report a type error at its line in the Markdown file', () => {
    const errors = typeCheck(blocks.filter((b) => b.lang === 'ts'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/guide\.md:14: Type 'number' is not assignable to type 'string'/);
  });

  it('run a block against the built packages and give its real output', async () => {
    const good = await runBlock(blocks[0]!, 0);
    expect(good).toEqual({ code: 0, stdout: blocks[0]!.expectedOutput, stderr: '' });
    const wrong = await runBlock(blocks[3]!, 3);
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).not.toBe(blocks[3]!.expectedOutput);
  });
});

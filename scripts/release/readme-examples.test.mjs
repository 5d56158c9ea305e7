import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { publishedPackages } from './packages.mjs';
import {
  extractMarkedBlocks,
  MarkerError,
  shellCommands,
  splitBackground,
  tokenizeMarker,
} from './readme-examples.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const numRuns = Number(process.env.FC_NUM_RUNS ?? (process.env.CI ? 10_000 : 1_000));

describe('extractMarkedBlocks', () => {
  it('returns each marked block verbatim with its kind, file and attributes, and skips unmarked ones', () => {
    const md = [
      '# pkg',
      '<!-- release-test: setup -->',
      '```sh',
      'npm install a b',
      '```',
      '',
      '```ts',
      'unmarked();',
      '```',
      '<!-- release-test: file src/server.ts -->',
      '',
      '```ts',
      '// server.ts',
      "const a = '```';",
      '```',
      '<!--release-test: run until=": delivered" timeout=45-->',
      '~~~~bash',
      'npx thing &',
      '```',
      '~~~~',
      '<!-- release-test: file client.ts exec -->',
      '```ts',
      'await x;',
      '```',
    ].join('\n');
    const blocks = extractMarkedBlocks(md);
    assert.deepEqual(
      blocks.map(({ kind, file, attributes, lang, code, line }) => ({
        kind,
        file,
        attributes,
        lang,
        code,
        line,
      })),
      [
        {
          kind: 'setup',
          file: undefined,
          attributes: {},
          lang: 'sh',
          code: 'npm install a b\n',
          line: 2,
        },
        {
          kind: 'file',
          file: 'src/server.ts',
          attributes: {},
          lang: 'ts',
          code: "// server.ts\nconst a = '```';\n",
          line: 10,
        },
        {
          kind: 'run',
          file: undefined,
          attributes: { until: ': delivered', timeout: '45' },
          lang: 'bash',
          code: 'npx thing &\n```\n',
          line: 16,
        },
        {
          kind: 'file',
          file: 'client.ts',
          attributes: { exec: true },
          lang: 'ts',
          code: 'await x;\n',
          line: 21,
        },
      ],
    );
  });

  it('refuses markers it cannot honour, naming the README line', () => {
    const cases = [
      [
        '<!-- release-test: runn -->\n```sh\nx\n```',
        /README.md:1: unknown release-test marker "runn"/,
      ],
      ['<!-- release-test: file -->\n```ts\nx\n```', /needs a file name/],
      ['<!-- release-test: file ../x.ts -->\n```ts\nx\n```', /must be a path inside the project/],
      ['<!-- release-test: file /etc/x.ts -->\n```ts\nx\n```', /must be a path inside the project/],
      ['<!-- release-test: setup exec -->\n```sh\nx\n```', /"exec" is not an attribute of "setup"/],
      ['<!-- release-test: run timeout=soon -->\n```sh\nx\n```', /timeout must be a number/],
      ['<!-- release-test: setup -->\n\nnpm install x', /must be followed by a fenced code block/],
      [
        'text\n\n<!-- release-test: setup -->\n```sh\nnpm i x\n',
        /README.md:3: the code block is never closed/,
      ],
    ];
    for (const [md, message] of cases) {
      assert.throws(
        () => extractMarkedBlocks(md),
        (e) => e instanceof MarkerError && message.test(e.message),
      );
    }
  });

  it('gives back any code block body exactly as written (property)', () => {
    const line = fc
      .string({
        unit: fc.constantFrom('a', ' ', '`', '~', '#', '&', '"', "'", '\\', 'é', '\t'),
        maxLength: 12,
      })
      .filter((l) => !/^\s*(`{3,}|~{3,})/.test(l) && !/^\s*<!--/.test(l));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (body) => {
        const md = `intro\n<!-- release-test: file x.ts -->\n\`\`\`ts\n${body.join('\n')}${body.length ? '\n' : ''}\`\`\`\nafter\n`;
        const [block] = extractMarkedBlocks(md);
        assert.equal(block.code, `${body.join('\n')}\n`);
      }),
      { numRuns },
    );
  });

  it('finds a runnable example in the README of every published package', () => {
    for (const pkg of publishedPackages(root)) {
      const blocks = extractMarkedBlocks(readFileSync(join(pkg.path, 'README.md'), 'utf8'));
      assert.ok(
        blocks.some((b) => b.kind === 'run' || b.attributes.exec),
        `${pkg.name}: no runnable example marked`,
      );
    }
  });
});

describe('tokenizeMarker', () => {
  it('keeps quoted values whole, with either quote', () => {
    assert.deepEqual(tokenizeMarker(`run until='"creditSms":' timeout=5 "a b"`), [
      { word: 'run' },
      { key: 'until', value: '"creditSms":' },
      { key: 'timeout', value: '5' },
      { word: 'a b' },
    ]);
  });
});

describe('shellCommands', () => {
  it('drops blank and comment lines and joins backslash continuations', () => {
    assert.deepEqual(
      shellCommands(
        '# start\nnpx a --port 1 &\n\ncurl -s x \\\n  -d y   # inline note\n# {"expected":"output"}\n',
      ),
      ['npx a --port 1 &', 'curl -s x    -d y   # inline note'],
    );
  });
});

describe('splitBackground', () => {
  it('recognises a trailing & but not && or an & inside the command', () => {
    assert.deepEqual(splitBackground('npx tsx server.ts &'), {
      command: 'npx tsx server.ts',
      background: true,
    });
    assert.deepEqual(splitBackground('A=1 npx x & # a server'), {
      command: 'A=1 npx x',
      background: true,
    });
    assert.deepEqual(splitBackground('a && b'), { command: 'a && b', background: false });
    assert.deepEqual(splitBackground("curl -d 'a&b' x"), {
      command: "curl -d 'a&b' x",
      background: false,
    });
    assert.deepEqual(splitBackground('a & b'), { command: 'a & b', background: false });
  });
});

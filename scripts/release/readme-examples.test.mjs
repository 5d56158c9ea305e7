import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { publishedPackages } from './packages.mjs';
import {
  ExampleError,
  extractExamples,
  lineMatches,
  sessionScript,
  shellCommands,
  splitBackground,
} from './readme-examples.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const numRuns = Number(process.env.FC_NUM_RUNS ?? (process.env.CI ? 10_000 : 1_000));

describe('extractExamples', () => {
  it('returns each marked block verbatim, the runnable one with its file and run command', () => {
    const md = [
      '# pkg',
      '<!-- example: install -->',
      '```sh',
      'npm install a b',
      '```',
      '',
      '```ts',
      'unmarked();',
      '```',
      '<!-- example: runnable -->',
      '```ts',
      '// src/server.ts — run with: npx tsx src/server.ts',
      "const a = '```js';",
      '```',
      '<!--example: try-->',
      '~~~~bash',
      'npx thing &',
      '```',
      '~~~~',
    ].join('\n');
    assert.deepEqual(extractExamples(md), {
      install: { lang: 'sh', code: 'npm install a b\n', line: 2 },
      runnable: {
        lang: 'ts',
        code: "// src/server.ts — run with: npx tsx src/server.ts\nconst a = '```js';\n",
        line: 10,
        file: 'src/server.ts',
        runWith: 'npx tsx src/server.ts',
      },
      try: { lang: 'bash', code: 'npx thing &\n```\n', line: 15 },
    });
  });

  it('names the file example.ts when the first line does not, and then has no run command', () => {
    const { runnable } = extractExamples(
      '<!-- example: runnable -->\n```ts\nimport x from "y";\n```\n',
    );
    assert.equal(runnable.file, 'example.ts');
    assert.equal(runnable.runWith, undefined);
  });

  it('refuses blocks it cannot use, naming the README line', () => {
    const cases = [
      [
        '<!-- example: runable -->\n```sh\nx\n```',
        /README.md:1: "example: runable" is not one of install, runnable, try/,
      ],
      [
        '<!-- example: install -->\n\n```sh\nx\n```',
        /must be followed directly by a fenced code block/,
      ],
      [
        '<!-- example: try -->\n```sh\na\n```\n<!-- example: try -->\n```sh\nb\n```',
        /README.md:5: a second "example: try" block/,
      ],
      [
        'text\n<!-- example: install -->\n```sh\nnpm i x\n',
        /README.md:2: the "example: install" block is never closed/,
      ],
      [
        '<!-- example: runnable -->\n```ts\n// ../x.ts — run with: node x\n```',
        /must be a path inside the project/,
      ],
    ];
    for (const [md, message] of cases) {
      assert.throws(
        () => extractExamples(md),
        (e) => e instanceof ExampleError && message.test(e.message),
      );
    }
  });

  it('gives back any block body exactly as written (property)', () => {
    const line = fc
      .string({
        unit: fc.constantFrom('a', ' ', '`', '~', '#', '&', '"', "'", '\\', 'é', '\t'),
        maxLength: 12,
      })
      .filter((l) => !/^\s*[`~]{3,}\s*$/.test(l));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (body) => {
        const md = `intro\n<!-- example: install -->\n\`\`\`sh\n${body.map((l) => `${l}\n`).join('')}\`\`\`\nafter\n`;
        assert.equal(extractExamples(md).install.code, `${body.join('\n')}\n`);
      }),
      { numRuns },
    );
  });

  it('finds an install block and a runnable example in the README of every published package', () => {
    for (const pkg of publishedPackages(root)) {
      const blocks = extractExamples(readFileSync(join(pkg.path, 'README.md'), 'utf8'));
      assert.ok(
        blocks.install && blocks.runnable,
        `${pkg.name}: install or runnable block missing`,
      );
    }
  });
});

describe('sessionScript', () => {
  it('reads the output a comment promises after a command, and the log line after "then"', () => {
    const code = [
      'npx sms-partner-emulator --port 4010 &',
      'A=1 npx tsx server.ts &',
      "curl -s localhost:3000/remind -d '{}'",
      '# {"messageId":"…","billedSegments":1}    then, in the server\'s log:  …: delivered',
      '',
      '# a note that belongs to no command',
      'echo done',
    ].join('\n');
    assert.deepEqual(sessionScript(code), [
      { command: 'npx sms-partner-emulator --port 4010 &' },
      { command: 'A=1 npx tsx server.ts &' },
      {
        command: "curl -s localhost:3000/remind -d '{}'",
        expect: '{"messageId":"…","billedSegments":1}',
        expectLog: '…: delivered',
      },
      { command: 'echo done' },
    ]);
  });
});

describe('shellCommands', () => {
  it('drops blank and comment lines and joins backslash continuations', () => {
    assert.deepEqual(
      shellCommands(
        '# start\nnpm init -y && npm pkg set type=module\n\ncurl -s x \\\n  -d y   # inline note\n',
      ),
      ['npm init -y && npm pkg set type=module', 'curl -s x    -d y   # inline note'],
    );
  });
});

describe('lineMatches', () => {
  it('matches a whole line, … standing for anything and spaces for any run of spaces', () => {
    assert.equal(
      lineMatches(
        'x\n{"messageId":"123","billedSegments":1}\ny',
        '{"messageId":"…","billedSegments":1}',
      ),
      true,
    );
    assert.equal(
      lineMatches('{"messageId":"123","segments":1}', '{"messageId":"…","billedSegments":1}'),
      false,
    );
    assert.equal(lineMatches('log\n11111111: delivered\n', '…: delivered'), true);
    assert.equal(lineMatches('11111111: not_delivered', '…: delivered'), false);
    assert.equal(lineMatches('at 10:02: delivered', '…: delivered'), true); // … is anything
    assert.equal(lineMatches('delivered', '…: delivered'), false);
    assert.equal(lineMatches('a   b', 'a b'), true);
    assert.equal(lineMatches('price (EUR) [x]', 'price (EUR) [x]'), true);
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

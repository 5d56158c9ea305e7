import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { publishedPackages } from './packages.mjs';
import {
  extractMarkedBlocks,
  lineMatches,
  MarkerError,
  matchingLine,
  sessionScript,
  shellCommands,
  splitBackground,
  tokenizeMarker,
} from './readme-examples.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const numRuns = Number(process.env.FC_NUM_RUNS ?? (process.env.CI ? 10_000 : 1_000));
const pick = ({ kind, file, attributes, lang, code, line, runWith }) => ({
  kind,
  file,
  attributes,
  lang,
  code,
  line,
  runWith,
});

describe('extractMarkedBlocks', () => {
  it('returns each marked block verbatim with its kind, file, attributes and run command', () => {
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
      '// client.ts — run with: npx tsx client.ts',
      '```',
      '<!-- release-test: tsconfig.json -->',
      '```json',
      '{ "compilerOptions": { "types": ["node"] } }',
      '```',
    ].join('\n');
    const none = { file: undefined, runWith: undefined };
    assert.deepEqual(extractMarkedBlocks(md).map(pick), [
      { ...none, kind: 'setup', attributes: {}, lang: 'sh', code: 'npm install a b\n', line: 2 },
      {
        kind: 'file',
        file: 'src/server.ts',
        attributes: {},
        lang: 'ts',
        code: "// server.ts\nconst a = '```';\n",
        line: 10,
        runWith: undefined,
      },
      {
        ...none,
        kind: 'run',
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
        code: '// client.ts — run with: npx tsx client.ts\n',
        line: 21,
        runWith: 'npx tsx client.ts',
      },
      {
        ...none,
        kind: 'tsconfig.json',
        attributes: {},
        lang: 'json',
        code: '{ "compilerOptions": { "types": ["node"] } }\n',
        line: 25,
      },
    ]);
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
        const md = `intro\n<!-- release-test: file x.ts -->\n\`\`\`ts\n${body.map((l) => `${l}\n`).join('')}\`\`\`\nafter\n`;
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
    const sent = '{"messageId":"…","billedSegments":1}';
    assert.equal(lineMatches('x\n{"messageId":"123","billedSegments":1}\ny', sent), true);
    assert.equal(lineMatches('{"messageId":"123","segments":1}', sent), false);
    assert.equal(lineMatches('log\n11111111: delivered\n', '…: delivered'), true);
    assert.equal(lineMatches('11111111: not_delivered', '…: delivered'), false);
    assert.equal(lineMatches('at 10:02: delivered', '…: delivered'), true);
    assert.equal(lineMatches('delivered', '…: delivered'), false);
    assert.equal(lineMatches('a   b', 'a b'), true);
    assert.equal(lineMatches('price (EUR) [x]', 'price (EUR) [x]'), true);
    assert.equal(matchingLine('a\n  42: delivered  \nb', '…: delivered'), '42: delivered');
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

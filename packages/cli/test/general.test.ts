import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('sms-partner (the program itself)', () => {
  it('prints its version and help on stdout with status 0, and usage errors on stderr with 2', async () => {
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout.trim()).toBe(pkg.version);

    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'analyze',
      'send',
      'status',
      'credits',
      'holidays',
      'quiet',
      'emulator',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }

    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: sms-partner');

    const unknown = await cli(['anaylze', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'anaylze'");
    expect(unknown.stderr).toContain('analyze'); // the suggestion
  });

  it('never echoes the value of a mistyped option, which may be the API key', async () => {
    const secret = 'sk-live-8f3a9c1d2e';
    const result = await cli(['credits', `--api-kye=${secret}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--api-kye=");
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

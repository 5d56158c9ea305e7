/**
 * `tsc --init` turns on `exactOptionalPropertyTypes`: the README's
 * `new SmsPartnerClient({ apiKey: process.env.SMS_PARTNER_API_KEY })` must type-check there
 * (`process.env.X` is `string | undefined`). Compiled with the TypeScript API against core's
 * sources; only the snippet's own diagnostics count.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));

function diagnostics(source: string): string[] {
  const file = join(fileURLToPath(new URL('.', import.meta.url)), '__exact-optional__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    paths: { '@sms-partner/core': [core] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : read(name));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file);
  return [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ].map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('exactOptionalPropertyTypes', () => {
  it('accepts apiKey: process.env.SMS_PARTNER_API_KEY (string | undefined)', () => {
    const snippet = `
      import { SmsPartnerClient } from '@sms-partner/core';
      declare const process: { env: Record<string, string | undefined> };
      export const client = new SmsPartnerClient({ apiKey: process.env.SMS_PARTNER_API_KEY });
    `;
    expect(diagnostics(snippet)).toEqual([]);
  }, 60_000);

  it('is really on: an undefined value for a plain optional property is refused', () => {
    const snippet = `
      declare const maybe: string | undefined;
      export const options: { name?: string } = { name: maybe };
    `;
    expect(diagnostics(snippet).join('\n')).toMatch(/^TS2375:/);
  }, 60_000);
});

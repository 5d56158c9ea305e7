import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { bundleSource } from '../../test/bundle.js';

// Each case bundles the sources with esbuild: quick alone, slower beside other suites in CI. The
// limit only stops a hung build (nothing here is timed).
vi.setConfig({ testTimeout: 120_000 });

/**
 * What `bench/src/size.ts` measures (and BENCHMARKS.md reports): `export { names } from entry`,
 * bundled with esbuild `--bundle --minify --format=esm --platform=neutral`, then gzip -9.
 */
async function bundle(entry: string, names: string) {
  const { code, modules } = await bundleSource(`export { ${names} } from './${entry}';`);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, modules };
}

// Guards against regressions, not the target: issue 11 asks for under 15,000 B gzip, and
// BENCHMARKS.md explains what is left. Measured when these limits were set (esbuild 0.28.2):
// 87,353 B minified, 30,692 B gzip (88,676 B and 31,139 B before); then 89,427 B minified and
// 31,193 B gzip with the faster client (string-built URL and body with their URL fallback, the
// quiet-stretch memo, send results without spreads, lazy resource groups). Lower them when the
// client gets lighter; raise them only with a reason in the commit message.
const LIMITS = { minified: 89_600, gzip: 31_400 };

describe('bundle weight of SmsPartnerClient', () => {
  for (const entry of ['client/index.ts', 'index.ts']) {
    it(`import { SmsPartnerClient } from '${entry}' stays under ${LIMITS.gzip} B gzip`, async () => {
      const size = await bundle(entry, 'SmsPartnerClient');
      expect(size.gzip).toBeLessThan(LIMITS.gzip);
      expect(size.minified).toBeLessThan(LIMITS.minified);
    });
  }

  it('pulls in no webhook handling but the status words, and no splitting or explanation', async () => {
    const { modules } = await bundle('client/index.ts', 'SmsPartnerClient');
    expect(modules.filter((path) => path.startsWith('webhooks/'))).toEqual([
      'webhooks/delivery-report.ts',
    ]);
    expect(modules.filter((path) => /^message\/[^/]+$/.test(path))).toEqual(['message/analyze.ts']);
  });
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per public subpath (package.json `exports`); `index` re-exports them all.
  entry: {
    index: 'src/index.ts',
    message: 'src/message/index.ts',
    client: 'src/client/index.ts',
    phone: 'src/phone/index.ts',
    schedule: 'src/schedule/index.ts',
    webhooks: 'src/webhooks/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Shared chunks in both formats, so that a class (SmsPartnerError...) is one class whichever
  // entry it is imported from, and `instanceof` holds across entries.
  splitting: true,
});

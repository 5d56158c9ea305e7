import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/nestjs.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // One shared chunk in both formats, so that `SmsOutbox` from the main entry is the class the
  // NestJS entry provides (an `@Inject(SmsOutbox)` token must be the same object).
  splitting: true,
  target: 'es2022',
  platform: 'node',
});

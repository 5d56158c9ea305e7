// Replaced at build time with package.json's version (see tsup.config.ts).
declare const __CLI_VERSION__: string | undefined;

/** The version of `@sms-partner/cli`, as `sms-partner --version` prints it. */
export const VERSION: string = typeof __CLI_VERSION__ === 'string' ? __CLI_VERSION__ : '0.0.0-dev';

/**
 * The bin's "port in use" hint, worded for the way the bin was started.
 */

/**
 * How to pass another port the way this process was started: through an npm script the flag
 * needs `--` after the script name (`npm start -- --port N`); pnpm and yarn pass it on as is.
 */
export function portHint(env: Record<string, string | undefined>): string {
  const script = env.npm_lifecycle_event;
  if (!script || script === 'npx') return 'sms-partner-emulator --port <another>';
  const agent = (env.npm_config_user_agent ?? 'npm').split('/')[0];
  const run = script === 'start' || script === 'test' ? script : `run ${script}`;
  if (agent === 'pnpm' || agent === 'yarn') return `${agent} ${run} --port <another>`;
  return `npm ${run} -- --port <another>`;
}

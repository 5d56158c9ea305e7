#!/usr/bin/env node
/**
 * The `sms-partner` command. The first Ctrl+C (SIGINT) or SIGTERM interrupts cleanly: a running
 * emulator stops, a send finishes its batch in flight and reports who was not sent to. A second
 * one exits at once. The exit status is set rather than forced, so pending output is flushed.
 */
import { run } from './index.js';

const controller = new AbortController();
const interrupt = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

process.exitCode = await run(process.argv.slice(2), { signal: controller.signal });

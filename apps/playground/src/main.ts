/**
 * `pnpm start` (or `npm start` at the repository root): the playground from the command line.
 *
 *   node --import tsx src/main.ts [--port 3000] [--host 127.0.0.1]
 *
 * The port also comes from `PORT`; `--port 0` picks a free one.
 */
import { parseArgs } from 'node:util';
import { APP_LABELS } from './live-store.js';
import { startPlayground } from './playground.js';

const USAGE = 'Usage: pnpm start [--port 3000] [--host 127.0.0.1]   (env: PORT, HOST)';

function readPort(value: string | undefined): number {
  const port = Number(value ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(
      `Invalid port ${JSON.stringify(value)}: give a number from 0 to 65535.\n${USAGE}`,
    );
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  let values: { port?: string | undefined; host?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = readPort(values.port ?? process.env.PORT);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';

  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `Port ${port} is in use. Fix: pnpm start --port <another>, or --port 0 for any.`,
      );
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exit(1);
  }

  const pad = (label: string) => label.padEnd(13);
  const lines = [
    '',
    'SMS Partner playground',
    '',
    `  ${pad('Dashboard')}${playground.url}`,
    ...Object.values(playground.apps).map(
      (app) => `  ${pad(`${APP_LABELS[app.name]} app`)}${app.url}  (webhooks ${app.webhookUrl})`,
    ),
    `  ${pad('Emulator')}${playground.emulator.baseUrl}`,
    '',
    'Open the dashboard in a browser. Ctrl+C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl+C does not wait
    stopping = true;
    console.log(`\n${signal}: stopping the playground...`);
    playground.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

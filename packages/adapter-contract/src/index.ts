/**
 * The one behaviour suite every SMS Partner adapter runs. An adapter's test file supplies a
 * harness that mounts the adapter with the given options on a real HTTP server (or an in-process
 * dispatcher such as Hono's `app.request`), and the suite sends real requests to it.
 *
 * @example
 * ```ts
 * runAdapterContract('Express 5', async (options) => {
 *   const app = express();
 *   if (options.hostParsesBodies) app.use(express.json(), express.urlencoded());
 *   app.use(smsPartnerWebhooks({ path: options.webhookPath, ...options.webhook, ...options.handlers }));
 *   // ... the app route, listen on 127.0.0.1:0 ...
 *   return { baseUrl, close };
 * });
 * ```
 * @packageDocumentation
 */
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { clientCases } from './client-cases.js';
import { emulatorCases } from './emulator-cases.js';
import { failureCases } from './failure-cases.js';
import type { AdapterContractOptions, HarnessFactory } from './harness.js';
import { hostileCases } from './hostile-cases.js';
import { loadCases } from './load-cases.js';
import { sourceCases } from './source-cases.js';
import { webhookCases } from './webhook-cases.js';

export type {
  AdapterContractOptions,
  ContractWebhookOptions,
  Harness,
  HarnessFactory,
  HarnessOptions,
} from './harness.js';
export { listen } from './listen.js';
export type { ContractHandlers } from './recorder.js';

/** Registers the whole contract for one adapter (call it at the top level of a test file). */
export function runAdapterContract(
  name: string,
  factory: HarnessFactory,
  options: AdapterContractOptions = {},
): void {
  const transport = options.transport ?? 'http';
  describe(`${name}: adapter contract`, () => {
    let emulator: Emulator | undefined;
    const current = () => {
      if (!emulator) throw new Error('The emulator did not start.');
      return emulator;
    };
    beforeAll(async () => {
      // Quiet hours off: a commercial SMS sent at night would otherwise be held, with no report.
      // A callback attempt may take as long as a loaded machine needs: none may time out here.
      emulator = await startEmulator({
        accounts: [{ quietHours: 'off' }],
        dlrDelayMs: 0,
        callbackTimeoutMs: 60_000,
      });
    });
    afterAll(() => emulator?.stop());

    for (const hostParsesBodies of options.hostParsesBodies ?? [false, true]) {
      describe(hostParsesBodies ? 'webhooks, host app parses bodies first' : 'webhooks', () =>
        webhookCases(factory, hostParsesBodies),
      );
    }
    describe('client', () => clientCases(factory, current));
    if (transport === 'http') {
      describe('source address', () => sourceCases(factory));
      describe('emulator end to end', () => emulatorCases(factory, current));
    }
  });
}

/**
 * Registers the webhook guarantees for one adapter: nothing lost when a handler fails or a copy
 * arrives mid-flight, exact once-only handling under load, and hostile input refused. Heavier
 * than the contract (tens of thousands of requests), so a separate call: each adapter's test
 * makes it once per harness. Each test prints its figures on a `[guarantee]` line.
 */
export function runAdapterGuarantees(
  name: string,
  factory: HarnessFactory,
  options: Pick<AdapterContractOptions, 'transport'> = {},
): void {
  describe(`${name}: webhook guarantees`, () => {
    for (const hostParsesBodies of [false, true]) {
      describe(
        hostParsesBodies ? 'nothing lost, host app parses bodies first' : 'nothing lost',
        () => failureCases(name, factory, hostParsesBodies),
      );
    }
    describe('load', () => loadCases(name, factory));
    const transport = options.transport ?? 'http';
    describe('hostile input', () => hostileCases(name, factory, false, transport));
    describe('hostile input, host app parses bodies first', () =>
      hostileCases(name, factory, true, transport));
  });
}

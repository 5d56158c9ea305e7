import { SmsPartnerClient, type SmsPartnerClientOptions, SmsPartnerError } from '@sms-partner/core';
import { type Emulator, type EmulatorOptions, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

/** Tuesday 15 January 2030, 11:00 in Paris: inside every send window. */
export const WEEKDAY_MORNING = '2030-01-15T10:00:00Z';
/** Sunday 20 January 2030, 11:00 in Paris: quiet all day under SMS Partner's policy. */
export const SUNDAY_MORNING = '2030-01-20T10:00:00Z';
/** Monday 21 January 2030, 08:00 in Paris: the window after that Sunday. */
export const MONDAY_WINDOW = '2030-01-21T07:00:00.000Z';

/** A distinctive key, to search for in everything the client shows. */
export const SECRET_KEY = 'sk_test_SECRET-key+with/odd=chars_0123456789';

/**
 * The client's timeout in every test that is not about timeouts: far beyond what a local round
 * trip needs even on a loaded CI machine, so that no success path ever depends on speed.
 */
export const GENEROUS_TIMEOUT_MS = 15_000;

export interface EmulatorFixture {
  readonly emulator: Emulator;
  /**
   * A client on the emulator's demo account, with quick retries, the emulator's clock and a
   * {@link GENEROUS_TIMEOUT_MS} timeout.
   */
  client(options?: SmsPartnerClientOptions): SmsPartnerClient;
}

/**
 * One emulator per test file (a real HTTP server on an ephemeral port), reset before each test,
 * its clock frozen on a weekday morning unless a test moves it.
 */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ clock: { start: WEEKDAY_MORNING, frozen: true }, ...options });
    // One round trip before any test: the first request of a process loads and compiles the HTTP
    // stack, which on a loaded machine can take longer than a test's short timeout by itself.
    const started = emulator;
    await new SmsPartnerClient({
      apiKey: started.apiKey,
      baseUrl: started.url,
      now: () => started.clock.now(),
      timeout: GENEROUS_TIMEOUT_MS,
    }).account.me();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulator is not started yet');
      return emulator;
    },
    client(clientOptions = {}) {
      const current = this.emulator;
      return new SmsPartnerClient({
        apiKey: current.apiKey,
        baseUrl: current.url,
        now: () => current.clock.now(),
        timeout: GENEROUS_TIMEOUT_MS,
        retry: { maxRetries: 2, initialDelay: 5, maxDelay: 20 },
        ...clientOptions,
      });
    },
  };
}

/** Runs `run`, expects it to throw an instance of `type`, and returns the error. */
export async function rejection<T extends Error>(
  run: () => Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to throw').toBeInstanceOf(type);
  expect(caught).toBeInstanceOf(SmsPartnerError);
  return caught as T;
}

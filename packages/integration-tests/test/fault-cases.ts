/**
 * Every fault mode of the emulator and what the client must make of it: the typed error, the
 * outcome it reports, and whether the emulator processed the request anyway. Shared by the
 * fault tests of the send and read paths and by the send guarantees.
 */
import {
  type SmsPartnerError,
  SmsPartnerNetworkError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerTimeoutError,
} from '@sms-partner/core';
import type { Emulator, FaultSpec } from '@sms-partner/testing';
import { expect, vi } from 'vitest';

/**
 * The client's timeout in the tests about timeouts. Long enough that, even on a loaded CI machine,
 * the request has reached the emulator (which records it on arrival) before the client gives up;
 * every other test keeps the fixture's generous timeout.
 */
export const TIMEOUT_MS = 2_000;
/** The latency fault: several times {@link TIMEOUT_MS}, so the client surely gives up first. */
export const LATENCY_MS = 3 * TIMEOUT_MS;
/** Guards the waits below against a hang; never a measure of speed. */
export const SETTLE_LIMIT_MS = LATENCY_MS + 30_000;

export type ErrorClass = abstract new (...args: never[]) => SmsPartnerError;

export interface FaultCase {
  name: string;
  fault: Omit<FaultSpec, 'route' | 'times'>;
  error: ErrorClass;
  outcome: SmsPartnerError['outcome'];
  /** Whether the emulator processes the request despite the fault (the SMS is sent). */
  processed: boolean;
}

/** Every fault mode of the emulator, and what the client must make of it. */
export const FAULTS: FaultCase[] = [
  {
    name: 'latency beyond the timeout',
    fault: { kind: 'latency', latencyMs: LATENCY_MS },
    error: SmsPartnerTimeoutError,
    outcome: 'unknown',
    // The body arrived before the client gave up: a slow server still sends the SMS.
    processed: true,
  },
  {
    name: 'a reset before the body is read',
    fault: { kind: 'reset-before-body' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'a reset after the body is read',
    fault: { kind: 'reset-after-body' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'a reset after processing',
    fault: { kind: 'reset-after-processing' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: true,
  },
  {
    name: 'HTTP 500 with a JSON body',
    fault: { kind: 'server-error' },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'HTTP 503 with a JSON body',
    fault: { kind: 'server-error', status: 503 },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'HTTP 429 with Retry-After',
    fault: { kind: 'rate-limit', retryAfter: 1 },
    error: SmsPartnerRateLimitError,
    outcome: 'rejected',
    processed: false,
  },
  {
    name: 'an HTML error page (502)',
    fault: { kind: 'html' },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'an HTML page with status 200',
    fault: { kind: 'html', status: 200 },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated-json' },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: true,
  },
  {
    name: 'an answer whose body stalls after the headers',
    fault: { kind: 'stall-body' },
    error: SmsPartnerTimeoutError,
    outcome: 'unknown',
    // Processed before the answer started: only the client's timeout ends the wait for the rest.
    processed: true,
  },
  {
    name: 'a success without message_id',
    fault: { kind: 'success-without-id' },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: false,
  },
];

/** The client timeout for a case: short only where the case is about the timeout. */
export const timeoutFor = (c: FaultCase) =>
  c.fault.kind === 'latency' || c.fault.kind === 'stall-body' ? { timeout: TIMEOUT_MS } : {};

/**
 * Waits until the emulator has recorded at least `count` requests on `route` and finished with
 * every request it received (its record has `durationMs`), including one whose client gave up
 * during a latency fault. The test then counts exactly: a surplus still fails it.
 */
export async function settled(emulator: Emulator, route: string, count: number): Promise<void> {
  await vi.waitFor(
    () => {
      expect(emulator.requests({ route }).length).toBeGreaterThanOrEqual(count);
      for (const request of emulator.requests()) {
        expect(request.durationMs).toBeDefined();
      }
    },
    { timeout: SETTLE_LIMIT_MS, interval: 20 },
  );
}

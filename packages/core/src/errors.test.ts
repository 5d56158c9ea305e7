import { describe, expect, it } from 'vitest';
import { SmsPartnerError } from './errors.js';
import { frenchPublicHolidays } from './schedule/holidays.js';
import { ScheduleError } from './schedule/index.js';
import { parseDeliveryReport } from './webhooks/delivery-report.js';
import { WebhookError } from './webhooks/index.js';

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('one error hierarchy', () => {
  it('schedule functions throw an SmsPartnerError with code "schedule" and a specific reason', () => {
    const error = thrownBy(() => frenchPublicHolidays(1200));
    expect(error).toBeInstanceOf(ScheduleError);
    expect(error).toBeInstanceOf(SmsPartnerError);
    const scheduleError = error as ScheduleError;
    expect(scheduleError.code).toBe('schedule');
    expect(scheduleError.reason).toBe('INVALID_YEAR');
    expect(scheduleError.name).toBe('ScheduleError');
    // Documented change: no longer a RangeError.
    expect(error).not.toBeInstanceOf(RangeError);
    expect(scheduleError.toJSON()).toEqual({
      name: 'ScheduleError',
      code: 'schedule',
      reason: 'INVALID_YEAR',
      message: scheduleError.message,
      outcome: 'not_sent',
    });
  });

  it('webhook parsers throw an SmsPartnerError with code "webhook", a reason and the HTTP status', () => {
    const error = thrownBy(() => parseDeliveryReport({ status: 'delivered' }));
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toBeInstanceOf(SmsPartnerError);
    const webhookError = error as WebhookError;
    expect(webhookError.code).toBe('webhook');
    expect(webhookError.reason).toBe('invalid_payload');
    expect(webhookError.status).toBe(400);
    expect(webhookError.toJSON()).toMatchObject({
      name: 'WebhookError',
      code: 'webhook',
      reason: 'invalid_payload',
      status: 400,
    });
  });

  it("gives every webhook reason an HTTP status: 5xx only for what is not the caller's fault", () => {
    const reasons = [
      'invalid_configuration',
      'method_not_allowed',
      'forbidden_source',
      'missing_token',
      'invalid_token',
      'payload_too_large',
      'unsupported_media_type',
      'malformed_body',
      'invalid_payload',
      'unknown_event',
      'handler_failed',
    ] as const;
    for (const reason of reasons) {
      const error = new WebhookError(reason, 'x', { field: 'f' });
      const serverSide = reason === 'invalid_configuration' || reason === 'handler_failed';
      expect(error.status).toBeGreaterThanOrEqual(serverSide ? 500 : 400);
      expect(error.status).toBeLessThan(serverSide ? 600 : 500);
      expect(error.toJSON()).toMatchObject({ reason, status: error.status, field: 'f' });
    }
  });

  it('keeps the cause without putting it in toJSON', () => {
    const cause = new Error('inner');
    const error = new WebhookError('malformed_body', 'Bad JSON.', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error)).not.toContain('inner');
  });
});

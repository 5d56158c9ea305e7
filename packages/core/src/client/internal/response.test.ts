import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { SmsPartnerError } from '../../errors.js';
import { describeApiCode } from '../error-codes.js';
import {
  SmsPartnerAccountDisabledError,
  SmsPartnerApiError,
  SmsPartnerAuthenticationError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerQueueError,
  SmsPartnerQuietHoursError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerStopListedError,
} from '../errors.js';
import { createRedactor } from './redact.js';
import { type InterpretContext, interpret } from './response.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

const KEY = 'k3y-Secret/with+chars';
const WINDOW = new Date('2030-01-21T07:00:00Z');

function context(patch: Partial<InterpretContext> = {}): InterpretContext {
  return {
    endpoint: 'POST /v1/send',
    family: 'send',
    status: 200,
    retryAfter: undefined,
    redact: createRedactor(KEY),
    quietWindow: () => ({ nextWindow: WINDOW, reason: 'sunday' }),
    ...patch,
  };
}

function failure(body: unknown, patch: Partial<InterpretContext> = {}): SmsPartnerError {
  const outcome = interpret(context(patch), typeof body === 'string' ? body : JSON.stringify(body));
  if (!(outcome instanceof SmsPartnerError))
    throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('interpret: successes', () => {
  it('accepts success true, and success with the non-200 codes some endpoints use', () => {
    for (const body of [
      { success: true, code: 200, message_id: 1 },
      { success: true, code: 2, groupId: 5 },
      { success: true, datas: [] },
      { groupe: {}, results: [], rapport: {} },
    ]) {
      const outcome = interpret(context(), JSON.stringify(body));
      expect(outcome).not.toBeInstanceOf(Error);
      expect((outcome as { data: unknown }).data).toEqual(body);
    }
  });

  it('reads XML answers and names their positional values', () => {
    const outcome = interpret(
      context({ xmlKeys: ['success', 'code', 'message_id', 'nb_sms'] }),
      '<?xml version="1.0"?><result><entry>true</entry><entry>200</entry><entry>306</entry><entry>1</entry></result>',
    );
    expect((outcome as { data: unknown }).data).toEqual({
      success: 'true',
      code: '200',
      message_id: '306',
      nb_sms: '1',
    });
  });
});

describe('interpret: API error codes', () => {
  it.each([
    [10, SmsPartnerAuthenticationError, 'invalid API key'],
    [1, SmsPartnerAuthenticationError, 'API key required'],
    [96, SmsPartnerAuthenticationError, 'IP address not authorised for this account'],
    [11, SmsPartnerInsufficientCreditError, 'insufficient credit'],
    [14, SmsPartnerStopListedError, 'number is in the STOP list'],
    [44, SmsPartnerApiError, 'sender invalid'],
    [52, SmsPartnerApiError, 'a concatenated SMS cannot exceed 10 parts'],
  ])('send family, code %i → %o', (code, type, meaning) => {
    const error = failure({ success: false, code, message: 'texte' }, { status: 400 });
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      apiCode: code,
      httpStatus: 400,
      endpoint: 'POST /v1/send',
      outcome: 'rejected',
      apiMessage: 'texte',
    });
    expect((error as SmsPartnerApiError).meaning).toBe(meaning);
    expect(error.message).toContain(meaning);
  });

  it('keeps the API status off `status`, which Express and Koa would answer with', () => {
    const error = failure(
      { success: false, code: 10, message: 'Clé API incorrecte' },
      { status: 401 },
    );
    expect(error.httpStatus).toBe(401);
    expect(error.status).toBeUndefined();
    expect(Object.keys(error)).not.toContain('status');
    expect(error.toJSON()).toMatchObject({ httpStatus: 401 });
    expect(error.toJSON()).not.toHaveProperty('status');
  });

  it.each([
    ['send', 20, 'deactivated'],
    ['send', 30, 'blocked'],
    ['account', 20, 'deactivated'],
    ['contacts', 30, 'blocked'],
  ] as const)('%s family, code %i → account %s', (family, code, state) => {
    const error = failure({ success: false, code }, { family, status: 403 });
    expect(error).toBeInstanceOf(SmsPartnerAccountDisabledError);
    expect(error).toMatchObject({ code: 'account_disabled', state, outcome: 'rejected' });
    expect(error.toJSON()).toMatchObject({ state });
  });

  it('maps code 500 to a queue error whose outcome is unknown, whatever the HTTP status', () => {
    for (const status of [200, 400, 500]) {
      const error = failure({ success: false, code: 500, message: 'Erreur' }, { status });
      expect(error).toBeInstanceOf(SmsPartnerQueueError);
      expect(error).toMatchObject({ code: 'queue_failed', outcome: 'unknown', httpStatus: status });
    }
  });

  it.each([
    [2, 'phoneNumber required'],
    [9, 'not a mobile number'],
    [11, 'insufficient credit'],
    [50, 'at most 500 numbers per request'],
  ])('cancel family, code %i means %s', (code, meaning) => {
    const error = failure(
      { success: false, code },
      { family: 'cancel', endpoint: 'GET /v1/message-cancel' },
    );
    expect((error as SmsPartnerApiError).meaning).toBe(meaning);
    expect(error instanceof SmsPartnerInsufficientCreditError).toBe(code === 11);
  });

  it('lets an endpoint name the class of a code: sub-account code 8', () => {
    const create = failure(
      { success: false, code: 8 },
      { family: 'subaccounts', codes: { 8: 'creditToAttribute must be greater than 0' } },
    );
    expect(create).not.toBeInstanceOf(SmsPartnerInsufficientCreditError);
    expect((create as SmsPartnerApiError).meaning).toBe('creditToAttribute must be greater than 0');
    const transfer = failure(
      { success: false, code: 8 },
      { family: 'subaccounts', codes: { 8: ['insufficient credit', 'insufficient_credit'] } },
    );
    expect(transfer).toBeInstanceOf(SmsPartnerInsufficientCreditError);
  });

  it('maps 22 and 23 to quiet-hours errors carrying the next window', () => {
    for (const code of [22, 23]) {
      const error = failure({ success: false, code });
      expect(error).toBeInstanceOf(SmsPartnerQuietHoursError);
      expect((error as SmsPartnerQuietHoursError).nextWindow).toEqual(WINDOW);
      expect((error as SmsPartnerQuietHoursError).reason).toBe('sunday');
    }
  });

  it('reads the same number per endpoint family', () => {
    const callForward = failure(
      { success: false, code: 14 },
      { family: 'call-forward', endpoint: 'POST /v1/vn/callforward' },
    );
    expect(callForward).not.toBeInstanceOf(SmsPartnerStopListedError);
    expect((callForward as SmsPartnerApiError).meaning).toBe(
      'call forwarding not enabled on this number',
    );
    const rental = failure({ success: false, code: 4 }, { family: 'rental' });
    expect((rental as SmsPartnerApiError).meaning).toBe('op required');
  });

  it('lets an endpoint override a meaning', () => {
    const error = failure(
      { success: false, code: 3 },
      { family: 'stops', codes: { 3: 'number already in the STOP list' } },
    );
    expect((error as SmsPartnerApiError).meaning).toBe('number already in the STOP list');
  });

  it('prefers the per-number code of errors[] over a generic top-level code', () => {
    const error = failure({
      success: false,
      code: 55,
      errors: [{ phoneNumber: '+33600000000', code: '14', message: 'Numéro dans la liste STOP' }],
    });
    expect(error).toBeInstanceOf(SmsPartnerStopListedError);
    expect(error.apiCode).toBe(14);
    expect((error as SmsPartnerApiError).details).toEqual([
      { phoneNumber: '+33600000000', code: 14, message: 'Numéro dans la liste STOP' },
    ]);
  });

  it('reads validation details under either key, with field names out of elementId', () => {
    for (const key of ['error', 'errors']) {
      const error = failure({
        success: false,
        code: 9,
        [key]: [
          { elementId: 'children[message].data', message: 'Le message est requis' },
          {
            elementId: 'children[phoneNumbers].data',
            message: "Ce numero de telephone n'est pas valide (922264)",
          },
        ],
      });
      expect(error.apiCode).toBe(9);
      expect((error as SmsPartnerApiError).details.map((detail) => detail.field)).toEqual([
        'message',
        'phoneNumbers',
      ]);
      expect(error.apiMessage).toBe('Le message est requis');
    }
  });

  it('reads an XML refusal', () => {
    const error = failure(
      '<result><entry>false</entry><entry>10</entry><entry><![CDATA[Clé API incorrecte]]></entry></result>',
      {
        xmlKeys: ['success', 'code', 'message'],
      },
    );
    expect(error).toBeInstanceOf(SmsPartnerAuthenticationError);
    expect(error.apiMessage).toBe('Clé API incorrecte');
  });

  it('gives unknown codes a generic meaning', () => {
    expect(describeApiCode('send', 777)).toEqual({
      meaning: 'unknown error code 777',
      kind: 'api_error',
    });
  });
});

describe('interpret: HTTP-level failures', () => {
  it('429 → rate-limit error with retryAfter, whatever the body', () => {
    for (const body of ['{"success":false,"code":429}', '<html><body>Too Many</body></html>', '']) {
      const error = failure(body, { status: 429, retryAfter: 2000 });
      expect(error).toBeInstanceOf(SmsPartnerRateLimitError);
      expect((error as SmsPartnerRateLimitError).retryAfter).toBe(2000);
    }
  });

  it('5xx → server error with outcome unknown, keeping an API code when there is one', () => {
    const json = failure({ success: false, code: 42, message: 'trop long' }, { status: 503 });
    expect(json).toBeInstanceOf(SmsPartnerServerError);
    expect(json).toMatchObject({ apiCode: 42, httpStatus: 503, outcome: 'unknown' });
    const queue = failure({ success: false, code: 500, message: 'queue' }, { status: 503 });
    expect(queue).toBeInstanceOf(SmsPartnerServerError);
    expect(queue).toBeInstanceOf(SmsPartnerQueueError);
    const html = failure('<!DOCTYPE html><html><body>Bad gateway</body></html>', { status: 502 });
    expect(html).toBeInstanceOf(SmsPartnerServerError);
    expect((html as SmsPartnerServerError).snippet).toContain('Bad gateway');
  });

  it('401/403 without a code → authentication error', () => {
    expect(failure('{"message":"denied"}', { status: 403 })).toBeInstanceOf(
      SmsPartnerAuthenticationError,
    );
  });

  it.each([
    ['<html><body>maintenance</body></html>', 'HTML'],
    ['{"success":true,"code":200,"message_id":12', 'truncated JSON'],
    ['', 'empty body'],
    ['[1,2]', 'an array'],
    ['"ok"', 'a string'],
  ])('a 200 with %j (%s) → response error with outcome unknown', (body) => {
    const error = failure(body);
    expect(error).toBeInstanceOf(SmsPartnerResponseError);
    expect(error.outcome).toBe('unknown');
  });

  it('redacts the key from snippets, even when the cut falls inside it', () => {
    const body = `<html><body>${'x'.repeat(190)}${KEY} and apiKey=${encodeURIComponent(KEY)}</body></html>`;
    const error = failure(body, { status: 502 }) as SmsPartnerServerError;
    expect(error.snippet).not.toContain(KEY.slice(0, 6));
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY.slice(0, 6));
  });

  it('never throws and always returns data or an SmsPartnerError, for any body and status', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.constantFrom('<result><entry>', '<html>', '{"success":false'),
        ),
        fc.integer({ min: 100, max: 599 }),
        (body, status) => {
          const outcome = interpret(context({ status }), body);
          if (outcome instanceof Error) expect(outcome).toBeInstanceOf(SmsPartnerError);
          else expect(status).toBeLessThan(400);
        },
      ),
      { numRuns },
    );
  });
});

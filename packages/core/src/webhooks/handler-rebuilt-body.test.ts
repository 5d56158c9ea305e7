/**
 * A body a host parser already parsed is serialised back before core reads it. JSON nested
 * thousands deep (which `express.json()` accepts) overflowed the stack there and the route
 * answered 500 (found by the adapters' hostile-input suite with host parsers mounted); a cyclic
 * object threw too. Both are bad bodies: 400 `malformed_body`, and no handler call.
 */
import { describe, expect, it } from 'vitest';
import { SECRET, setup, urlDlr } from '../../test/fixtures/webhooks/handler-kit.js';
import { WebhookError } from './errors.js';
import { toWebRequest } from './to-web-request.js';

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let i = 0; i < depth; i++) value = { a: value };
  return { status: 'delivered', msgId: value };
}

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { status: 'delivered', msgId: '1' };
  value.self = value;
  return value;
}

describe('a parsed body that cannot be serialised back', () => {
  const bodies = [
    ['nested 100,000 deep, as JSON', nested(100_000), 'application/json'],
    ['nested 100,000 deep, as form fields', nested(100_000), 'application/x-www-form-urlencoded'],
    ['cyclic, as JSON', cyclic(), 'application/json'],
    ['cyclic, as form fields', cyclic(), 'application/x-www-form-urlencoded'],
  ] as const;

  it.each(bodies)(
    '%s: 400 malformed_body through handlePlain, no handler call',
    async (_, body, type) => {
      const { handle, events, onError } = setup({ secret: SECRET });
      const answer = await handle.handlePlain({
        method: 'POST',
        url: urlDlr,
        headers: { 'content-type': type },
        body,
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(String(answer.body))).toEqual({ ok: false, error: 'malformed_body' });
      expect(events).toEqual([]);
      expect(onError).not.toHaveBeenCalled();
    },
  );

  it.each(bodies)('%s: toWebRequest throws a typed malformed_body', (_, body, type) => {
    let caught: unknown;
    try {
      toWebRequest({ method: 'POST', url: urlDlr, headers: { 'content-type': type }, body });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WebhookError);
    expect((caught as WebhookError).reason).toBe('malformed_body');
  });
});

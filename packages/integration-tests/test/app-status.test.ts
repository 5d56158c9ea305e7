/**
 * An SMS Partner failure must not become the HTTP status of the app's own answer. Express's
 * default error handler answers with `error.status` when it is a number: a client error that
 * carried SMS Partner's 401 there turned a wrong SMS Partner key into a 401 for the app's caller.
 */
import type { AddressInfo } from 'node:net';
import { SmsPartnerAuthenticationError, SmsPartnerClient } from '@sms-partner/core';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENEROUS_TIMEOUT_MS, useEmulator } from './helpers.js';

const fixture = useEmulator();
let server: ReturnType<ReturnType<typeof express>['listen']>;
let appUrl = '';
let caught: unknown;

beforeAll(async () => {
  const app = express();
  app.get('/notify', async (_req, res, next) => {
    const client = new SmsPartnerClient({
      apiKey: 'a-wrong-sms-partner-key',
      baseUrl: fixture.emulator.url,
      timeout: GENEROUS_TIMEOUT_MS,
    });
    try {
      await client.sms.send({ to: '0612345678', message: 'Bonjour', category: 'transactional' });
      res.send('sent');
    } catch (error) {
      caught = error;
      next(error); // the README's Express example leaves errors to Express
    }
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('a wrong SMS Partner key is a 500 of the app, not a 401 of its caller', async () => {
  const response = await fetch(`${appUrl}/notify`);
  expect(caught).toBeInstanceOf(SmsPartnerAuthenticationError);
  // SMS Partner did answer 401 (the emulator's mapped status for code 10)...
  expect((caught as SmsPartnerAuthenticationError).httpStatus).toBe(401);
  // ...and the app's caller sees a server-side failure.
  expect(response.status).toBe(500);
});

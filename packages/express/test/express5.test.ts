import { runAdapterContract } from '@sms-partner/adapter-contract';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { frameworkName, getSmsPartner, smsPartnerWebhooks } from '../src/index.js';
import { expressHarness } from './harness.js';

runAdapterContract('Express 5', (options) => expressHarness(express, options));

describe('Express specifics', () => {
  it('refuses to build a router without a secret (fail closed)', () => {
    expect(() => smsPartnerWebhooks({})).toThrow(/secret/);
  });

  it('getSmsPartner says how to fix a missing middleware', () => {
    expect(() => getSmsPartner({} as express.Request)).toThrow(/app\.use\(smsPartner/);
  });

  it('names itself', () => {
    expect(frameworkName).toBe('express');
  });
});

import { runAdapterContract, runAdapterGuarantees } from '@sms-partner/adapter-contract';
import express4 from 'express4';
import { describe, expect, it, vi } from 'vitest';
import { expressHarness } from './harness.js';

// The adapter imports `Router` from 'express': give it Express 4's, so the whole stack is v4.
vi.mock('express', async () => await import('express4'));

runAdapterContract('Express 4', (options) => expressHarness(express4 as never, options));
runAdapterGuarantees('Express 4', (options) => expressHarness(express4 as never, options));

describe('Express 4 set-up', () => {
  it("the adapter's router really is Express 4's", async () => {
    const { Router } = await import('express');
    expect(Router).toBe(express4.Router);
  });
});

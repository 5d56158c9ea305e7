import { runAdapterContract, runAdapterGuarantees } from '@sms-partner/adapter-contract';
import { nestHarness } from './harness.js';

runAdapterContract('Nest on Express', nestHarness('express'));
runAdapterContract('Nest on Fastify', nestHarness('fastify'));
runAdapterGuarantees('Nest on Express', nestHarness('express'));
runAdapterGuarantees('Nest on Fastify', nestHarness('fastify'));

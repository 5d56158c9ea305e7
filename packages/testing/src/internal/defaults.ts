/**
 * Default behaviour. Prices are chosen so that `/v1/me` reproduces the documented example: its
 * credits are the balance divided by a unit price (10225.119 / 0.038 = 269082 SMS,
 * / 0.023 = 444570 ECO, / 0.005 = 2045023 HLR; spec §2.1), and 0.038 is the documented send cost.
 */
import type {
  EmulatorBehaviour,
  OutcomeRule,
  Pricing,
  RateLimit,
  RateLimitedRoute,
} from '../types.js';

export const DEFAULT_PRICING: Pricing = {
  premium: 0.038,
  eco: 0.023,
  hlr: 0.005,
  rcs: 0.12,
  rental: 0.09,
  destinations: {},
};

/** Documented limits (spec §1.4). */
export const DEFAULT_RATE_LIMITS: Record<RateLimitedRoute, RateLimit> = {
  'hlr/notify': { limit: 360, windowMs: 60_000 },
  lookup: { limit: 360, windowMs: 60_000 },
  'statistics/cost-resume': { limit: 5, windowMs: 60_000 },
};

/** Magic numbers (any spelling: `0600000001`, `+33600000001`); everything else is delivered. */
export const DEFAULT_OUTCOMES: OutcomeRule[] = [
  { match: '+33600000001', status: 'not delivered', smpp: 'UNDELIV' },
  { match: '+33600000002', status: 'ko', smpp: 'REJECTD' },
  { match: '+33600000003', status: 'waiting' },
  { match: '+33600000004', status: 'not delivered', smpp: 'EXPIRED' },
];

export function defaultBehaviour(): EmulatorBehaviour {
  return {
    dlrDelayMs: 2000,
    hlrDelayMs: 2000,
    dlrFormat: 'default',
    callbackEncoding: 'json',
    callbackRetryDelaysMs: [5000, 30_000, 120_000],
    callbackTimeoutMs: 5000,
    errorStatus: 'mapped',
    validationErrorKey: 'error',
    lowCostCreditKey: 'creditSmsLowCost',
    statusDate: 'epoch',
    unrentedFrom: 'refuse',
    repairSamples: true,
    nbSms: 'total',
    stopListed: 'skip',
    pricing: { ...DEFAULT_PRICING, destinations: {} },
    rateLimits: {},
    acceptPlaceholders: true,
    sandboxDlr: false,
    outcomes: [...DEFAULT_OUTCOMES],
    logger: undefined,
  };
}

/** Options that take one of a few words, checked so that a typo fails loudly. */
const CHOICES: Record<string, readonly string[]> = {
  validationErrorKey: ['error', 'errors', 'both', 'documented'],
  lowCostCreditKey: ['creditSmsLowCost', 'creditSmsECO', 'both'],
  statusDate: ['epoch', 'datetime'],
  unrentedFrom: ['refuse', 'accept'],
  nbSms: ['total', 'per-recipient'],
  stopListed: ['skip', 'reject'],
  callbackEncoding: ['json', 'form'],
};

const BEHAVIOUR_KEYS = new Set<string>(Object.keys(defaultBehaviour()));

/** Merges behaviour options, validating them with messages that say how to fix them. */
export function mergeBehaviour(
  base: EmulatorBehaviour,
  patch: Partial<EmulatorBehaviour>,
): EmulatorBehaviour {
  const next = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // Only behaviour keys: EmulatorOptions also carries port, host, accounts, clock...
    if (value === undefined || !BEHAVIOUR_KEYS.has(key)) continue;
    (next as Record<string, unknown>)[key] = value;
  }
  if (patch.pricing) next.pricing = { ...base.pricing, ...patch.pricing };
  for (const key of ['dlrDelayMs', 'hlrDelayMs', 'callbackTimeoutMs'] as const) {
    const value = next[key];
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(
        `Emulator option ${key} must be a number of milliseconds >= 0; got ${value}.`,
      );
    }
  }
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const value = (next as unknown as Record<string, unknown>)[key];
    if (!allowed.includes(value as string)) {
      throw new TypeError(
        `Emulator option ${key} must be ${allowed.map((a) => `'${a}'`).join(', ')}; got ${JSON.stringify(value)}.`,
      );
    }
  }
  if (!next.callbackRetryDelaysMs.every((d) => Number.isFinite(d) && d >= 0)) {
    throw new RangeError(
      'Emulator option callbackRetryDelaysMs must list delays in milliseconds >= 0.',
    );
  }
  return next;
}

export function rateLimitFor(
  behaviour: EmulatorBehaviour,
  route: RateLimitedRoute,
): RateLimit | undefined {
  if (behaviour.rateLimits === false) return undefined;
  const configured = behaviour.rateLimits[route];
  if (configured === false) return undefined;
  return configured ?? DEFAULT_RATE_LIMITS[route];
}

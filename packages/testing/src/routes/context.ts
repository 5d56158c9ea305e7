/**
 * What a route handler receives, and authentication shared by all routes.
 */
import { ApiError, MESSAGES } from '../internal/api-error.js';
import type { Engine } from '../internal/engine.js';
import type { Params } from '../internal/params.js';
import { str } from '../internal/params.js';
import type { AccountState } from '../internal/state.js';
import type { RateLimitedRoute } from '../types.js';

export interface Ctx {
  engine: Engine;
  method: string;
  params: Params;
  ip: string;
  requestId: number;
  now: Date;
}

/** A non-JSON answer (rental file download). */
export interface RawAnswer {
  raw: true;
  status: number;
  contentType: string;
  body: string;
}

export type Answer = Record<string, unknown> | RawAnswer;

export interface Route {
  name: string;
  paths: string[];
  methods: string[];
  handler: (ctx: Ctx) => Answer | Promise<Answer>;
  /** Key of the code-9 violation list on this endpoint's page. @default 'error' */
  errorKey?: 'error' | 'errors';
  rateLimit?: RateLimitedRoute;
}

// The documentation's placeholder keys: 'YOUR API KEY', 'xxxxx', 'VOTRE_CLÉ_API', 'MY API KEY'...
const PLACEHOLDER_KEY =
  /^x+$|api[\W_]*key|cl[ée][\W_]*api|your[\W_]*api|votre[\W_]*cl[ée]|votre[\W_]*api/iu;

export function isPlaceholderKey(key: string): boolean {
  return PLACEHOLDER_KEY.test(key);
}

/** The calling account; throws the documented codes for a missing/invalid key and account states. */
export function authenticate(
  ctx: Ctx,
  codes: { missing: number; invalid: number } = { missing: 1, invalid: 10 },
): AccountState {
  const key = str(ctx.params, 'apiKey');
  if (!key) throw new ApiError(codes.missing, MESSAGES.keyRequired, 'auth');
  let account = ctx.engine.store.byKey(key);
  if (
    !account &&
    ctx.engine.behaviour.acceptPlaceholders &&
    !ctx.engine.explicitKey &&
    isPlaceholderKey(key)
  ) {
    account = ctx.engine.demoAccount;
  }
  if (!account) throw new ApiError(codes.invalid, MESSAGES.keyInvalid, 'auth');
  if (account.status === 'deactivated') throw new ApiError(20, MESSAGES.deactivated, 'forbidden');
  if (account.status === 'blocked') throw new ApiError(30, MESSAGES.blocked, 'forbidden');
  if (account.status === 'api-refused') throw new ApiError(40, MESSAGES.apiRefused, 'forbidden');
  if (account.allowedIps && !account.allowedIps.includes(ctx.ip)) {
    throw new ApiError(96, MESSAGES.ipRefused, 'forbidden');
  }
  return account;
}

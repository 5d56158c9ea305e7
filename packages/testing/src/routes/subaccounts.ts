/**
 * Sub-accounts (spec §2.14): each has its own API key (so "acting as" a sub-account is using its
 * key), a token for credit and deletion calls, and a balance moved from the parent.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, fail } from '../internal/api-error.js';
import { fromMilli, milliString, toMilli } from '../internal/money.js';
import { int, num, obj, type Params, str } from '../internal/params.js';
import { parisDateTime } from '../internal/paris-time.js';
import type { AccountState } from '../internal/state.js';
import { authenticate, type Ctx, type Route } from './context.js';

const PER_PAGE = 20;

function children(ctx: Ctx, parent: AccountState): AccountState[] {
  return ctx.engine.store.accounts.filter((a) => a.parentId === parent.id);
}

function create(ctx: Ctx) {
  const parent = authenticate(ctx);
  if (!parent.subaccounts || parent.parentId !== undefined) {
    throw fail(2, "Vous n'êtes pas autorisé à créer des sous-comptes");
  }
  const type = str(ctx.params, 'type');
  if (!type) throw fail(4, 'Le type de sous-compte est requis');
  if (type !== 'simple' && type !== 'advanced')
    throw fail(5, `Type de sous-compte inconnu (${type})`);
  const parameters: Params = obj(ctx.params, 'parameters') ?? {};
  const isBuyer = int(parameters, 'isBuyer');
  if (type === 'advanced' && isBuyer === undefined)
    throw fail(3, 'Le paramètre isBuyer est requis');
  let email = str(parameters, 'email');
  if (type === 'advanced' && !email) throw fail(6, "L'e-mail est requis");
  // Simple sub-accounts get a generated address when none is given, like `98755587@smspartner.fr`.
  email ??= `${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}@smspartner.fr`;
  if (ctx.engine.store.accounts.some((a) => a.username === email))
    throw fail(7, 'Cet e-mail existe déjà');
  const credit = num(parameters, 'creditToAttribute');
  if (credit !== undefined && !(credit > 0))
    throw fail(8, 'creditToAttribute doit être supérieur à 0');
  const creditMilli = credit === undefined ? 0 : toMilli(credit);
  if (creditMilli > parent.balanceMilli)
    throw fail(9, 'Votre solde doit être supérieur au crédit attribué');
  const child = ctx.engine.store.createAccount(
    {
      username: email,
      firstname: str(parameters, 'firstname'),
      lastname: str(parameters, 'lastname'),
      balance: 0,
      quietHours: parent.quietHours,
      marketing: parent.marketing,
      virtualNumbers: [],
    },
    ctx.now,
    {
      parentId: parent.id,
      token: randomBytes(16).toString('hex'),
      subaccountType: type,
      subaccounts: false,
      quietHoursPolicy: parent.quietHoursPolicy,
    },
  );
  parent.balanceMilli -= creditMilli;
  child.balanceMilli = creditMilli;
  return {
    success: true,
    code: 200,
    subaccount: { email: child.username, token: child.token },
    sendConfirmMailTo: type === 'advanced' ? child.username : parent.username,
    parent_email: parent.username,
  };
}

function findChild(
  ctx: Ctx,
  parent: AccountState,
  token: string | undefined,
): AccountState | undefined {
  return token === undefined ? undefined : children(ctx, parent).find((a) => a.token === token);
}

function remove(ctx: Ctx) {
  const parent = authenticate(ctx);
  const token = str(ctx.params, 'token');
  if (!token) throw fail(1, 'Le token du sous-compte est requis');
  const child = findChild(ctx, parent, token);
  if (!child) throw new ApiError(404, 'Sous-compte introuvable', 'not-found');
  // Undocumented: the remaining balance goes back to the parent (the least surprising choice).
  parent.balanceMilli += child.balanceMilli;
  ctx.engine.store.accounts = ctx.engine.store.accounts.filter((a) => a !== child);
  return { success: true, code: 200 };
}

function list(ctx: Ctx) {
  const parent = authenticate(ctx);
  const page = Math.max(1, int(ctx.params, 'page') || 1);
  const all = children(ctx, parent);
  return {
    success: true,
    code: 200,
    total: all.length,
    nb_per_page: PER_PAGE,
    page,
    data: all.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((a) => ({
      id: a.id,
      email: a.username,
      type: a.subaccountType,
      token: a.token,
      apiKey: a.apiKey,
      createdAt: parisDateTime(a.createdAt),
      credits: { balance: milliString(a.balanceMilli), currency: 'EUR' },
    })),
  };
}

function credit(direction: 'add' | 'remove') {
  return (ctx: Ctx) => {
    const parent = authenticate(ctx);
    if (parent.parentId !== undefined || !parent.subaccounts) {
      throw fail(4, "Vous n'êtes pas autorisé à gérer les crédits des sous-comptes");
    }
    const amount = num(ctx.params, 'credit');
    if (amount === undefined) throw fail(2, 'Le crédit est requis');
    const token = str(ctx.params, 'tokenSubaccount');
    if (!token) throw fail(3, 'Le token du sous-compte (tokenSubaccount) est requis');
    if (!(amount > 0)) throw fail(5, 'Le crédit doit être supérieur à 0');
    const child = findChild(ctx, parent, token);
    if (!child) throw new ApiError(7, 'Sous-compte inexistant', 'not-found');
    const milli = toMilli(amount);
    const from = direction === 'add' ? parent : child;
    const to = direction === 'add' ? child : parent;
    if (milli > from.balanceMilli) throw fail(8, 'Crédit insuffisant');
    from.balanceMilli -= milli;
    to.balanceMilli += milli;
    return {
      success: true,
      code: 200,
      credit: fromMilli(parent.balanceMilli),
      subaccountCredit: fromMilli(child.balanceMilli),
      currency: 'EUR',
    };
  };
}

export const subaccountRoutes: Route[] = [
  {
    name: 'subaccount/create',
    paths: ['/v1/subaccount/create'],
    methods: ['POST'],
    handler: create,
  },
  {
    name: 'subaccount/delete',
    // Header says DELETE /delete, the example POSTs to /remove: all four combinations work.
    paths: ['/v1/subaccount/delete', '/v1/subaccount/remove'],
    methods: ['DELETE', 'POST'],
    handler: remove,
  },
  { name: 'subaccount/list', paths: ['/v1/subaccount/list'], methods: ['GET'], handler: list },
  {
    name: 'subaccount/credit/add',
    paths: ['/v1/subaccount/credit/add'],
    methods: ['POST'],
    handler: credit('add'),
  },
  {
    name: 'subaccount/credit/remove',
    paths: ['/v1/subaccount/credit/remove'],
    methods: ['POST'],
    handler: credit('remove'),
  },
];

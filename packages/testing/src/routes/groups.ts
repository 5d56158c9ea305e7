/**
 * Groups (spec §2.12): add succeeds with `code: 2`; delete is `/v1/groupe/delete` (French
 * spelling), by POST or DELETE; the list has no `code`.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, fail } from '../internal/api-error.js';
import { int, str } from '../internal/params.js';
import { parisIso } from '../internal/paris-time.js';
import type { AccountState, GroupState } from '../internal/state.js';
import { authenticate, type Ctx, type Route } from './context.js';

const groupNotFound = () => new ApiError(404, 'Groupe introuvable', 'not-found');

type OwnedGroup = GroupState & { accountId: number };

export function ownGroup(ctx: Ctx, account: AccountState, id: number | undefined): OwnedGroup {
  const group = id === undefined ? undefined : ctx.engine.store.groups.get(id);
  if (!group || group.accountId !== account.id) throw groupNotFound();
  return group;
}

function groupAdd(ctx: Ctx) {
  // This page lists 2 and 10 for the key (spec §2.12), and 1 for a missing name.
  const account = authenticate(ctx, { missing: 2, invalid: 10 });
  const name = str(ctx.params, 'name');
  if (!name) throw fail(1, 'Le nom du groupe est requis');
  const id = ctx.engine.store.nextGroupId();
  ctx.engine.store.groups.set(id, {
    id,
    name,
    createdAt: ctx.now,
    token: randomBytes(8).toString('hex'),
    accountId: account.id,
  });
  return { success: true, code: 2, name, groupId: id };
}

function groupDelete(ctx: Ctx) {
  const account = authenticate(ctx);
  const id = int(ctx.params, 'groupId');
  if (id === undefined) throw fail(1, "L'identifiant du groupe (groupId) est requis");
  const group = ownGroup(ctx, account, id);
  ctx.engine.store.groups.delete(group.id);
  for (const [contactId, contact] of ctx.engine.store.contacts) {
    if (contact.groupId === group.id) ctx.engine.store.contacts.delete(contactId);
  }
  return { success: true, code: 200 };
}

function groupList(ctx: Ctx) {
  const account = authenticate(ctx);
  const groups = [...ctx.engine.store.groups.values()]
    .filter((g) => g.accountId === account.id)
    .map((g) => ({
      id: g.id,
      name: g.name,
      createdAt: parisIso(g.createdAt),
      isSpecialFile: false,
      isLocationFile: false,
    }));
  // The documented example has no `code` here.
  return { success: true, groups };
}

export const groupRoutes: Route[] = [
  { name: 'group/add', paths: ['/v1/group/add'], methods: ['POST'], handler: groupAdd },
  {
    name: 'groupe/delete',
    // French spelling as documented; the English one is accepted too (tolerant).
    paths: ['/v1/groupe/delete', '/v1/group/delete'],
    methods: ['POST', 'DELETE'],
    handler: groupDelete,
  },
  { name: 'group/list', paths: ['/v1/group/list'], methods: ['GET'], handler: groupList },
];

/**
 * Stop list (opt-outs): `stop-sms/list`, `stop-sms/add`, `stop-sms/delete` (spec §2.13).
 */
import { fail, field, notFound, ValidationError } from '../internal/api-error.js';
import { int, str } from '../internal/params.js';
import { parisDateTime } from '../internal/paris-time.js';
import { parsePhone } from '../internal/phone.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { invalidPhoneMessage } from './send-common.js';

function list(ctx: Ctx) {
  const account = authenticate(ctx);
  return {
    success: true,
    code: 200,
    nbData: account.stopList.length,
    data: account.stopList.map((s) => ({
      id: s.id,
      phoneNumber: s.phoneNumber,
      createdAt: parisDateTime(s.createdAt),
    })),
  };
}

function add(ctx: Ctx) {
  const account = authenticate(ctx);
  const input = str(ctx.params, 'phoneNumber');
  if (!input) throw fail(2, 'Le numéro de téléphone est requis');
  const phone = parsePhone(input, ctx.engine.behaviour.acceptPlaceholders);
  if (!phone) {
    throw new ValidationError([
      { elementId: field('phoneNumber'), message: invalidPhoneMessage(input) },
    ]);
  }
  const entry = ctx.engine.store.addStop(account, phone.international, ctx.now);
  if (!entry) throw fail(3, 'Ce numéro est déjà dans la liste STOP');
  return { success: true, code: 200, stopId: entry.id };
}

function remove(ctx: Ctx) {
  const account = authenticate(ctx);
  const id = int(ctx.params, 'id');
  if (id === undefined) throw fail(3, "L'identifiant (id) est requis");
  const index = account.stopList.findIndex((s) => s.id === id);
  if (index < 0) throw notFound(4, 'Identifiant introuvable');
  account.stopList.splice(index, 1);
  return { success: true, code: 200 };
}

export const stopRoutes: Route[] = [
  { name: 'stop-sms/list', paths: ['/v1/stop-sms/list'], methods: ['GET'], handler: list },
  { name: 'stop-sms/add', paths: ['/v1/stop-sms/add'], methods: ['POST'], handler: add },
  // Documented as GET with `id` in the query; POST and DELETE are accepted too (tolerant).
  {
    name: 'stop-sms/delete',
    paths: ['/v1/stop-sms/delete'],
    methods: ['GET', 'POST', 'DELETE'],
    handler: remove,
  },
];

/**
 * Status and cancellation: `message-status`, `multi-status`, `bulk-status`,
 * `bulk-status-by-tag`, `message-cancel` (spec §2.6–2.10). Each keeps its documented oddities:
 * `statut` on the single status, `status` in lists, `stopSms` vs `stopSMS`, string dates and ids.
 */
import { pollingStatus } from '../callbacks/formats.js';
import { fail, notFound } from '../internal/api-error.js';
import { int, type Params, str } from '../internal/params.js';
import { parisDateTime } from '../internal/paris-time.js';
import { parsePhone, samePhone } from '../internal/phone.js';
import type { AccountState } from '../internal/state.js';
import type { MessageRecord, RecipientRecord } from '../types.js';
import { authenticate, type Ctx, type Route } from './context.js';

const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

function isStopped(account: AccountState, phoneNumber: string): boolean {
  return account.stopList.some((s) => s.phoneNumber === phoneNumber);
}

function findMessage(ctx: Ctx, account: AccountState, id: unknown): MessageRecord | undefined {
  const wanted = String(id ?? '').trim();
  return ctx.engine.store.messages.find(
    (m) => m.accountId === account.id && String(m.messageId) === wanted,
  );
}

function requireMessageId(params: Params): string {
  const id = str(params, 'messageId');
  if (!id) throw fail(3, "L'identifiant du message (messageId) est requis");
  return id;
}

function messageStatus(ctx: Ctx) {
  const account = authenticate(ctx);
  const id = requireMessageId(ctx.params);
  const phone = str(ctx.params, 'phoneNumber');
  if (!phone) throw fail(2, 'Le numéro de téléphone est requis');
  const message = findMessage(ctx, account, id);
  const recipient = message?.recipients.find(
    (r) => samePhone(r.input, phone) || samePhone(r.phoneNumber, phone),
  );
  if (!message || !recipient) throw notFound(4, 'Message introuvable');
  return {
    success: true,
    code: 200,
    number: recipient.input,
    messageId: String(message.messageId),
    stopSms: isStopped(account, recipient.phoneNumber),
    // The live answer (Go SDK capture) has Unix seconds as a string; the docs a Paris date-time.
    date:
      ctx.engine.behaviour.statusDate === 'datetime'
        ? parisDateTime(recipient.statusAt)
        : epoch(recipient.statusAt),
    statut: pollingStatus(recipient.status),
    cost: recipient.cost,
    countryCode: parsePhone(recipient.phoneNumber, true)?.country ?? '',
    currency: 'EUR',
  };
}

function multiStatus(ctx: Ctx) {
  const account = authenticate(ctx);
  // The parameter table says SMSStatus_List, every example SMSStatut_List: accept both.
  const items = ctx.params.SMSStatut_List ?? ctx.params.SMSStatus_List;
  if (!Array.isArray(items) || items.length === 0) {
    throw fail(5, 'La liste des numéros (SMSStatut_List) est vide');
  }
  if (items.length > 500) throw fail(50, 'Maximum 500 numéros par requête');
  const list = items.map((raw) => {
    const item = (raw !== null && typeof raw === 'object' ? raw : {}) as Params;
    const phoneNumber = str(item, 'phoneNumber') ?? '';
    const rawId = item.messageId;
    const messageId = typeof rawId === 'number' ? rawId : Number(rawId);
    const message = findMessage(ctx, account, rawId);
    const recipient = message?.recipients.find(
      (r) => phoneNumber && samePhone(r.phoneNumber, phoneNumber),
    );
    if (!message || !recipient) {
      return { success: false, code: 4, phoneNumber, messageId, status: 'Numéro introuvable' };
    }
    return {
      success: true,
      code: 200,
      phoneNumber,
      messageId: message.messageId,
      status: pollingStatus(recipient.status),
      date: epoch(recipient.statusAt),
      stopSms: isStopped(account, recipient.phoneNumber) ? '1' : '0',
      isSpam: '0',
    };
  });
  return { success: true, code: 200, StatutResponse_List: list };
}

function listEntry(account: AccountState, r: RecipientRecord) {
  return {
    phoneNumber: r.phoneNumber,
    status: pollingStatus(r.status),
    stopSMS: isStopped(account, r.phoneNumber),
    date: epoch(r.statusAt),
  };
}

function bulkStatus(ctx: Ctx) {
  const account = authenticate(ctx);
  const id = requireMessageId(ctx.params);
  const message = findMessage(ctx, account, id);
  if (!message) throw notFound(4, 'Message introuvable');
  return {
    success: true,
    code: 200,
    message_id: String(message.messageId),
    StatutResponse_List: message.recipients.map((r) => listEntry(account, r)),
  };
}

/** Page size of `bulk-status-by-tag` (undocumented; `page` is the inferred parameter). */
export const TAG_PAGE_SIZE = 500;

function bulkStatusByTag(ctx: Ctx) {
  const account = authenticate(ctx);
  const tag = str(ctx.params, 'tag');
  if (!tag) throw fail(3, 'Le tag est requis');
  const entries = ctx.engine.store.messages
    .filter((m) => m.accountId === account.id && m.tag === tag)
    .flatMap((m) =>
      m.recipients.map((r) => ({ message_id: String(m.messageId), ...listEntry(account, r) })),
    );
  const page = Math.max(1, int(ctx.params, 'page') || 1);
  if (entries.length === 0) throw notFound(4, 'Aucun message pour ce tag');
  return {
    success: true,
    code: 200,
    currentPage: page,
    total: entries.length,
    StatutResponse_List: entries.slice((page - 1) * TAG_PAGE_SIZE, page * TAG_PAGE_SIZE),
  };
}

/** Cancellation is refused within 5 minutes of the send time (code 6). */
export const CANCEL_MARGIN_MS = 5 * 60_000;

function cancel(ctx: Ctx, id: string | undefined) {
  const account = authenticate(ctx);
  if (!id) throw fail(3, "L'identifiant du message (messageId) est requis");
  const message = findMessage(ctx, account, id);
  if (!message) throw notFound(4, 'Message introuvable');
  if (message.cancelled) throw fail(5, "L'envoi de ce SMS a déjà été annulé");
  const pending = message.recipients.some((r) => r.status === 'scheduled');
  if (!pending || message.sendAt.getTime() <= ctx.now.getTime()) {
    throw fail(7, 'Ce SMS a déjà été envoyé');
  }
  if (message.sendAt.getTime() - ctx.now.getTime() < CANCEL_MARGIN_MS) {
    throw fail(6, "Impossible d'annuler un SMS moins de 5 minutes avant son envoi");
  }
  message.cancelled = true;
  let refund = 0;
  for (const r of message.recipients) {
    r.status = 'cancelled';
    r.statusAt = ctx.now;
    refund += Math.round(r.cost * 1000);
    r.cost = 0;
  }
  message.cost = 0;
  account.balanceMilli += refund;
  return { success: true, code: 200, message: "L'envoi du SMS a été annulé." };
}

export const statusRoutes: Route[] = [
  {
    name: 'message-status',
    paths: ['/v1/message-status'],
    methods: ['GET'],
    handler: messageStatus,
  },
  {
    name: 'multi-status',
    paths: ['/v1/multi-status'],
    methods: ['POST', 'GET'],
    handler: multiStatus,
  },
  { name: 'bulk-status', paths: ['/v1/bulk-status'], methods: ['GET'], handler: bulkStatus },
  {
    name: 'bulk-status-by-tag',
    paths: ['/v1/bulk-status-by-tag'],
    methods: ['GET'],
    handler: bulkStatusByTag,
  },
  {
    name: 'message-cancel',
    paths: ['/v1/message-cancel', '/v1/message-cancel/:id'],
    // A third-party library uses DELETE /v1/message-cancel/{id} (unverified): accepted as well.
    methods: ['GET', 'DELETE', 'POST'],
    handler: (ctx) => cancel(ctx, str(ctx.params, 'messageId') ?? str(ctx.params, ':id')),
  },
];

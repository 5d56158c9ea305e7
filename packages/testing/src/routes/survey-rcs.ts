/**
 * `POST /v1/sondage/to/send` (spec §2.5) and `POST /v1/rcs/send` (spec §2.18).
 */
import { fail, field, type Violation } from '../internal/api-error.js';
import { fromMilli } from '../internal/money.js';
import { flag, obj, type Params, str } from '../internal/params.js';
import type { ParsedPhone } from '../internal/phone.js';
import { authenticate, type Ctx, type Route } from './context.js';
import { commit, filterStopped, newRecipient, readMessage } from './message-commit.js';
import {
  MAX_RECIPIENTS,
  measure,
  priceMilli,
  readPhone,
  readSchedule,
  readSender,
  readTag,
  throwIfViolations,
} from './send-common.js';

function recipientsOf(ctx: Ctx, violations: Violation[]): ParsedPhone[] {
  const raw = ctx.params.phoneNumbers;
  // The RCS example sends a JSON array; SMS sends a comma-separated string. Both are accepted.
  const inputs = (
    Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : []
  )
    .map((n) => n.trim())
    .filter(Boolean);
  if (inputs.length === 0) throw fail(2, 'Le numéro de téléphone est requis');
  if (inputs.length > MAX_RECIPIENTS) throw fail(50, 'Maximum 500 numéros par requête');
  return inputs
    .map((n) => readPhone(ctx.engine, n, 'phoneNumbers', violations))
    .filter((p): p is ParsedPhone => p !== undefined);
}

/** The SMS a survey sends: an invitation with the survey link (what is costed). */
export function surveyText(ident: string): string {
  return `Merci de répondre à notre sondage : https://sondage.smspartner.fr/${ident}`;
}

function survey(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine, params } = ctx;
  const violations: Violation[] = [];
  const phones = recipientsOf(ctx, violations);
  const ident = str(params, 'sondageIdent');
  if (!ident) {
    violations.push({
      elementId: field('sondageIdent'),
      message: "L'identifiant du sondage est requis",
    });
  } else if (account.surveys && !account.surveys.includes(ident)) {
    violations.push({
      elementId: field('sondageIdent'),
      message: `Sondage introuvable (${ident})`,
    });
  }
  const tag = readTag(params, violations);
  const schedule = readSchedule(ctx, violations);
  throwIfViolations(violations);
  const wire = surveyText(ident as string);
  const { text, segments } = measure(wire, {
    unicode: false,
    stopMention: account.marketing,
    range: 'premium',
  });
  const kept = filterStopped(ctx, account, phones);
  let costMilli = 0;
  const recipients = kept.map((phone) => {
    const cost = priceMilli(engine, engine.behaviour.pricing.premium, segments, phone);
    costMilli += cost;
    return newRecipient(phone, wire, text, segments, cost, false, ctx.now);
  });
  const { messageId } = commit(ctx, account, 'sondage/to/send', {
    recipients,
    costMilli,
    sandbox: false,
    range: 'premium',
    unicode: false,
    stopMention: account.marketing,
    schedule,
    common: { tag },
  });
  return {
    success: true,
    code: 200,
    message_id: messageId,
    nb_sms: recipients.reduce((n, r) => n + r.segments, 0),
    cost: fromMilli(costMilli),
    currency: 'EUR',
    ...(schedule ? { scheduledDeliveryDate: schedule.display } : {}),
  };
}

/** The text an RCS conversation shows (for inspection): its text, card title or file URL. */
function rcsText(conversation: Params): string {
  const card = obj(conversation, 'richCard');
  const file = obj(conversation, 'file');
  const media = file ? obj(file, 'media') : undefined;
  return (
    str(conversation, 'text') ??
    (card
      ? [str(card, 'title'), str(card, 'description')].filter(Boolean).join('\n')
      : undefined) ??
    (media ? str(media, 'fileUrl') : undefined) ??
    ''
  );
}

function validateRich(params: Params, violations: Violation[]): Params | undefined {
  const rich = obj(params, 'richContent');
  const conversation = rich ? obj(rich, 'conversation') : undefined;
  if (!conversation) {
    violations.push({
      elementId: field('richContent'),
      message: 'Le contenu riche (richContent.conversation) est requis',
    });
    return undefined;
  }
  const card = obj(conversation, 'richCard');
  const file = obj(conversation, 'file');
  if (!str(conversation, 'text') && !card && !(file && obj(file, 'media'))) {
    violations.push({
      elementId: field('richContent'),
      message: 'La conversation doit contenir text, file ou richCard',
    });
  }
  const suggestions = conversation.suggestions;
  if (suggestions !== undefined && (!Array.isArray(suggestions) || suggestions.length > 4)) {
    violations.push({ elementId: field('suggestions'), message: 'Au maximum 4 suggestions' });
  }
  if (card) {
    const orientation = str(card, 'orientation');
    if (orientation && orientation !== 'VERTICAL' && orientation !== 'HORIZONTAL') {
      violations.push({
        elementId: field('orientation'),
        message: "L'orientation doit valoir VERTICAL ou HORIZONTAL",
      });
    }
    if ((str(card, 'title') ?? '').length > 200) {
      violations.push({
        elementId: field('title'),
        message: 'Le titre est limité à 200 caractères',
      });
    }
    if ((str(card, 'description') ?? '').length > 500) {
      violations.push({
        elementId: field('description'),
        message: 'La description est limitée à 500 caractères',
      });
    }
  }
  return conversation;
}

function rcs(ctx: Ctx) {
  const account = authenticate(ctx);
  const { engine, params } = ctx;
  const violations: Violation[] = [];
  if (!account.rcs) {
    violations.push({
      elementId: field('richContent'),
      message: "Le RCS n'est pas activé sur votre compte",
    });
  }
  const phones = recipientsOf(ctx, violations);
  const conversation = validateRich(params, violations);
  const failover = obj(params, 'failover');
  if (failover) {
    readSender(failover, violations);
    readMessage(failover, violations);
  }
  const schedule = readSchedule(ctx, violations);
  throwIfViolations(violations);
  const kept = filterStopped(ctx, account, phones);
  const text = rcsText(conversation as Params);
  let costMilli = 0;
  const recipients = kept.map((phone) => {
    const cost = priceMilli(engine, engine.behaviour.pricing.rcs, 1, phone);
    costMilli += cost;
    return newRecipient(phone, text, text, 1, cost, false, ctx.now);
  });
  const { messageId } = commit(ctx, account, 'rcs/send', {
    recipients,
    costMilli,
    sandbox: false,
    range: 'premium',
    unicode: flag(params, 'isUnicode'),
    stopMention: false,
    schedule,
    common: {},
  });
  return {
    success: true,
    code: 200,
    message_id: messageId,
    nb_rcs: recipients.length,
    cost: fromMilli(costMilli),
    currency: 'EUR',
  };
}

export const surveyRcsRoutes: Route[] = [
  { name: 'sondage/to/send', paths: ['/v1/sondage/to/send'], methods: ['POST'], handler: survey },
  { name: 'rcs/send', paths: ['/v1/rcs/send'], methods: ['POST'], handler: rcs },
];

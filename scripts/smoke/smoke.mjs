// Runs inside each runtime (Node 20/22/24, Bun, Deno) against the PACKED tarballs of
// @sms-partner/core: message analysis, holidays, quiet hours, a webhook round trip through the
// Web Request handler, and a send through SmsPartnerClient to an emulator started by the parent.
// The emulator's URL and key come in the first line of this file, written by run.mjs.
import {
  analyzeMessage,
  createCallbackUrls,
  createWebhookHandler,
  frenchPublicHolidays,
  isQuietTime,
  SmsPartnerClient,
  splitMessage,
} from '@sms-partner/core';
import * as clientEntry from '@sms-partner/core/client';
import * as messageEntry from '@sms-partner/core/message';
import * as phoneEntry from '@sms-partner/core/phone';
import * as scheduleEntry from '@sms-partner/core/schedule';
import * as webhooksEntry from '@sms-partner/core/webhooks';

const failures = [];
const check = (name, ok) => {
  if (!ok) failures.push(name);
};

check(
  '161 GSM characters make 2 segments',
  analyzeMessage('a'.repeat(161), { encoding: 'auto' }).segments === 2,
);
check(
  'an emoji forces UCS-2',
  analyzeMessage('Salut 😀', { encoding: 'auto' }).encoding === 'ucs2',
);
check(
  'split joins back',
  splitMessage('é'.repeat(400), { encoding: 'auto' }).join('') === 'é'.repeat(400),
);
// The subpath entries: the same functions and classes as the root (one copy, so instanceof holds).
check('./message is the root analyzeMessage', messageEntry.analyzeMessage === analyzeMessage);
check(
  './message analyses alone',
  messageEntry.analyzeMessage('Coût : 5 €').wireText === 'Coût : 5 :euro:',
);
check('./client is the root SmsPartnerClient', clientEntry.SmsPartnerClient === SmsPartnerClient);
check('./schedule is the root isQuietTime', scheduleEntry.isQuietTime === isQuietTime);
check(
  './webhooks is the root handler',
  webhooksEntry.createWebhookHandler === createWebhookHandler,
);
check(
  './phone has functions',
  Object.values(phoneEntry).some((v) => typeof v === 'function'),
);
try {
  messageEntry.analyzeMessage(42);
  check('./message throws on a number', false);
} catch (error) {
  check(
    './message throws the shared error class',
    error instanceof clientEntry.SmsPartnerValidationError,
  );
}
check('a line break goes out as :br:', analyzeMessage('a\nb').wireText === 'a:br:b');
check(
  '14 July is a holiday',
  frenchPublicHolidays(2026).some((h) => h.date === '2026-07-14'),
);
check('Sunday noon in Paris is quiet', isQuietTime(new Date('2026-11-29T11:00:00Z')) === true);
check('Monday noon in Paris is not quiet', isQuietTime(new Date('2026-11-30T11:00:00Z')) === false);

const secret = 'smoke-test-secret-0123456789abcdef';
const received = [];
const handler = createWebhookHandler({
  secret,
  onDeliveryReport: (event) => {
    received.push(event);
  },
});
const { urlDlr } = createCallbackUrls({ baseUrl: 'https://example.com/sms', secret });
const ok = await handler(
  new Request(urlDlr, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: 'delivered',
      msgId: '42',
      date: 1764768485,
      phone: '+33600000000',
    }),
  }),
);
check('a delivery report is accepted', ok.status >= 200 && ok.status < 300);
check(
  'the handler got a typed event',
  received.length === 1 &&
    received[0].type === 'delivery_report' &&
    received[0].status === 'delivered',
);
const forged = await handler(
  new Request('https://example.com/sms?token=wrong', { method: 'POST', body: '{}' }),
);
check('a wrong token is refused', forged.status === 401 || forged.status === 403);

const client = new SmsPartnerClient({ apiKey: EMULATOR.apiKey, baseUrl: EMULATOR.baseUrl });
const sent = await client.sms.send({ to: '0612345678', message: 'Bonjour depuis le smoke test €' });
check(
  'a send returns a message id',
  typeof sent.messageId === 'string' && sent.messageId.length > 0,
);
check('the key is not serialised', !JSON.stringify(client).includes(EMULATOR.apiKey));

if (failures.length > 0) {
  console.log(`FAIL ${failures.length}: ${failures.join('; ')}`);
  throw new Error('smoke failed');
}
console.log('ok');

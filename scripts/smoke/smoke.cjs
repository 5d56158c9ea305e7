// The CommonJS entry point of the packed @sms-partner/core, under Node.
const { analyzeMessage, frenchPublicHolidays, SmsPartnerClient } = require('@sms-partner/core');

const problems = [];
if (analyzeMessage('a'.repeat(160), { encoding: 'auto' }).segments !== 1)
  problems.push('160 GSM characters');
if (!frenchPublicHolidays(2026, { zone: 'alsace-moselle' }).some((h) => h.date === '2026-12-26'))
  problems.push('26 December in Alsace-Moselle');
if (typeof SmsPartnerClient !== 'function') problems.push('SmsPartnerClient export');
const message = require('@sms-partner/core/message');
const client = require('@sms-partner/core/client');
if (message.analyzeMessage !== analyzeMessage)
  problems.push('./message is the root analyzeMessage');
if (client.SmsPartnerClient !== SmsPartnerClient) problems.push('./client is the root client');
for (const sub of ['phone', 'schedule', 'webhooks']) {
  if (Object.keys(require(`@sms-partner/core/${sub}`)).length === 0) problems.push(`./${sub}`);
}
try {
  message.analyzeMessage(42);
  problems.push('./message throws on a number');
} catch (error) {
  if (!(error instanceof client.SmsPartnerValidationError)) problems.push('shared error class');
}
if (problems.length > 0) {
  console.log(`FAIL: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('ok');

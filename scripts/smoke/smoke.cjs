// The CommonJS entry point of the packed @sms-partner/core, under Node.
const { analyzeMessage, frenchPublicHolidays, SmsPartnerClient } = require('@sms-partner/core');

const problems = [];
if (analyzeMessage('a'.repeat(160), { encoding: 'auto' }).segments !== 1)
  problems.push('160 GSM characters');
if (!frenchPublicHolidays(2026, { zone: 'alsace-moselle' }).some((h) => h.date === '2026-12-26'))
  problems.push('26 December in Alsace-Moselle');
if (typeof SmsPartnerClient !== 'function') problems.push('SmsPartnerClient export');
if (problems.length > 0) {
  console.log(`FAIL: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('ok');

// The example of the client section of @sms-partner/core's README, run by test/readme-example.test.ts.
import {
  SmsPartnerClient,
  SmsPartnerError,
  SmsPartnerQuietHoursError,
  SmsPartnerStopListedError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import { startEmulator } from '@sms-partner/testing';

export async function main(log: (...values: unknown[]) => void = console.log): Promise<void> {
  // The local emulator stands in for https://api.smspartner.fr: no key, no credits needed.
  const emulator = await startEmulator();
  try {
    const client = new SmsPartnerClient({
      apiKey: emulator.apiKey, // omit it to read SMS_PARTNER_API_KEY
      baseUrl: emulator.url, // omit it for the real API
      pricing: { premium: 0.045 },
    });

    // What will it cost, and what goes on the wire? No network call.
    const text = 'Bonjour Anne,\nvotre commande de 42 € est prête.';
    const preview = client.sms.preview(text, { recipients: 2 });
    log(preview.segments, preview.encoding, preview.wireText, preview.estimatedCost);

    // Send: numbers are normalised (and de-duplicated), the text converted to :br: and :euro:.
    const sent = await client.sms.send({
      to: ['06 12 34 56 78', '+33 6 98 76 54 32'],
      message: text,
      sender: 'MaBoutique',
      category: 'transactional',
    });
    log(sent.messageId, sent.recipients, sent.billedSegments, sent.cost, sent.currency);

    // Read the delivery statuses back.
    const { items } = await client.status.byMessage(sent.messageId);
    log(items.map((item) => `${item.phoneNumber}: ${item.status}`));

    // Errors are typed; none contains the API key.
    try {
      await client.sms.send({ to: '612345678', message: 'Promo -20 %', tag: 'Promo Juin' });
    } catch (error) {
      if (error instanceof SmsPartnerValidationError) {
        log(error.issues.map((issue) => `${issue.field}: ${issue.fix}`));
      } else if (error instanceof SmsPartnerStopListedError) {
        log('opted out');
      } else if (error instanceof SmsPartnerQuietHoursError) {
        log(`send again after ${error.nextWindow.toISOString()}`);
      } else if (error instanceof SmsPartnerError && error.outcome === 'unknown') {
        log('may have been sent: check client.status before sending again');
      } else throw error;
    }
  } finally {
    await emulator.stop();
  }
}

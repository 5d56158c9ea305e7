/**
 * One raw client process of the capacity benchmark: `POST /v1/bulk-send` of 500 recipients with
 * plain fetch, `concurrency` at a time, as fast as the emulator answers. No queue, no Redis.
 */
interface Settings {
  baseUrl: string;
  apiKey: string;
  batches: number;
  offset: number;
  concurrency: number;
}
const settings = JSON.parse(process.env.SIM_RAW ?? '{}') as Settings;
let next = 0;
async function lane(): Promise<void> {
  for (;;) {
    const batch = next++;
    if (batch >= settings.batches) return;
    const base = (settings.offset + batch) * 500;
    const SMSList = Array.from({ length: 500 }, (_, i) => ({
      phoneNumber: `+336${String(base + i).padStart(8, '0')}`,
      message: 'Soldes : -20 % ce soir seulement !',
    }));
    const response = await fetch(`${settings.baseUrl}bulk-send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiKey: settings.apiKey,
        sender: 'Boutique',
        isStopSms: 1,
        tag: `raw${batch}`,
        SMSList,
      }),
    });
    if (!response.ok) throw new Error(`bulk-send answered ${response.status}`);
    await response.arrayBuffer();
  }
}
process.on('message', async () => {
  await Promise.all(Array.from({ length: settings.concurrency }, lane));
  process.send?.('done');
});
process.send?.('ready');

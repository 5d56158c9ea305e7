// Runs in a child process (see dedupe-memory.test.ts) and prints the resident set size (after a
// full GC) at checkpoints. argv: <core bundle path> <mode> <total> <checkpoint,...>, mode being
// `handler`: distinct delivery reports through core's webhook handler and its default store, or
// `unbounded`: the same events' dedupe keys into a store that never forgets (the control; fed
// directly, since the handler's own cost says nothing about the store's memory).
import { pathToFileURL } from 'node:url';

const [bundle, storeKind, totalText, checkpointsText] = process.argv.slice(2);
const { createWebhookHandler, defaultDedupeKey, parseDeliveryReport } = await import(
  pathToFileURL(bundle).href
);
const total = Number(totalText);
const checkpoints = new Set(checkpointsText.split(',').map(Number));
const secret = 'memory-test-secret-0123456789';

/** A store that never forgets: what the default store must not be. */
function unboundedStore() {
  const entries = new Map();
  return {
    async setIfAbsent(key) {
      if (entries.has(key)) return false;
      entries.set(key, 'h');
      return true;
    },
    async claim(key) {
      const value = entries.get(key);
      if (value !== undefined) return value === 'h' ? 'handled' : 'in_flight';
      entries.set(key, 'p');
      return 'claimed';
    },
    async markHandled(key) {
      entries.set(key, 'h');
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}

let handled = 0;
const handle = createWebhookHandler({
  secret,
  onDeliveryReport: () => {
    handled += 1;
  },
});
const control = unboundedStore();
// The key the handler derives for report `id` (the event shape is the same for every id).
const sample = defaultDedupeKey(
  parseDeliveryReport({ msgId: 'ID', status: 'delivered', phone: '+33600000000' }),
);
const prefix = `/hooks?token=${secret}&kind=dlr&status=delivered&phone=%2B33600000000&msgId=`;
const measure = () => {
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
const samples = [];
let refused = 0;
for (let i = 1; i <= total; i++) {
  if (storeKind === 'unbounded') {
    const key = sample.replace('ID', String(1e9 + i));
    if ((await control.claim(key, 60_000)) !== 'claimed') refused += 1;
    await control.markHandled(key, 86_400_000);
    handled += 1;
  } else {
    const answer = await handle.handlePlain({ method: 'GET', url: `${prefix}${1e9 + i}` });
    if (answer.status !== 200) refused += 1;
  }
  if (checkpoints.has(i)) samples.push({ ids: i, ...measure() });
}
process.stdout.write(JSON.stringify({ storeKind, handled, refused, samples }));

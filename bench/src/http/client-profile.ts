/**
 * Where the client's time goes: `node bench/scripts/client.mjs --profile [--calls=N] [--top=N]
 * [--case=me|send] [--concurrency=1|8]`. For each call, warms up, then records a CPU profile of
 * this process (V8's sampling profiler, started through the inspector) over N raw `fetch` calls and
 * over N client calls, and prints the self time per call by package and by function of each, and
 * the difference (client − raw) by function: the client's overhead, function by function. The
 * emulator runs in its own process, so only the caller's work is profiled. Not part of `pnpm bench`.
 */
import { Session } from 'node:inspector/promises';
import { SmsPartnerClient } from '@sms-partner/core';
import { CLIENT_CASES, capture, rawCall, startEmulator, timeCalls } from './client.js';
import { API_KEY } from './shared.js';

const args = process.argv.slice(2);
const arg = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined;
const calls = Number(arg('calls') ?? 4000);
const top = Number(arg('top') ?? 25);
const only = arg('case');
const concurrencies = arg('concurrency') ? [Number(arg('concurrency'))] : [1, 8];

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) by function (`name file:line`) and by package of one profile. */
function selfTimes(profile: Profile) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    total += delta;
    const file = frame.url
      .replace(/^.*\/(node_modules|packages)\//, '')
      .replace(/^file:.*\/bench\//, 'bench/');
    const key = `${frame.functionName || '(anonymous)'} ${file || '(native)'}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    const pkg =
      frame.url === ''
        ? frame.functionName.startsWith('(')
          ? frame.functionName
          : '(native)'
        : frame.url.startsWith('node:')
          ? 'node internals'
          : /\/packages\/core\//.test(frame.url)
            ? '@sms-partner/core'
            : 'other';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
  });
  return { total, byFunction, byPackage };
}

async function profiled(
  session: Session,
  run: () => Promise<unknown>,
): Promise<ReturnType<typeof selfTimes>> {
  await session.post('Profiler.start');
  await run();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  const times = selfTimes(profile);
  // Idle is this process waiting for the emulator, not work.
  for (const map of [times.byFunction, times.byPackage]) {
    for (const key of [...map.keys()]) {
      if (key.startsWith('(idle)')) {
        times.total -= map === times.byPackage ? map.get(key)! : 0;
        map.delete(key);
      }
    }
  }
  return times;
}

const line = (us: number, key: string) => `${(us / calls).toFixed(2).padStart(8)} µs/call  ${key}`;
const sorted = (map: Map<string, number>, n: number) =>
  [...map].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, n);

const log = (text: string) => process.stdout.write(`${text}\n`);
const { child, baseUrl } = await startEmulator();
const session = new Session();
session.connect();
try {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  const client = new SmsPartnerClient({ apiKey: API_KEY, baseUrl, sandbox: true });
  for (const c of CLIENT_CASES) {
    if (only !== undefined && c.key !== only) continue;
    const request = await capture(baseUrl, c.call);
    const viaClient = () => c.call(client);
    const viaRaw = () => rawCall(request);
    for (const concurrency of concurrencies) {
      await timeCalls(viaClient, 500, concurrency);
      await timeCalls(viaRaw, 500, concurrency);
      const raw = await profiled(session, () => timeCalls(viaRaw, calls, concurrency));
      const mine = await profiled(session, () => timeCalls(viaClient, calls, concurrency));
      const diff = new Map<string, number>();
      for (const [key, us] of mine.byFunction) diff.set(key, us - (raw.byFunction.get(key) ?? 0));
      for (const [key, us] of raw.byFunction) if (!mine.byFunction.has(key)) diff.set(key, -us);
      const core = [...mine.byPackage].find(([k]) => k === '@sms-partner/core')?.[1] ?? 0;
      log(
        `\n== ${c.name} ×${concurrency}, ${calls} calls: busy ${(raw.total / calls).toFixed(1)} µs/call raw, ${(mine.total / calls).toFixed(1)} client (+${((mine.total - raw.total) / calls).toFixed(1)}); core self ${(core / calls).toFixed(1)} µs/call`,
      );
      log('-- client by package');
      for (const [key, us] of sorted(mine.byPackage, 10)) {
        log(`${line(us, key)}   (raw ${((raw.byPackage.get(key) ?? 0) / calls).toFixed(2)})`);
      }
      log('-- client − raw, by function');
      for (const [key, us] of sorted(diff, top)) log(line(us, key));
      log('-- @sms-partner/core functions (client)');
      for (const [key, us] of sorted(
        new Map([...mine.byFunction].filter(([k]) => k.includes('core/dist'))),
        top,
      )) {
        log(line(us, key));
      }
    }
  }
} finally {
  session.disconnect();
  child.send('exit');
}

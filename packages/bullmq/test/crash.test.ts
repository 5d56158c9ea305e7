/**
 * The crash test: a commercial campaign against the emulator with worker processes killed with
 * SIGKILL at random moments (and started again) while faults are injected, across Réunion's quiet
 * minute, then Paris's two. Every recipient must be recorded by the emulator exactly
 * once, none inside its zone's quiet hours, and the counts must match. CI size by default;
 * SIM_RECIPIENTS overrides it.
 */
import { describe, expect, it } from 'vitest';
import { runCampaignSimulation } from './simulation/run-campaign.js';

const recipients = Number(process.env.SIM_RECIPIENTS ?? 50_000);

describe('a campaign through 4 workers killed at random', () => {
  it(`sends each of ${recipients.toLocaleString('en')} recipients exactly once, none in quiet hours`, async () => {
    const report = await runCampaignSimulation({
      recipients,
      transactional: 1_000,
      workers: 4,
      // One request a second across all workers: the campaign spans both quiet minutes.
      limiter: { max: Math.max(1, Math.round(recipients / 50_000)), duration: 1_000 },
      log: (line) => console.log(`[crash] ${line}`),
    });
    const { counts, expectedCounts } = report;
    console.log(
      `[crash] ${report.recipients} recipients: ${report.recorded} recorded once each (expected ${report.expectedSent}), ` +
        `${report.duplicates} twice or more, ${report.lost} lost, ${report.unexpected} unexpected; ` +
        `${report.commercialInQuietHours} commercial in quiet hours, ${report.commercialDelayed} commercial delayed past a quiet minute, ` +
        `${report.transactionalInQuietHours} transactional sent during quiet hours; ${report.kills} SIGKILLs, ` +
        `${report.cutRequests} requests cut mid-call, faults ${JSON.stringify(report.faults)}; ` +
        `counts ${JSON.stringify(counts)}; at most ${report.maxRequestsPerWindow} requests in ${10 * report.limiter.duration} ms (limit ${report.limiter.max} per ${report.limiter.duration} ms); ` +
        `${report.seconds.toFixed(0)} s, ${report.redis.commandsPerMessage.toFixed(2)} Redis commands per message`,
    );
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.unexpected).toBe(0);
    expect(report.recorded).toBe(report.expectedSent);
    expect(report.commercialInQuietHours).toBe(0);
    expect(report.commercialDelayed).toBeGreaterThan(0);
    expect(report.transactionalInQuietHours).toBeGreaterThan(0);
    expect(report.kills).toBeGreaterThan(0);
    expect(counts).toMatchObject({
      queued: 0,
      parked: 0,
      sent: 0,
      delivered: expectedCounts.delivered,
      done: true,
    });
    // A recipient refused inside a request whose answer was lost (a reset, a kill) is found by
    // reconciliation as "not listed": counted as failed, since the status endpoint gives no reason.
    expect(Number(counts.failed) + Number(counts.stopped)).toBe(
      expectedCounts.failed + expectedCounts.stopped,
    );
    expect(Number(counts.stopped)).toBeLessThanOrEqual(expectedCounts.stopped);
    expect(report.transactionalCounts).toMatchObject({
      queued: 0,
      parked: 0,
      sent: 0,
      ...report.expectedTransactionalCounts,
      done: true,
    });
    // BullMQ's limiter counts fixed windows: ten of them, seen through a sliding window, hold at
    // most eleven windows' worth (plus one request sent late by a stalled process).
    expect(report.maxRequestsPerWindow).toBeLessThanOrEqual(11 * report.limiter.max + 1);
  });
});

/**
 * The only place the emulator touches `@sms-partner/core`: message analysis (segments, units,
 * encoding) and the French schedule rules (quiet hours, holidays, scheduled-delivery fields).
 * The emulator never counts segments or computes holidays itself.
 */
import * as core from '@sms-partner/core';

/** What the emulator reads from `analyzeMessage`. */
export interface Analysis {
  encoding: 'gsm7' | 'ucs2';
  units: number;
  segments: number;
}

interface CoreContract {
  analyzeMessage?: (text: string, options?: Record<string, unknown>) => Analysis;
  fromWireText?: (text: string) => string;
  explainQuietTime?: (
    instant: Date,
    policy?: unknown,
  ) => { quiet: boolean; reason: string; releaseAt: Date };
  fromScheduledDeliveryFields?: (fields: {
    scheduledDeliveryDate: string;
    time: number;
    minute: number;
  }) => Date;
}

const api = core as unknown as CoreContract;

function need<K extends keyof CoreContract>(name: K): NonNullable<CoreContract[K]> {
  const fn = api[name];
  if (typeof fn !== 'function') {
    throw new Error(
      `@sms-partner/core does not export ${name}() yet; the emulator relies on it. Update @sms-partner/core.`,
    );
  }
  return fn as NonNullable<CoreContract[K]>;
}

/** Wire text (`:br:`, `:euro:`) back to the text the recipient reads. */
export function decodeWireText(wire: string): string {
  return need('fromWireText')(wire);
}

/** Segments and units of a message as the platform sends it (SMS Partner mode of core). */
export function analyze(
  text: string,
  options: { unicode: boolean; stopMention: boolean; range: 'premium' | 'eco' },
): Analysis {
  return need('analyzeMessage')(text, {
    isUnicode: options.unicode,
    isStopSms: options.stopMention,
    range: options.range === 'eco' ? 'lowcost' : 'premium',
  });
}

/**
 * Quiet-hours verdict for a commercial send at `instant`: `dayClosed` distinguishes Sundays,
 * public holidays and closed days (API code 23) from night hours (code 22).
 */
export function quietHours(
  instant: Date,
  policy: unknown,
): { quiet: false } | { quiet: true; dayClosed: boolean; releaseAt: Date } {
  const why = need('explainQuietTime')(instant, policy ?? undefined);
  if (!why.quiet) return { quiet: false };
  const dayClosed = why.reason !== 'night' && why.reason !== 'between-windows';
  return { quiet: true, dayClosed, releaseAt: why.releaseAt };
}

/** The instant of validated scheduled-delivery fields (Europe/Paris wall time). */
export function scheduledInstant(date: string, time: number, minute: number): Date {
  return need('fromScheduledDeliveryFields')({ scheduledDeliveryDate: date, time, minute });
}

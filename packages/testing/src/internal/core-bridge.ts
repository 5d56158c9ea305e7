/**
 * The only place the emulator touches `@sms-partner/core`: message analysis (segments, units,
 * encoding) and the French schedule rules (quiet hours, scheduled-delivery fields). The emulator
 * never counts segments or computes holidays itself.
 */
import {
  analyzeMessage,
  explainQuietTime,
  fromScheduledDeliveryFields,
  fromWireText,
  type QuietHoursPolicy,
} from '@sms-partner/core';

/** What the emulator reads from `analyzeMessage`. */
export interface Analysis {
  encoding: 'gsm7' | 'ucs2';
  units: number;
  segments: number;
}

/** Wire text (`:br:`, `:euro:`) back to the text the recipient reads. */
export function decodeWireText(wire: string): string {
  return fromWireText(wire);
}

/** Segments and units of a message as the platform sends it (SMS Partner mode of core). */
export function analyze(
  text: string,
  options: { unicode: boolean; stopMention: boolean; range: 'premium' | 'eco' },
): Analysis {
  const analysis = analyzeMessage(text, {
    isUnicode: options.unicode,
    isStopSms: options.stopMention,
    range: options.range === 'eco' ? 'lowcost' : 'premium',
  });
  return { encoding: analysis.encoding, units: analysis.units, segments: analysis.segments };
}

/**
 * Quiet-hours verdict for a commercial send at `instant`: `dayClosed` distinguishes Sundays,
 * public holidays and closed days (API code 23) from night hours (code 22).
 */
export function quietHours(
  instant: Date,
  policy: QuietHoursPolicy | undefined,
): { quiet: false } | { quiet: true; dayClosed: boolean; releaseAt: Date } {
  const why = explainQuietTime(instant, policy);
  if (!why.quiet) return { quiet: false };
  const dayClosed = why.reason !== 'night' && why.reason !== 'between-windows';
  return { quiet: true, dayClosed, releaseAt: why.releaseAt };
}

/** The instant of validated scheduled-delivery fields (Europe/Paris wall time). */
export function scheduledInstant(date: string, time: number, minute: number): Date {
  return fromScheduledDeliveryFields({ scheduledDeliveryDate: date, time, minute });
}

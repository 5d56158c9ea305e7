/**
 * Everything timed, behind one signature: text → encoding and number of SMS.
 */
import { createRequire } from 'node:module';
import { analyzeMessage } from '../../packages/core/src/index.js';

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator') as {
  SegmentedMessage: new (text: string) => { encodingName: string; segmentsCount: number };
};
const splitSms = require('split-sms') as {
  split(text: string, options?: { summary?: boolean }): { characterSet: string; parts: unknown[] };
};
const smsLength = require('sms-length') as {
  count(text: string): { encoding: string; messages: number };
};
const gsmUtils = require('@trt2/gsm-charset-utils') as {
  getCharCount(text: string): { encoding: string; msgCount: number };
};

export interface Result {
  encoding: 'gsm7' | 'ucs2';
  segments: number;
}

export interface Contender {
  name: string;
  /** What it is, for the report. */
  note: string;
  /** Counts one text (undefined for the bare loop, which only reads). */
  count(text: string): Result | number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const TABLE = new Uint8Array(0x10000);
for (const c of GSM_BASIC) TABLE[c.charCodeAt(0)] = 1;
for (const c of '\f^{}\\[~]|€') TABLE[c.charCodeAt(0)] = 2;

/**
 * The practical floor: read every UTF-16 code unit and look it up in a table, nothing else
 * (no segment logic, no result object).
 */
export function bareLoop(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += TABLE[text.charCodeAt(i)]!;
  return sum;
}

export const contenders: Contender[] = [
  {
    name: 'analyzeMessage (auto)',
    note: "@sms-partner/core, `{ encoding: 'auto' }`",
    count: (t) => analyzeMessage(t, { encoding: 'auto' }),
  },
  {
    name: 'analyzeMessage (SMS Partner)',
    note: '@sms-partner/core, default options: replacements, wire text, STOP, violations',
    count: (t) => {
      const a = analyzeMessage(t);
      return { encoding: a.encoding, segments: a.segments };
    },
  },
  {
    name: 'sms-segments-calculator',
    note: 'Twilio, 1.3.0 (the reference)',
    count: (t) => {
      const m = new SegmentedMessage(t);
      return { encoding: m.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2', segments: m.segmentsCount };
    },
  },
  {
    name: 'split-sms',
    note: '0.1.7, `{ summary: true }`',
    count: (t) => {
      const r = splitSms.split(t, { summary: true });
      return { encoding: r.characterSet === 'GSM' ? 'gsm7' : 'ucs2', segments: r.parts.length };
    },
  },
  {
    name: 'sms-length',
    note: '0.2.2',
    count: (t) => {
      const r = smsLength.count(t);
      return {
        encoding: r.encoding === 'UTF16' ? 'ucs2' : 'gsm7',
        segments: Math.max(1, r.messages),
      };
    },
  },
  {
    name: '@trt2/gsm-charset-utils',
    note: '1.0.13, `getCharCount`',
    count: (t) => {
      const r = gsmUtils.getCharCount(t);
      return { encoding: r.encoding === 'GSM' ? 'gsm7' : 'ucs2', segments: r.msgCount };
    },
  },
  {
    name: 'bare lookup loop',
    note: 'charCodeAt + Uint8Array lookup per UTF-16 unit, nothing else',
    count: bareLoop,
  },
];

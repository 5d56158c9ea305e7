// The message analysis, as you type: @sms-partner/core's own build runs in the page, so what you
// see is exactly what the SDK computes (no server round trip).
import { analyzeMessage, explainMessage, transliterate } from '/vendor/core/index.js';

const $ = (id) => document.getElementById(id);

const ENCODING_NAMES = { gsm7: 'GSM-7', ucs2: 'UCS-2 (Unicode)' };
const REASONS = {
  platform: 'replaced by the SMS Partner platform',
  transliteration: 'transliterated',
  unsupported: 'not sendable without Unicode',
  'literal-token': 'literal :br:/:euro: neutralised',
  quote: 'sent as an ASCII quote by the SDK',
};
const MAX_RENDERED = 3000;
let lastAnnounced = '';

/** The analysis options the form describes. */
export function analysisOptions() {
  if ($('mode-generic').checked) return { encoding: 'auto' };
  return {
    isUnicode: $('opt-unicode').checked,
    isStopSms: $('opt-stop').checked,
    range: $('opt-range').value,
  };
}

function visible(text) {
  if (text === ' ') return '\u00b7';
  if (text === '\n' || text === '\r\n') return '\u21b5';
  if (text === '\r') return '\u240d';
  if (text === '\t') return '\u21e5';
  return text;
}

function describe(c, analysis) {
  const parts = [
    `${c.units} ${analysis.encoding === 'gsm7' ? 'septet' : 'unit'}${c.units === 1 ? '' : 's'}`,
  ];
  if (c.extension) parts.push('GSM-7 extension character: costs 2');
  if (c.replacedBy) parts.push(`${REASONS[c.replacedBy]} → “${c.delivered}”`);
  else if (c.forcesUcs2 && analysis.encoding === 'ucs2') parts.push('not in GSM-7: forces Unicode');
  return `${JSON.stringify(c.text)}: ${parts.join('; ')}`;
}

function chip(text, className, title) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  if (title) span.title = title;
  return span;
}

function renderSegments(explanation) {
  const { analysis, characters } = explanation;
  const container = $('segments');
  container.replaceChildren();
  const groups = [];
  for (const c of characters.slice(0, MAX_RENDERED)) {
    groups[c.segment] ??= [];
    groups[c.segment].push(c);
  }
  const total = analysis.segments;
  for (let i = 0; i < Math.max(groups.length, 1); i++) {
    const group = groups[i] ?? [];
    const block = document.createElement('div');
    block.className = 'segment';
    block.setAttribute('role', 'group');
    const used = group.reduce((sum, c) => sum + c.units, 0);
    const heading = document.createElement('p');
    heading.className = 'segment-head';
    heading.textContent = `SMS ${i + 1} of ${total}`;
    heading.append(chip(` ${used} / ${analysis.unitsPerSegment}`, 'segment-units'));
    block.setAttribute('aria-label', `SMS ${i + 1} of ${total}, ${used} units`);
    const body = document.createElement('p');
    body.className = 'segment-body';
    for (const c of group) {
      const classes = ['ch'];
      if (c.extension) classes.push('ch-ext');
      if (c.replacedBy) classes.push('ch-replaced');
      else if (c.forcesUcs2 && analysis.encoding === 'ucs2') classes.push('ch-ucs2');
      if (/^\s+$/.test(c.text)) classes.push('ch-space');
      body.append(chip(visible(c.text), classes.join(' '), describe(c, analysis)));
    }
    if (i === groups.length - 1 && analysis.stopMention) {
      body.append(chip(analysis.stopMention, 'ch ch-stop', 'STOP mention added by the platform'));
    }
    block.append(heading, body);
    container.append(block);
  }
  if (characters.length > MAX_RENDERED) {
    container.append(chip(`… ${characters.length - MAX_RENDERED} more characters`, 'muted'));
  }
}

function listItems(list, items, empty) {
  list.replaceChildren(
    ...(items.length ? items : [empty]).map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
}

function renderCharacters({ analysis, characters }) {
  const ucs2 = new Set();
  const extension = new Set();
  for (const c of characters) {
    if (c.extension) extension.add(c.text);
    if (c.forcesUcs2 && !c.replacedBy) ucs2.add(c.text);
  }
  const replaced = new Map();
  for (const r of analysis.replacements) {
    const key = `${r.from} → ${r.to === '' ? '(removed)' : r.to} (${REASONS[r.reason]})`;
    replaced.set(key, (replaced.get(key) ?? 0) + 1);
  }
  const quote = (s) => `“${visible(s)}”`;
  listItems(
    $('chars-ucs2'),
    [...ucs2].map(quote),
    analysis.mode === 'generic' || analysis.encoding === 'ucs2' ? 'None' : 'None (Unicode is off)',
  );
  listItems($('chars-ext'), [...extension].map(quote), 'None');
  listItems(
    $('chars-replaced'),
    [...replaced].map(([key, n]) => (n > 1 ? `${key} ×${n}` : key)),
    'None',
  );
  listItems(
    $('violations'),
    analysis.violations.map((v) => `${v.severity === 'error' ? 'Error' : 'Warning'}: ${v.message}`),
    'No problem found',
  );
}

/** `GSM-7, 1 SMS`, plus the characters that cannot be sent as they are, if any. */
function costLine(analysis) {
  const unsendable = analysis.replacements.filter((r) => r.reason === 'unsupported').length;
  return (
    `${ENCODING_NAMES[analysis.encoding]}, ${analysis.segments} SMS` +
    (unsendable ? `, ${unsendable} not sendable without Unicode` : '')
  );
}

/**
 * The suggestion, costed the way the tiles above count (the chosen mode and options), so that the
 * box and the tiles never disagree on the encoding.
 */
function renderTransliteration(text, options, analysis) {
  const box = $('translit');
  const r = text ? transliterate(text) : undefined;
  if (!r || r.replacements.length === 0) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $('translit-text').textContent = r.text;
  const after = analyzeMessage(r.text, options);
  const saved = analysis.segments - after.segments;
  $('translit-gain').textContent =
    `${costLine(analysis)} → ${costLine(after)}` +
    (saved > 0 ? ` (saves ${saved} SMS per recipient)` : '') +
    (r.remaining.length ? `. Still outside GSM-7: ${r.remaining.join(' ')}` : '');
  $('translit-use').onclick = () => {
    const area = $('message');
    area.value = r.text;
    area.dispatchEvent(new Event('input'));
    area.focus();
  };
}

/** Re-runs the analysis of the textarea and renders it. */
export function updateAnalysis() {
  const text = $('message').value;
  const smsPartner = !$('mode-generic').checked;
  $('sp-options').disabled = !smsPartner;
  const options = analysisOptions();
  let explanation;
  try {
    explanation = explainMessage(text, options);
  } catch (error) {
    $('analysis-error').textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  $('analysis-error').textContent = '';
  const { analysis } = explanation;
  $('a-encoding').textContent = ENCODING_NAMES[analysis.encoding];
  $('a-units').textContent = String(analysis.units);
  $('a-segments').textContent = String(analysis.segments);
  $('a-per-segment').textContent = String(analysis.unitsPerSegment);
  $('a-remaining').textContent = String(analysis.remaining);
  $('summary').textContent =
    `${analysis.segments} SMS · ${ENCODING_NAMES[analysis.encoding]} · ` +
    `${analysis.units} units · ${analysis.remaining} left in this SMS`;
  // Screen readers hear the count when it changes, not on every keystroke.
  const heard = `${analysis.segments} SMS, ${ENCODING_NAMES[analysis.encoding]}`;
  if (heard !== lastAnnounced) {
    lastAnnounced = heard;
    $('analysis-announcer').textContent = heard;
  }
  renderSegments(explanation);
  renderCharacters(explanation);
  renderTransliteration(text, options, analysis);
}

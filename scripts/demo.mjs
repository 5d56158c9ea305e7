#!/usr/bin/env node
// Quick start demo: analyse the message given on the command line, the way SMS Partner will bill it.
//   npm start -- "Bonjour ! Votre rendez-vous est confirmé €"
import { analyzeMessage, splitMessage, transliterate } from '../packages/core/dist/index.js';

const text =
  process.argv.slice(2).join(' ') || 'Bonjour ! Votre code est 123456.\nÀ bientôt, l’équipe 😊';

const show = (label, value) => console.log(`  ${label.padEnd(22)} ${value}`);
const quote = (s) => JSON.stringify(s);

console.log(`\nMessage ${quote(text)}\n`);

console.log('Generic detection (encoding: "auto", no replacement):');
const generic = analyzeMessage(text, { encoding: 'auto' });
show('encoding', generic.encoding);
show(
  'units',
  `${generic.units} (${generic.unitsPerSegment} per segment, ${generic.remaining} left)`,
);
show('segments', generic.segments);
if (generic.nonGsmCharacters.length > 0)
  show('non-GSM characters', generic.nonGsmCharacters.join(' '));
for (const [i, part] of splitMessage(text, { encoding: 'auto' }).entries())
  show(`part ${i + 1}`, quote(part));

console.log('\nSMS Partner (defaults: Unicode off, platform replacements, :br: and :euro:):');
const platform = analyzeMessage(text);
show('encoding', platform.encoding);
show(
  'units',
  `${platform.units} (${platform.unitsPerSegment} per segment, ${platform.remaining} left)`,
);
show('segments', platform.segments);
show('sent on the wire', quote(platform.wireText));
show('delivered', quote(platform.deliveredText));
for (const r of platform.replacements)
  show(`  replaced (${r.reason})`, `${quote(r.from)} -> ${quote(r.to)}`);
for (const v of platform.violations) show(`  ${v.severity}`, v.message);

const unicode = analyzeMessage(text, { isUnicode: true });
show('with isUnicode', `${unicode.segments} segment(s), ${unicode.units} units`);

const t = transliterate(text);
if (t.text !== text) {
  console.log('\nSuggested transliteration (opt-in, keeps GSM-7):');
  show('text', quote(t.text));
  show(
    'generic detection',
    `${t.before.encoding} ${t.before.segments} segment(s) -> ${t.after.encoding} ${t.after.segments} (saves ${t.segmentsSaved})`,
  );
  if (t.remaining.length > 0) show('still not GSM-7', t.remaining.join(' '));
}
console.log('');

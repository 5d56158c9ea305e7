/**
 * The examples of the TSDoc and of the README, run: documentation that cannot drift.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeMessage,
  explainMessage,
  fromWireText,
  isGsm7Char,
  splitMessage,
  toWireText,
  transliterate,
} from './index.js';

describe('documented examples', () => {
  it('analyzeMessage', () => {
    const a = analyzeMessage('Bonjour Zoé,\nvotre colis arrive demain. Coût : 5 €');
    expect(a.encoding).toBe('gsm7');
    expect(a.wireText).toBe('Bonjour Zoé,:br:votre colis arrive demain. Coût : 5 :euro:');
    expect(a.replacements).toEqual([{ index: 42, from: 'û', to: 'u', reason: 'platform' }]);
    expect(analyzeMessage('Ça va ? 😀', { encoding: 'auto' })).toMatchObject({
      encoding: 'ucs2',
      units: 10,
      segments: 1,
    });
    expect(analyzeMessage('Votre code : 123456').segments).toBe(1);
    expect(analyzeMessage('Fête – à bientôt…', { transliterate }).wireText).toBe(
      'Fete - à bientot...',
    );
  });

  it('splitMessage', () => {
    const parts = splitMessage(`${'a'.repeat(152)}€${'b'.repeat(10)}`, { encoding: 'auto' });
    expect(parts.map((p) => p.length)).toEqual([152, 11]);
    expect(splitMessage('x'.repeat(200), { encoding: 'auto' })).toHaveLength(2);
  });

  it('wire syntax', () => {
    expect(toWireText('Prix : 5 €\nMerci')).toBe('Prix : 5 :euro::br:Merci');
    expect(toWireText('Tapez :br: pour', { isUnicode: true })).toBe('Tapez :\u200bbr: pour');
    expect(fromWireText('Prix : 5 :euro::br:Merci')).toBe('Prix : 5 €\nMerci');
  });

  it('transliterate, explainMessage, isGsm7Char', () => {
    const r = transliterate('Ça coûte 10 € – à bientôt…');
    expect(r.text).toBe('Ça coute 10 € - à bientot...');
    expect([r.before.encoding, r.after.encoding]).toEqual(['ucs2', 'gsm7']);
    const { characters } = explainMessage('Prix: 5€ 😀 ê', { encoding: 'auto' });
    expect(characters.filter((c) => c.forcesUcs2).map((c) => c.text)).toEqual(['😀', 'ê']);
    expect([isGsm7Char('é'), isGsm7Char('ê'), isGsm7Char('€')]).toEqual([true, false, true]);
  });
});

/**
 * The benchmark corpus: deterministic (seeded) French SMS texts in four families, from a few
 * characters to about 1500 (the 10-part limit).
 */

/** One message of the corpus. */
export interface CorpusMessage {
  family: Family;
  text: string;
}

export type Family = 'french' | 'gsm-long' | 'extension' | 'ucs2-emoji';

export const FAMILIES: Record<Family, string> = {
  french: 'French notifications, 20-300 chars (GSM-7 or UCS-2 depending on ê, ç, ’...)',
  'gsm-long': 'long GSM-7 French text, 600-1500 chars',
  extension: 'GSM-7 heavy in extension characters ([ ] { } € ~ | ^ \\), 300-1500 chars',
  'ucs2-emoji': 'UCS-2 French with emoji, flags, ZWJ sequences, ’ and …, 60-1500 chars',
};

/** mulberry32: a small deterministic PRNG, so every run measures the same texts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GSM_SENTENCES = [
  'Bonjour Zoé, votre rendez-vous du 12/03 à 14h30 est confirmé.',
  'Votre colis est arrivé au point relais de la rue de la Paix.',
  'Merci de vous présenter 10 minutes avant l’heure prévue.'.replace('’', "'"),
  'Votre code de vérification est 483920, il expire dans 5 minutes.',
  'Soldes : -30% sur toute la collection été jusqu’à dimanche !'.replace('’', "'"),
  'Rappel : votre facture de 42,50 EUR est disponible dans votre espace client.',
  'Le cabinet sera fermé le lundi 1er mai. Bonne journée à tous.',
  'Pour annuler, répondez ANNULER ou appelez le 01 23 45 67 89.',
  'Votre commande n 1234 a été expédiée ce matin par La Poste.',
  'Votre véhicule est prêt, vous pouvez passer le récupérer dès 9h.'.replace('ê', 'e'),
];

const UCS2_SENTENCES = [
  'Fête de la musique ce soir à 19h, venez nombreux ! 🎉',
  'Ça y est, votre commande est prête 😀 À très bientôt…',
  'Votre coach vous attend demain matin 💪🏽 n’oubliez pas votre gourde.',
  'Joyeux Noël et bonne année 🎄✨ de toute l’équipe !',
  'Match France 🇫🇷 – Italie 🇮🇹 ce soir, réservez votre table.',
  'Merci pour votre fidélité 👨‍👩‍👧‍👦 offre famille à découvrir.',
  'Nos horaires d’été : 9h–18h du lundi au samedi 🏳️‍🌈',
  'Dernière chance : –50 % sur les crêpes et les gâteaux 🥞',
];

const EXTENSION_PIECES = [
  'Promo [-20%] sur {tout} le site',
  'Total : 125 € | TVA incluse',
  'Code ~ABC^123~ valable 48h',
  'Chemin : C:\\Clients\\2024 [archive]',
  'Réf. {A|B|C} à 9,99 € pièce',
];

function build(pick: () => number, pieces: readonly string[], min: number, max: number): string {
  const target = min + Math.floor(pick() * (max - min));
  let text = '';
  while (text.length < target) {
    text +=
      (text === '' ? '' : pick() < 0.15 ? '\n' : ' ') + pieces[Math.floor(pick() * pieces.length)]!;
  }
  return text.slice(0, target);
}

/** `perFamily` messages of each family, the same on every run. */
export function makeCorpus(perFamily: number, seed = 20260101): CorpusMessage[] {
  const pick = prng(seed);
  const out: CorpusMessage[] = [];
  const frenchPieces = [
    ...GSM_SENTENCES,
    ...GSM_SENTENCES,
    ...UCS2_SENTENCES.slice(0, 3).map((s) => s.replace(/ [^ ]*[\u{1F000}-\u{1FFFF}].*$/u, '.')),
  ];
  for (let i = 0; i < perFamily; i++) {
    out.push({ family: 'french', text: build(pick, frenchPieces, 20, 300) });
    out.push({ family: 'gsm-long', text: build(pick, GSM_SENTENCES, 600, 1500) });
    out.push({
      family: 'extension',
      text: build(pick, [...EXTENSION_PIECES, ...GSM_SENTENCES.slice(0, 3)], 300, 1500),
    });
    out.push({
      family: 'ucs2-emoji',
      text: build(pick, [...UCS2_SENTENCES, ...GSM_SENTENCES.slice(0, 4)], 60, 1500),
    });
  }
  return out;
}

/**
 * Inputs on which calculators are known to differ: one boundary case each, with what is being
 * tested. The reference (Twilio's calculator) decides the expected result.
 */
export const PROBES: { name: string; text: string }[] = [
  { name: '161 GSM-7 septets: 2 parts', text: 'a'.repeat(161) },
  {
    name: '€ at septet 153: moves, 3 parts for 306 septets',
    text: `${'a'.repeat(152)}€${'a'.repeat(152)}`,
  },
  { name: '154 × ]: 3 parts (76 pairs per part)', text: ']'.repeat(154) },
  { name: 'ç (U+00E7) is not GSM-7', text: 'ça'.repeat(40) },
  { name: 'no-break space is not GSM-7', text: `Prix\u00a0: ${'x'.repeat(150)}` },
  { name: 'emoji at unit 67: 3 parts for 134 units', text: `${'ê'.repeat(66)}😀${'ê'.repeat(66)}` },
  {
    name: 'flag across unit 67: 3 parts for 134 units',
    text: `${'ê'.repeat(65)}🇫🇷${'ê'.repeat(65)}`,
  },
  {
    name: 'ZWJ family across unit 67: 3 parts',
    text: `${'ê'.repeat(60)}👨‍👩‍👧‍👦${'ê'.repeat(63)}`,
  },
  { name: 'e + U+0301 across unit 67: 3 parts', text: `${'ê'.repeat(66)}e\u0301${'ê'.repeat(66)}` },
  { name: 'CR LF counted 2: 160 septets, 1 part', text: `${'a'.repeat(158)}\r\n` },
];

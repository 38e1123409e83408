import type { Random } from './random.js';

const PREFIXES = [
  'Acme',
  'Blue',
  'Northwind',
  'Orbit',
  'Summit',
  'Cedar',
  'Pixel',
  'Harbor',
  'Quantum',
  'Lumen',
  'Granite',
  'Nimbus',
  'Atlas',
  'Vertex',
  'Maple',
  'Copper',
  'Falcon',
  'Meridian',
  'Sparrow',
  'Willow',
  'Zephyr',
  'Nova',
] as const;
const NOUNS = [
  'Labs',
  'Systems',
  'Analytics',
  'Logistics',
  'Health',
  'Foods',
  'Robotics',
  'Media',
  'Capital',
  'Studios',
  'Networks',
  'Energy',
  'Works',
  'Retail',
  'Software',
  'Partners',
] as const;
const SUFFIXES = ['', '', '', ' Inc.', ' LLC', ' Ltd', ' GmbH', ' SAS', ' B.V.', ' Pty Ltd'] as const;

/** Names real CRMs hold: commas, quotes, ampersands and accents, which CSV must quote or carry as UTF-8. */
const AWKWARD = [
  'Smith, Jones & Partners',
  'The "Blue Door" Company',
  'Müller & Söhne GmbH',
  'Café Olé, S.A.',
  "O'Brien Logistics",
  'Zürich Data AG',
  'Björk, Lind & Co',
  '"Quoted" Analytics, Inc.',
  'Łódź Robotics sp. z o.o.',
  '株式会社サンプル',
] as const;

export function companyName(random: Random): string {
  if (random.chance(0.06)) return random.pick(AWKWARD);
  return `${random.pick(PREFIXES)} ${random.pick(NOUNS)}${random.pick(SUFFIXES)}`;
}

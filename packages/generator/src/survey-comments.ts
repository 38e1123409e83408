import type { Random } from './random.js';

/** Free-text answers, with the commas, quotes, line breaks and accents real survey tools export. */
const PRAISE = [
  'Love the dashboards, they save us hours every week.',
  'Great product, "just works".',
  'Support was fast, friendly and knew the product.',
  'Très utile pour notre équipe.',
  'Sehr gut, danke!',
] as const;
const NEUTRAL = [
  'Good, but the exports are slow.',
  'Fine overall.\nWould like more chart types.',
  'OK for now; pricing, though, is getting steep.',
  'Does what we need, nothing more',
] as const;
const COMPLAINTS = [
  'Exports keep failing, and support is slow.',
  'Too expensive for what we use.\nConsidering alternatives.',
  'The "new" navigation is confusing, please bring back the old one',
  'Numbers never match our finance report, which makes the tool useless for us.',
  'Still waiting on ticket #4411…',
] as const;

/** A comment for a score on a 0–1 scale (0 = worst), or null for the many who leave none. */
export function surveyComment(random: Random, satisfaction: number, probability: number): string | null {
  if (!random.chance(probability)) return null;
  if (satisfaction >= 0.85) return random.pick(PRAISE);
  if (satisfaction >= 0.65) return random.pick(NEUTRAL);
  return random.pick(COMPLAINTS);
}

import { companyName } from './account-names.js';
import { Random, Stream } from './random.js';
import type { SignupCalendar } from './timeline.js';
import type { TimestampStyle } from './timestamp-format.js';

export type Segment = 'smb' | 'mid_market' | 'enterprise';
export type Region = 'NA' | 'EMEA' | 'APAC';
export type Currency = 'USD' | 'EUR' | 'GBP';
export type Channel = 'organic' | 'paid_search' | 'partner' | 'outbound';

/** Who an account is: drawn once from its own stream, before anything happens to it. */
export interface AccountProfile {
  readonly index: number;
  /** Zero-padded (`00042`): a reader that sniffs ids as numbers breaks every join. */
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly segment: Segment | null;
  readonly region: Region | null;
  readonly currency: Currency;
  readonly channel: Channel | null;
  /** 0–1: how much the account uses the product. Drives events, churn hazard, NPS and tickets. */
  readonly intensity: number;
  readonly initialSeats: number;
  /** Billed by an older system: lower-case currency codes and `1`/`0`/empty trial flags. */
  readonly legacyBilling: boolean;
  /** How its product analytics SDK writes timestamps. */
  readonly eventTimestamps: TimestampStyle;
  /** Hours its users' working day is offset from UTC. */
  readonly utcOffsetHours: number;
}

/**
 * Edge cases a small sample must contain whatever the seed: accounts whose index falls on one of these
 * residues get the trait for sure (others still get it by chance).
 */
export function isForced(index: number, modulus: number, residue: number): boolean {
  return index % modulus === residue;
}

export function accountId(index: number, accounts: number): string {
  return String(index).padStart(Math.max(5, String(accounts).length), '0');
}

const REGION_OFFSET: Record<Region, number> = { NA: -5, EMEA: 1, APAC: 9 };

function drawSeats(random: Random, segment: Segment | null): number {
  switch (segment) {
    case 'enterprise':
      return Math.round(random.logNormal(60, 0.6));
    case 'mid_market':
      return Math.round(random.logNormal(14, 0.5));
    default:
      return random.int(1, 6);
  }
}

function drawTimestampStyle(random: Random, region: Region | null, index: number): TimestampStyle {
  if (isForced(index, 41, 2)) return '-05:00';
  const kind = random.weighted({ utc: 70, millis: 10, naive: 10, offset: 10 });
  if (kind !== 'offset') return kind;
  if (region === 'EMEA') return '+01:00';
  if (region === 'APAC') return '+09:00';
  return '-05:00';
}

export function drawProfile(
  seed: number,
  index: number,
  accounts: number,
  signups: SignupCalendar,
): AccountProfile {
  const random = new Random(seed, Stream.profile, index);
  const segment = random.weighted({ smb: 55, mid_market: 28, enterprise: 10, none: 7 });
  const regionKey = random.weighted({ NA: 50, EMEA: 35, APAC: 10, none: 5 });
  const region = regionKey === 'none' ? null : regionKey;
  const currency: Currency =
    region === 'EMEA' || isForced(index, 13, 4) ? (random.chance(0.62) ? 'EUR' : 'GBP') : 'USD';
  const channelKey =
    segment === 'enterprise'
      ? random.weighted({ organic: 15, paid_search: 10, partner: 20, outbound: 45, none: 10 })
      : random.weighted({ organic: 38, paid_search: 30, partner: 10, outbound: 12, none: 10 });
  const profileSegment = segment === 'none' ? null : segment;
  return {
    index,
    id: accountId(index, accounts),
    name: companyName(random),
    createdAt: signups.draw(random),
    segment: profileSegment,
    region,
    currency,
    channel: channelKey === 'none' ? null : channelKey,
    intensity: 0.05 + 0.95 * random.next() ** 0.85,
    initialSeats: Math.max(1, drawSeats(random, profileSegment)),
    legacyBilling: random.chance(0.03) || isForced(index, 61, 5),
    eventTimestamps: drawTimestampStyle(random, region, index),
    utcOffsetHours: region ? REGION_OFFSET[region] : 0,
  };
}

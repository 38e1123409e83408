import { type AccountProfile, isForced, type Segment } from './account-profile.js';
import { dayOf, MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import type { Lifecycle } from './lifecycle.js';
import { Random, Stream } from './random.js';
import type { Timeline } from './timeline.js';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface TicketRecord {
  readonly id: string;
  readonly createdAt: number;
  readonly firstResponseAt: number | null;
  /** Null = not resolved by the end of the data. */
  readonly resolvedAt: number | null;
  readonly priority: Priority;
  readonly channel: string;
  readonly subject: string;
}

const TICKETS_PER_MONTH: Record<Segment | 'unknown', number> = {
  smb: 0.1,
  mid_market: 0.2,
  enterprise: 0.35,
  unknown: 0.1,
};
const FIRST_RESPONSE_MEDIAN_HOURS: Record<Priority, number> = { urgent: 0.5, high: 1.5, normal: 3, low: 6 };
const RESOLUTION_MEDIAN_HOURS: Record<Priority, number> = { urgent: 6, high: 12, normal: 22, low: 40 };

const SUBJECTS = [
  'Cannot log in',
  'Export to CSV fails, timeout after 30s',
  'Question about invoice',
  'How do I invite a user?',
  'Dashboard shows "No data"',
  'Feature request: SSO, SCIM',
  'Billing: update card details',
  'Report numbers look wrong',
  'API rate limit, 429 errors',
  'Cancel subscription',
] as const;

/**
 * Support tickets while the account uses the product, more of them for large and for struggling accounts.
 * Struggling (low-usage, churn-prone) accounts also leave more tickets unresolved.
 */
export function simulateTickets(
  profile: AccountProfile,
  lifecycle: Lifecycle,
  timeline: Timeline,
  seed: number,
): TicketRecord[] {
  const random = new Random(seed, Stream.tickets, profile.index);
  const strain = 1 - profile.intensity;
  const monthlyRate = TICKETS_PER_MONTH[profile.segment ?? 'unknown'] * (1 + 1.5 * strain);
  const createdTimes: number[] = [];
  for (const stint of lifecycle.stints) {
    const from = stint.start;
    const to = Math.min(stint.endDay * MS_PER_DAY, timeline.endInstant);
    for (let windowStart = from; windowStart < to; windowStart += 30 * MS_PER_DAY) {
      const windowEnd = Math.min(to, windowStart + 30 * MS_PER_DAY);
      const nearChurn = stint.churned && to - windowEnd < 60 * MS_PER_DAY ? 2 : 1;
      const count = random.poisson(monthlyRate * nearChurn * ((windowEnd - windowStart) / (30 * MS_PER_DAY)));
      for (let i = 0; i < count; i++) {
        const day = dayOf(random.between(windowStart, windowEnd));
        const localHour = Math.min(23.5, Math.max(6, random.normal() * 3 + 13));
        const createdAt = Math.floor((day + (localHour - profile.utcOffsetHours) / 24) * MS_PER_DAY);
        if (createdAt >= from && createdAt < timeline.endInstant) createdTimes.push(createdAt);
      }
    }
  }
  createdTimes.sort((a, b) => a - b);
  let forceUnresolved = isForced(profile.index, 23, 1);
  return createdTimes.map((createdAt, i) => {
    const priority = random.weighted<Priority>({ low: 20, normal: 55, high: 18, urgent: 7 });
    const responseAt = random.chance(0.95)
      ? createdAt + Math.floor(random.logNormal(FIRST_RESPONSE_MEDIAN_HOURS[priority], 1) * MS_PER_HOUR)
      : null;
    const unresolved = forceUnresolved || random.chance(0.02 + 0.15 * strain ** 2);
    forceUnresolved = false;
    const hours = Math.max(random.logNormal(RESOLUTION_MEDIAN_HOURS[priority], 1.1), 0.25);
    const resolvedAt = unresolved
      ? null
      : Math.max(createdAt + Math.floor(hours * MS_PER_HOUR), responseAt ?? 0);
    return {
      id: `TCK-${profile.id}-${i + 1}`,
      createdAt,
      // What happens after the export was taken is not in it yet.
      firstResponseAt: responseAt !== null && responseAt < timeline.endInstant ? responseAt : null,
      resolvedAt: resolvedAt !== null && resolvedAt < timeline.endInstant ? resolvedAt : null,
      priority,
      channel: random.weighted({ email: 45, chat: 30, web: 15, phone: 10 }),
      subject: random.pick(SUBJECTS),
    };
  });
}

import { type AccountProfile, isForced } from './account-profile.js';
import { addMonths, MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import type { Lifecycle } from './lifecycle.js';
import { INTERVAL_MONTHS, roundMoney } from './pricing.js';
import { Random, Stream } from './random.js';
import type { Timeline } from './timeline.js';

export type InvoiceStatus = 'paid' | 'open' | 'void' | 'refunded';

export interface InvoiceRecord {
  readonly id: string;
  readonly issuedAt: number;
  /** Negative for a credit note. */
  readonly amount: number;
  readonly status: InvoiceStatus;
}

interface Charge {
  readonly issuedAt: number;
  readonly amount: number;
}

/** One invoice per billing cycle of every charged period, true-ups for mid-term seat additions. */
function charges(lifecycle: Lifecycle, timeline: Timeline, random: Random): Charge[] {
  const result: Charge[] = [];
  const previousAmount = new Map<string, number>();
  const billingRun = (day: number) => day * MS_PER_DAY + Math.floor(random.between(2, 8) * MS_PER_HOUR);
  for (const period of lifecycle.periods) {
    const before = previousAmount.get(period.subscriptionId);
    previousAmount.set(period.subscriptionId, period.amount);
    if (period.amount <= 0 || period.start > timeline.lastDay) continue;
    if (period.isTrial) {
      result.push({ issuedAt: billingRun(period.start), amount: period.amount });
      continue;
    }
    const months = INTERVAL_MONTHS[period.interval];
    let cycle = 0;
    while (addMonths(period.anchor, (cycle + 1) * months) <= period.start) cycle++;
    const cycleStart = addMonths(period.anchor, cycle * months);
    if (cycleStart < period.start && before !== undefined && period.amount > before) {
      const cycleEnd = addMonths(period.anchor, (cycle + 1) * months);
      const share = (cycleEnd - period.start) / (cycleEnd - cycleStart);
      result.push({
        issuedAt: billingRun(period.start),
        amount: roundMoney((period.amount - before) * share),
      });
    }
    for (let k = cycleStart < period.start ? cycle + 1 : cycle; ; k++) {
      const day = addMonths(period.anchor, k * months);
      if (day > timeline.lastDay || (period.end !== null && day >= period.end)) break;
      result.push({ issuedAt: billingRun(day), amount: period.amount });
    }
  }
  return result.sort((a, b) => a.issuedAt - b.issuedAt);
}

function statusOf(issuedAt: number, intensity: number, timeline: Timeline, random: Random): InvoiceStatus {
  if (timeline.endInstant - issuedAt < 14 * MS_PER_DAY && random.chance(0.4)) return 'open';
  // Failed card payments end up void; they cluster in accounts that barely use the product.
  return random.weighted({ paid: 94, open: 1, void: 2 + 4 * (1 - intensity), refunded: 1.5 });
}

export function simulateInvoices(
  profile: AccountProfile,
  lifecycle: Lifecycle,
  timeline: Timeline,
  seed: number,
) {
  const random = new Random(seed, Stream.invoices, profile.index);
  const invoices: InvoiceRecord[] = [];
  let creditNotes = 0;
  let forceCreditNote = isForced(profile.index, 29, 3);
  for (const charge of charges(lifecycle, timeline, random)) {
    const status = statusOf(charge.issuedAt, profile.intensity, timeline, random);
    const id = `INV-${profile.id}-${String(invoices.length + 1).padStart(3, '0')}`;
    invoices.push({ id, issuedAt: charge.issuedAt, amount: charge.amount, status });
    if (status !== 'paid' || !(random.chance(0.012) || forceCreditNote)) continue;
    // A goodwill credit or partial refund, booked as a negative (credit note) document.
    const issuedAt = charge.issuedAt + random.int(2, 20) * MS_PER_DAY;
    if (issuedAt >= timeline.endInstant) continue;
    forceCreditNote = false;
    const share = random.pick([0.1, 0.25, 0.5, 1]);
    creditNotes++;
    invoices.push({
      id: `CN-${profile.id}-${creditNotes}`,
      issuedAt,
      amount: -roundMoney(charge.amount * share),
      status: 'paid',
    });
  }
  return invoices.sort((a, b) => a.issuedAt - b.issuedAt);
}

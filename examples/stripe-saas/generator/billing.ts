// Runs each customer's subscriptions the way Stripe Billing would: a $0 invoice for a trial, one invoice
// per cycle with a line per subscription item, prorations for mid-cycle changes (an immediate invoice for
// plan and seat changes, the next cycle's invoice for an added item), coupons as line discounts, sales
// tax, unpaid invoices marked uncollectible, voided and re-sent invoices, credit notes. Beside the Stripe
// objects it records what really happened as canonical subscription periods: the twin that the preset's
// derivation from the Stripe tables must reproduce (ADAPTERS.md section 2).

import { addMonths, at, DAY, isoDate } from './calendar.js';
import { type Currency, cycleMonths, minorDigits, type Price, priceOf, productOf } from './catalog.js';
import { AS_OF, type CustomerStory, type SubscriptionStory } from './company.js';
import type { Random } from './random.js';
import type { StripeCreditNote, StripeInvoice, StripeLine, StripeSubscription } from './stripe-objects.js';

/** The end of the as_of day: nothing after it has happened yet. */
export const AS_OF_END = at(AS_OF) + DAY - 1000;

/** One stretch of an item at one price, quantity and discount (or in trial). */
interface Segment {
  readonly from: number;
  readonly price: Price;
  readonly quantity: number;
  readonly percentOff: number;
  readonly trial: boolean;
}

interface Item {
  readonly id: string;
  price: Price;
  quantity: number;
  readonly segments: Segment[];
}

/** A canonical subscriptions row (CONTRACT.md), as the Stripe preset should derive it. */
export interface CanonicalPeriod {
  readonly subscription_id: string;
  readonly account_id: string;
  readonly plan: string;
  readonly billing_interval: 'month' | 'quarter' | 'year';
  readonly amount: number;
  readonly currency: string;
  readonly start_date: string;
  readonly end_date: string;
  readonly is_trial: boolean;
}

export interface SubscriptionRun {
  readonly subscription: StripeSubscription;
  readonly invoices: StripeInvoice[];
  readonly creditNotes: StripeCreditNote[];
  /** Empty for a price Pulse cannot read (the weekly pilot). */
  readonly periods: CanonicalPeriod[];
}

export interface BillingContext {
  readonly ids: Random;
  readonly customerId: string;
  readonly story: CustomerStory;
  /** Next invoice number of this customer. */
  nextNumber: () => string;
  /** Stripe id of a catalog price. */
  priceId: (key: string) => string;
  couponDiscountId: string;
}

export function runSubscription(context: BillingContext, sub: SubscriptionStory): SubscriptionRun {
  const { ids, customerId, story } = context;
  const subscriptionId = `sub_${ids.alnum(24)}`;
  const base = priceOf(sub.price);
  const currency = base.currency;
  const months = cycleMonths(base);
  const start = at(sub.start ?? story.signup);
  const trialEnd = sub.trialDays ? start + sub.trialDays * DAY : null;
  const anchor = trialEnd ?? start;
  const cycleStart = (k: number) => (months ? addMonths(anchor, k * months) : anchor + 7 * k * DAY);
  const items: Item[] = [
    { id: `si_${ids.alnum(14)}`, price: base, quantity: sub.quantity ?? 1, segments: [] },
  ];
  const invoices: StripeInvoice[] = [];
  const creditNotes: StripeCreditNote[] = [];

  let ended: number | null = null;
  let canceledAt: number | null = null;
  let cancelAtPeriodEnd = false;
  if (sub.trialOnly) {
    if (trialEnd === null) throw new Error(`${story.name}: trialOnly without a trial`);
    ended = trialEnd;
    canceledAt = trialEnd;
  } else if (sub.cancel) {
    canceledAt = at(sub.cancel.at);
    if (sub.cancel.timing === 'now') ended = canceledAt;
    else {
      let k = 0;
      while (cycleStart(k + 1) <= canceledAt) k++;
      ended = cycleStart(k + 1);
      cancelAtPeriodEnd = true;
    }
  }

  const invoice = (
    created: number,
    billingReason: StripeInvoice['billingReason'],
    lines: Omit<StripeLine, 'id' | 'invoice'>[],
  ): StripeInvoice => {
    const id = `in_${ids.alnum(24)}`;
    const full = lines.map((line) => ({ ...line, id: `il_${ids.alnum(24)}`, invoice: id }));
    const subtotal = full.reduce((sum, line) => sum + line.amount, 0);
    const discount = full.reduce((sum, line) => sum + line.discounts.reduce((s, d) => s + d.amount, 0), 0);
    const tax = story.taxRate ? Math.round((subtotal - discount) * story.taxRate) : 0;
    const made: StripeInvoice = {
      id,
      number: context.nextNumber(),
      customer: customerId,
      subscription: subscriptionId,
      created,
      billingReason,
      currency,
      lines: full,
      subtotal,
      discount,
      tax,
      total: subtotal - discount + tax,
      status: 'paid',
      paidAt: created,
      voidedAt: null,
      dueDate: sub.netDays ? created + sub.netDays * DAY : null,
    };
    invoices.push(made);
    return made;
  };

  const line = (
    item: Item,
    price: Price,
    quantity: number,
    amount: number,
    periodStart: number,
    periodEnd: number,
    proration: boolean,
    description: string,
    discount = 0,
  ): Omit<StripeLine, 'id' | 'invoice'> => ({
    type: 'subscription',
    subscription: subscriptionId,
    subscriptionItem: item.id,
    price: context.priceId(price.key),
    quantity,
    amount,
    discounts: discount > 0 ? [{ amount: discount, discount: context.couponDiscountId }] : [],
    proration,
    periodStart,
    periodEnd,
    description,
    currency,
  });

  const segment = (item: Item, from: number, percentOff: number, trial: boolean) => {
    const last = item.segments.at(-1);
    if (
      last &&
      !last.trial &&
      !trial &&
      last.price === item.price &&
      last.quantity === item.quantity &&
      last.percentOff === percentOff
    )
      return;
    item.segments.push({ from, price: item.price, quantity: item.quantity, percentOff, trial });
  };

  if (trialEnd !== null) {
    const trialLines = items.map((item) =>
      line(
        item,
        item.price,
        item.quantity,
        0,
        start,
        trialEnd,
        false,
        `Trial period for ${productOf(item.price.product).name}`,
      ),
    );
    invoice(start, 'subscription_create', trialLines);
    for (const item of items) segment(item, start, 0, true);
  }

  const changes = [...(sub.changes ?? [])].sort((a, b) => at(a.at) - at(b.at));
  const deferred: { at: number; price: Price }[] = [];
  let pending: Omit<StripeLine, 'id' | 'invoice'>[] = [];
  let lastCycle = trialEnd === null ? { start: anchor, end: cycleStart(1) } : { start, end: trialEnd };
  for (let k = 0; ; k++) {
    const cs = cycleStart(k);
    if ((ended !== null && cs >= ended) || cs > AS_OF_END) break;
    const ce = cycleStart(k + 1);
    lastCycle = { start: cs, end: ce };
    for (const change of deferred.splice(0)) items[0]!.price = change.price;
    const percentOff = sub.coupon && k < sub.coupon.cycles ? sub.coupon.percentOff : 0;
    const cycleLines = items.map((item) => {
      const amount = item.price.unitAmount * item.quantity;
      segment(item, cs, percentOff, false);
      const name = productOf(item.price.product).name;
      return line(
        item,
        item.price,
        item.quantity,
        amount,
        cs,
        ce,
        false,
        `${item.quantity} × ${name}`,
        Math.round((amount * percentOff) / 100),
      );
    });
    const created = invoice(cs, k === 0 && trialEnd === null ? 'subscription_create' : 'subscription_cycle', [
      ...pending,
      ...cycleLines,
    ]);
    pending = [];
    if (isoDate(cs).slice(0, 7) === sub.voidInvoiceOf) voidAndResend(created);
    if (sub.unpaidFrom && cs >= at(sub.unpaidFrom) && ended === null) {
      ended = cs + 21 * DAY;
      canceledAt = ended;
    }
    for (const change of changes) {
      const t = at(change.at);
      if (t <= cs || t >= ce || (ended !== null && t >= ended)) continue;
      const share = (ce - t) / (ce - cs);
      if (change.kind === 'price' && change.timing === 'period_end') {
        deferred.push({ at: t, price: priceOf(change.price) });
      } else if (change.kind === 'price' || change.kind === 'quantity') {
        const item = change.kind === 'price' ? items[0]! : items[change.item]!;
        const old = { price: item.price, quantity: item.quantity };
        if (change.kind === 'price') item.price = priceOf(change.price);
        else item.quantity = change.quantity;
        const oldFull = old.price.unitAmount * old.quantity;
        const newFull = item.price.unitAmount * item.quantity;
        const oldName = productOf(old.price.product).name;
        const newName = productOf(item.price.product).name;
        invoice(t, 'subscription_update', [
          line(
            item,
            old.price,
            old.quantity,
            -Math.round(oldFull * share),
            t,
            ce,
            true,
            `Unused time on ${old.quantity} × ${oldName}`,
          ),
          line(
            item,
            item.price,
            item.quantity,
            Math.round(newFull * share),
            t,
            ce,
            true,
            `Remaining time on ${item.quantity} × ${newName}`,
          ),
        ]);
        segment(item, t, percentOff, false);
      } else {
        const added: Item = {
          id: `si_${ids.alnum(14)}`,
          price: priceOf(change.price),
          quantity: change.quantity,
          segments: [],
        };
        items.push(added);
        const full = added.price.unitAmount * added.quantity;
        const name = productOf(added.price.product).name;
        pending.push(
          line(
            added,
            added.price,
            added.quantity,
            Math.round(full * share),
            t,
            ce,
            true,
            `Remaining time on ${added.quantity} × ${name}`,
          ),
        );
        segment(added, t, 0, false);
        if (ce > AS_OF_END || (ended !== null && ce >= ended))
          throw new Error(`${story.name}: an added item must be invoiced by as_of`);
      }
    }
  }

  // Payment: on the spot, after net terms, or never.
  for (const inv of invoices) {
    if (inv.status === 'void') continue;
    const unpaid = sub.unpaidFrom !== undefined && inv.created >= at(sub.unpaidFrom) && inv.total > 0;
    // Customers on net terms pay a few days late; card customers within two days.
    const paidAt = unpaid
      ? null
      : inv.created + (sub.netDays ? (sub.netDays + 3) * DAY : inv.total > 0 ? 2 * DAY : 0);
    if (paidAt !== null && paidAt <= AS_OF_END) inv.paidAt = paidAt;
    else {
      inv.paidAt = null;
      inv.status = unpaid && ended !== null && ended <= AS_OF_END ? 'uncollectible' : 'open';
    }
  }

  if (sub.cancel?.timing === 'now' && ended !== null) creditUnusedTime(ended);

  const hasEnded = ended !== null && ended <= AS_OF_END;
  const subscription: StripeSubscription = {
    id: subscriptionId,
    customer: customerId,
    created: start,
    trialStart: trialEnd === null ? null : start,
    trialEnd,
    billingCycleAnchor: anchor,
    currentPeriodStart: lastCycle.start,
    currentPeriodEnd: lastCycle.end,
    status: hasEnded
      ? 'canceled'
      : trialEnd !== null && trialEnd > AS_OF_END
        ? 'trialing'
        : invoices.some((i) => i.status === 'open' && sub.unpaidFrom)
          ? 'past_due'
          : 'active',
    cancelAtPeriodEnd,
    cancelAt: cancelAtPeriodEnd ? ended : null,
    canceledAt: canceledAt !== null && canceledAt <= AS_OF_END ? canceledAt : null,
    endedAt: hasEnded ? ended : null,
    daysUntilDue: sub.netDays ?? null,
  };

  // Where the paid periods really end: the subscription's end, else the end of the last invoiced cycle.
  const itemsEnd = hasEnded ? ended! : trialEnd !== null && trialEnd > AS_OF_END ? trialEnd : lastCycle.end;
  const periods =
    months === null ? [] : items.flatMap((item) => canonicalPeriods(item, customerId, itemsEnd));
  return { subscription, invoices, creditNotes, periods };

  function voidAndResend(original: StripeInvoice) {
    const resentAt = original.created + 3 * 3_600_000;
    original.status = 'void';
    original.voidedAt = resentAt;
    original.paidAt = null;
    invoice(
      resentAt,
      original.billingReason,
      original.lines.map(({ id: _id, invoice: _invoice, ...rest }) => rest),
    );
  }

  function creditUnusedTime(endedAt: number) {
    const last = invoices.filter((i) => i.status === 'paid' && i.created < endedAt).at(-1);
    if (!last) return;
    const { periodStart, periodEnd } = last.lines.at(-1)!;
    const share = (periodEnd - endedAt) / (periodEnd - periodStart);
    const subtotal = Math.round((last.subtotal - last.discount) * share);
    creditNotes.push({
      id: `cn_${ids.alnum(24)}`,
      number: `${last.number}-CN-01`,
      invoice: last.id,
      created: endedAt,
      currency,
      subtotal,
      tax: Math.round(last.tax * share),
      memo: 'Unused time after cancellation',
      reason: 'order_change',
      status: 'issued',
      voidedAt: null,
    });
  }
}

/** An item's segments as canonical periods: each ends where the next starts, the last at `end`. */
function canonicalPeriods(item: Item, accountId: string, end: number): CanonicalPeriod[] {
  const periods: CanonicalPeriod[] = [];
  item.segments.forEach((seg, index) => {
    const start = isoDate(seg.from);
    const stop = isoDate(item.segments[index + 1]?.from ?? end);
    if (stop <= start) return;
    const months = cycleMonths(seg.price)!;
    const gross = seg.price.unitAmount * seg.quantity;
    const net = seg.trial ? 0 : gross - Math.round((gross * seg.percentOff) / 100);
    periods.push({
      subscription_id: item.id,
      account_id: accountId,
      plan: productOf(seg.price.product).name,
      billing_interval: months === 1 ? 'month' : months === 3 ? 'quarter' : 'year',
      amount: toMajor(net, seg.price.currency),
      currency: seg.price.currency.toUpperCase(),
      start_date: start,
      end_date: stop,
      is_trial: seg.trial,
    });
  });
  return periods;
}

export function toMajor(minor: number, currency: Currency): number {
  return minor / 10 ** minorDigits(currency);
}

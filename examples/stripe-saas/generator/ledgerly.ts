// The whole company in one value: Stripe objects, HubSpot companies, and for each customer the span in
// which its people use the product. Everything the writers need, computed once from the stories.
import { type BillingContext, type CanonicalPeriod, runSubscription, toMajor } from './billing.js';
import { at, DAY } from './calendar.js';
import { type Currency, PRICES, PRODUCTS, type Price, type Product, priceOf } from './catalog.js';
import { CUSTOMERS, type CustomerStory, DRAFT_CHARGES, FIRST_MONTH, SERVICE_CREDITS } from './company.js';
import { Random } from './random.js';
import type {
  StripeCreditNote,
  StripeCustomer,
  StripeInvoice,
  StripeSubscription,
} from './stripe-objects.js';

export const SEED = 20_251_120;

export interface HubspotCompany {
  readonly recordId: string;
  readonly story: CustomerStory;
  readonly created: number;
  readonly stripeCustomerId: string | null;
}

/** A customer as its product usage sees it: who, since when, until when. */
export interface Account {
  readonly id: string;
  readonly story: CustomerStory;
  readonly signup: number;
  /** When it stopped being a customer (its last subscription ended), else null. */
  readonly churned: number | null;
}

/** A canonical invoices row (CONTRACT.md), as the Stripe preset should derive it. */
export interface CanonicalInvoice {
  readonly invoice_id: string;
  readonly account_id: string;
  readonly issued_at: number;
  readonly amount: number;
  readonly currency: string;
  readonly status: 'paid' | 'open' | 'void';
}

export interface Company {
  readonly products: readonly (Product & { readonly id: string; readonly created: number })[];
  readonly prices: readonly (Price & {
    readonly id: string;
    readonly productId: string;
    readonly created: number;
  })[];
  readonly customers: readonly StripeCustomer[];
  readonly subscriptions: readonly StripeSubscription[];
  readonly invoices: readonly StripeInvoice[];
  readonly creditNotes: readonly StripeCreditNote[];
  readonly companies: readonly HubspotCompany[];
  /** Customers known to both Stripe and HubSpot: the accounts Pulse should load. */
  readonly accounts: readonly Account[];
  /** What the preset must derive from the Stripe tables (rows it quarantines left out). */
  readonly twin: {
    readonly subscriptions: readonly CanonicalPeriod[];
    readonly invoices: readonly CanonicalInvoice[];
  };
}

export function buildCompany(): Company {
  const ids = new Random(SEED);
  const catalogCreated = at(`${FIRST_MONTH}-01T12:00:00Z`) - 20 * DAY;
  const products = PRODUCTS.map((p, i) => ({
    ...p,
    id: `prod_${ids.alnum(14)}`,
    created: catalogCreated + i * 60_000,
  }));
  const prices = PRICES.map((p, i) => ({
    ...p,
    id: `price_${ids.alnum(24)}`,
    productId: products.find((product) => product.key === p.product)!.id,
    created: catalogCreated + 3_600_000 + i * 60_000,
  }));
  const priceId = (key: string) => prices.find((p) => p.key === key)!.id;
  const couponDiscountId = `di_${ids.alnum(24)}`;

  const customers: StripeCustomer[] = [];
  const subscriptions: StripeSubscription[] = [];
  const invoices: StripeInvoice[] = [];
  const creditNotes: StripeCreditNote[] = [];
  const companies: HubspotCompany[] = [];
  const accounts: Account[] = [];
  const periods: CanonicalPeriod[] = [];

  for (const story of CUSTOMERS) {
    const signup = at(story.signup);
    const recordId = String(ids.int(10_000_000_000, 39_999_999_999));
    const customerId = story.notInStripe ? null : `cus_${ids.alnum(14)}`;
    if (!story.notInHubspot)
      // The company is created in HubSpot by the signup form, minutes to days before Stripe sees it.
      companies.push({
        recordId,
        story,
        created: signup - ids.int(5, 4_000) * 60_000,
        stripeCustomerId: customerId,
      });
    if (customerId === null) continue;
    const first = story.subscriptions[0]!;
    const prefix = ids.alnum(8).toUpperCase();
    let sequence = 0;
    customers.push({
      id: customerId,
      name: story.name,
      email: `billing@${story.domain}`,
      country: story.country,
      created: signup,
      currency: priceOf(first.price).currency,
      invoicePrefix: prefix,
      hubspotCompanyId: story.notInHubspot ? null : recordId,
    });
    const context: BillingContext = {
      ids,
      customerId,
      story,
      nextNumber: () => `${prefix}-${String(++sequence).padStart(4, '0')}`,
      priceId,
      couponDiscountId,
    };
    let churned: number | null = null;
    for (const sub of story.subscriptions) {
      const run = runSubscription(context, sub);
      subscriptions.push(run.subscription);
      invoices.push(...run.invoices);
      creditNotes.push(...run.creditNotes);
      if (!story.notInHubspot) periods.push(...run.periods);
      churned = run.subscription.endedAt;
    }
    if (!story.notInHubspot) accounts.push({ id: customerId, story, signup, churned });
  }

  for (const credit of SERVICE_CREDITS) {
    const customer = customers.find((c) => c.name === credit.customer)!;
    const created = at(credit.at);
    const credited = invoices
      .filter((i) => i.customer === customer.id && i.status === 'paid' && i.created < created)
      .at(-1)!;
    creditNotes.push({
      id: `cn_${ids.alnum(24)}`,
      number: `${credited.number}-CN-01`,
      invoice: credited.id,
      created,
      currency: credited.currency,
      subtotal: Math.round(credited.subtotal * credit.share),
      tax: Math.round(credited.tax * credit.share),
      memo: credit.memo,
      reason: credit.voided ? 'duplicate' : 'product_unsatisfactory',
      status: credit.voided ? 'void' : 'issued',
      voidedAt: credit.voided ? created + 2 * 3_600_000 : null,
    });
  }

  for (const draft of DRAFT_CHARGES) {
    const customer = customers.find((c) => c.name === draft.customer)!;
    const id = `in_${ids.alnum(24)}`;
    const created = at(draft.at);
    invoices.push({
      id,
      number: null,
      customer: customer.id,
      subscription: null,
      created,
      billingReason: 'manual',
      currency: customer.currency,
      lines: [
        {
          id: `il_${ids.alnum(24)}`,
          invoice: id,
          type: 'invoiceitem',
          subscription: null,
          subscriptionItem: null,
          price: null,
          quantity: 1,
          amount: draft.amount,
          discounts: [],
          proration: false,
          periodStart: created,
          periodEnd: created,
          description: draft.description,
          currency: customer.currency,
        },
      ],
      subtotal: draft.amount,
      discount: 0,
      tax: 0,
      total: draft.amount,
      status: 'draft',
      paidAt: null,
      voidedAt: null,
      dueDate: null,
    });
  }

  invoices.sort((a, b) => a.created - b.created);
  creditNotes.sort((a, b) => a.created - b.created);
  const known = new Set(accounts.map((a) => a.id));
  const currencyOf = (c: Currency) => c.toUpperCase();
  const twinInvoices: CanonicalInvoice[] = [
    ...invoices
      .filter((i) => i.status !== 'draft' && known.has(i.customer))
      .map((i) => ({
        invoice_id: i.id,
        account_id: i.customer,
        issued_at: i.created,
        amount: toMajor(i.total - i.tax, i.currency),
        currency: currencyOf(i.currency),
        status:
          i.status === 'paid'
            ? ('paid' as const)
            : i.status === 'void'
              ? ('void' as const)
              : ('open' as const),
      })),
    ...creditNotes
      .filter((n) => n.status !== 'void')
      .map((n) => {
        const credited = invoices.find((i) => i.id === n.invoice)!;
        return {
          invoice_id: n.id,
          account_id: credited.customer,
          issued_at: n.created,
          amount: -toMajor(n.subtotal, n.currency),
          currency: currencyOf(n.currency),
          status: 'paid' as const,
        };
      })
      .filter((row) => known.has(row.account_id)),
  ];
  return {
    products,
    prices,
    customers,
    subscriptions,
    invoices,
    creditNotes,
    companies,
    accounts,
    twin: { subscriptions: periods, invoices: twinInvoices },
  };
}

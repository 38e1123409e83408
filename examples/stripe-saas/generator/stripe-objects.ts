// The Stripe objects the simulation produces, with the API's field names; amounts in minor units,
// instants in ms (UTC). stripe-tables.ts writes them in the layout of a Fivetran sync.
import type { Currency } from './catalog.js';

export interface StripeCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly country: string;
  readonly created: number;
  readonly currency: Currency;
  readonly invoicePrefix: string;
  readonly hubspotCompanyId: string | null;
}

export interface StripeSubscription {
  readonly id: string;
  readonly customer: string;
  readonly created: number;
  readonly trialStart: number | null;
  readonly trialEnd: number | null;
  readonly billingCycleAnchor: number;
  readonly currentPeriodStart: number;
  readonly currentPeriodEnd: number;
  readonly status: 'trialing' | 'active' | 'past_due' | 'canceled';
  readonly cancelAtPeriodEnd: boolean;
  readonly cancelAt: number | null;
  readonly canceledAt: number | null;
  readonly endedAt: number | null;
  readonly daysUntilDue: number | null;
}

export interface StripeLine {
  readonly id: string;
  readonly invoice: string;
  readonly type: 'subscription' | 'invoiceitem';
  readonly subscription: string | null;
  readonly subscriptionItem: string | null;
  readonly price: string | null;
  readonly quantity: number;
  /** Before discounts, excluding tax. */
  readonly amount: number;
  readonly discounts: readonly { readonly amount: number; readonly discount: string }[];
  readonly proration: boolean;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly description: string;
  readonly currency: Currency;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface StripeInvoice {
  readonly id: string;
  readonly number: string | null;
  readonly customer: string;
  readonly subscription: string | null;
  readonly created: number;
  readonly billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  readonly currency: Currency;
  readonly lines: readonly StripeLine[];
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly total: number;
  status: InvoiceStatus;
  paidAt: number | null;
  voidedAt: number | null;
  readonly dueDate: number | null;
}

export interface StripeCreditNote {
  readonly id: string;
  readonly number: string;
  readonly invoice: string;
  readonly created: number;
  readonly currency: Currency;
  /** Excluding tax. */
  readonly subtotal: number;
  readonly tax: number;
  readonly memo: string;
  readonly reason: 'order_change' | 'product_unsatisfactory' | 'duplicate';
  readonly status: 'issued' | 'void';
  readonly voidedAt: number | null;
}

import type { VendorTable } from '@pulse/core';

/**
 * The Stripe objects the preset reads, as the warehouse syncs lay them out: one table per object, Stripe
 * API field names, nested fields flattened with `_` (Fivetran: `recurring_interval`, `customer_id`,
 * `invoice_id`, `price_id`; Airbyte and Stripe Data Pipeline: `customer`, `invoice`, `price`,
 * `subscription`, plural table names). Columns a sync spells two ways are both declared and coalesced by
 * the derivations; absent columns are NULL.
 *
 * Sources relied on:
 * - Fivetran dbt_stripe integration seeds (integration_tests/seeds/customer_data.csv, price_plan_data.csv,
 *   invoice_line_item_data.csv, subscription_history_data.csv, product_data.csv) for column names.
 * - Stripe API reference, https://docs.stripe.com/api/invoice-line-item/object (period.start/end,
 *   proration, discount_amounts, price, subscription_item), https://docs.stripe.com/api/credit_notes/object
 *   (subtotal, tax_amounts, amount), https://docs.stripe.com/api/prices/object (recurring.interval,
 *   recurring.interval_count, unit_amount), https://docs.stripe.com/api/plans/object (legacy interval,
 *   interval_count, amount).
 * - Every table's `livemode` (false for test-mode objects): see stripe-livemode.ts.
 */
export const stripeTables = {
  customer: {
    name: 'customer',
    aliases: ['customers'],
    columns: ['id', 'name', 'email', 'created', 'metadata', 'livemode'],
    malformedTo: 'accounts',
  },
  price: {
    name: 'price',
    aliases: ['prices'],
    columns: [
      'id',
      'nickname',
      'product_id',
      'product',
      'recurring_interval',
      'recurring_interval_count',
      'recurring',
      'unit_amount',
      'currency',
      'livemode',
    ],
    malformedTo: 'subscriptions',
  },
  plan: {
    name: 'plan',
    aliases: ['plans'],
    columns: [
      'id',
      'nickname',
      'product_id',
      'product',
      'interval',
      'interval_count',
      'amount',
      'currency',
      'livemode',
    ],
    malformedTo: 'subscriptions',
  },
  product: {
    name: 'product',
    aliases: ['products'],
    columns: ['id', 'name', 'livemode'],
    malformedTo: 'subscriptions',
  },
  invoice: {
    name: 'invoice',
    aliases: ['invoices'],
    columns: ['id', 'customer_id', 'customer', 'created', 'status', 'total', 'tax', 'currency', 'livemode'],
    malformedTo: 'invoices',
  },
  invoice_line_item: {
    name: 'invoice_line_item',
    aliases: ['invoice_line_items'],
    columns: [
      'id',
      'invoice_id',
      'invoice',
      'type',
      'subscription_id',
      'subscription',
      'subscription_item_id',
      'subscription_item',
      'price_id',
      'price',
      'plan_id',
      'plan',
      'amount',
      'currency',
      'quantity',
      'proration',
      'period_start',
      'period_end',
      'period',
      'discount_amounts',
      'discount_amount',
      'livemode',
    ],
    malformedTo: 'subscriptions',
  },
  subscription: {
    name: 'subscription',
    // Fivetran syncs subscriptions as a history table (one row per change, `_fivetran_active` on the current one).
    aliases: ['subscriptions', 'subscription_history'],
    columns: ['id', 'status', 'ended_at', 'trial_end', '_fivetran_active', '_fivetran_synced', 'livemode'],
    malformedTo: 'subscriptions',
  },
  credit_note: {
    name: 'credit_note',
    aliases: ['credit_notes'],
    columns: [
      'id',
      'invoice_id',
      'invoice',
      'customer_id',
      'customer',
      'created',
      'status',
      'currency',
      'amount',
      'subtotal',
      'tax_amounts',
      'livemode',
    ],
    malformedTo: 'invoices',
  },
} as const satisfies Record<string, VendorTable>;

export type StripeTable = keyof typeof stripeTables;

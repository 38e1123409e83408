import type { VendorTable } from '@pulse/core';

/**
 * The Stripe objects the preset reads, as the warehouse syncs lay them out: one table per object, Stripe
 * API field names, nested fields flattened with `_` (Fivetran: `recurring_interval`, `customer_id`,
 * `invoice_id`, `price_id`; Airbyte and Stripe Data Pipeline: `customer`, `invoice`, `price`,
 * `subscription`, plural table names). Columns a sync spells two ways are both declared and coalesced by
 * the derivations; absent columns are NULL, except those a table `requires` (a group of spellings, one of
 * which every file of the table must have): without them no row could be derived right, so their absence
 * is a file error, where it gave rows quarantined as empty or MRR that silently fell.
 *
 * Sources relied on:
 * - Fivetran dbt_stripe integration seeds (integration_tests/seeds/customer_data.csv, price_plan_data.csv,
 *   invoice_line_item_data.csv, subscription_history_data.csv, product_data.csv) for column names.
 * - Stripe API reference, https://docs.stripe.com/api/invoice-line-item/object (period.start/end,
 *   proration, discount_amounts, price, subscription_item), https://docs.stripe.com/api/credit_notes/object
 *   (subtotal, tax_amounts, amount), https://docs.stripe.com/api/prices/object (recurring.interval,
 *   recurring.interval_count, unit_amount), https://docs.stripe.com/api/plans/object (legacy interval,
 *   interval_count, amount).
 * - Stripe API version 2025-03-31.basil, which moved fields read here (both shapes are read, per row):
 *   https://docs.stripe.com/changelog/basil/2025-03-31/invoice-tax-configurations (invoice `tax` and
 *   `total_tax_amounts`, credit note `tax_amounts` → `total_taxes`), and stripe-node's commit for
 *   basil (github.com/stripe/stripe-node f2530a134, types/Invoices.d.ts, types/CreditNotes.d.ts);
 *   https://docs.stripe.com/changelog/basil/2025-03-31/adds-new-parent-field-to-invoicing-objects (line
 *   item `type`, `subscription`, `subscription_item`, `invoice_item`, `proration` → `parent.type`,
 *   `parent.subscription_item_details.*`), https://docs.stripe.com/changelog/basil/2025-03-31/invoice-pricing-configurations
 *   (line item `price`, `plan` → `pricing.price_details.price`), and the same commit's
 *   types/InvoiceLineItems.d.ts (`discount_amounts`, `period`, `quantity`, `amount` stay).
 * - Every table's `livemode` (false for test-mode objects): see stripe-livemode.ts.
 */
export const stripeTables = {
  customer: {
    name: 'customer',
    aliases: ['customers'],
    columns: ['id', 'name', 'email', 'created', 'metadata', 'livemode'],
    requires: [['id'], ['created']],
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
    requires: [['id'], ['recurring_interval', 'recurring']],
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
    requires: [['id'], ['interval']],
    malformedTo: 'subscriptions',
  },
  product: {
    name: 'product',
    aliases: ['products'],
    columns: ['id', 'name', 'livemode'],
    requires: [['id']],
    malformedTo: 'subscriptions',
  },
  invoice: {
    name: 'invoice',
    aliases: ['invoices'],
    // `tax` before API version 2025-03-31.basil; from it `total_taxes` (a list of {amount, …}), and
    // `total_excluding_tax` (also before): see stripe-invoices.ts.
    columns: [
      'id',
      'customer_id',
      'customer',
      'created',
      'status',
      'total',
      'tax',
      'total_taxes',
      'total_excluding_tax',
      'currency',
      'livemode',
    ],
    requires: [['id'], ['customer_id', 'customer'], ['created'], ['status'], ['total'], ['currency']],
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
      // 2025-03-31.basil's spellings of type, subscription_item, subscription, proration, invoice_item and price,
      // flattened with `_` or kept as the `parent` and `pricing` JSON objects: see stripe-line-items.ts.
      'parent_type',
      'parent_subscription_item_details_subscription_item',
      'parent_subscription_item_details_subscription',
      'parent_subscription_item_details_proration',
      'parent_subscription_item_details_invoice_item',
      'parent',
      'pricing_price_details_price',
      'pricing',
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
    requires: [
      ['invoice_id', 'invoice'],
      ['type', 'parent_type', 'parent'],
      ['amount'],
      ['currency'],
      ['period_start', 'period'],
      ['period_end', 'period'],
      [
        'subscription_item_id',
        'subscription_id',
        'subscription_item',
        'subscription',
        'parent_subscription_item_details_subscription_item',
        'parent_subscription_item_details_subscription',
        'parent',
      ],
      ['price_id', 'price', 'plan_id', 'plan', 'pricing_price_details_price', 'pricing'],
    ],
    malformedTo: 'subscriptions',
  },
  subscription: {
    name: 'subscription',
    // Fivetran syncs subscriptions as a history table (one row per change, `_fivetran_active` on the current one).
    aliases: ['subscriptions', 'subscription_history'],
    columns: ['id', 'status', 'ended_at', 'trial_end', '_fivetran_active', '_fivetran_synced', 'livemode'],
    requires: [['id']],
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
      // basil's spelling of tax_amounts (2025-03-31.basil removed tax_amounts from the credit note).
      'total_taxes',
      'livemode',
    ],
    requires: [['id'], ['invoice_id', 'invoice'], ['created'], ['currency'], ['subtotal', 'amount']],
    malformedTo: 'invoices',
  },
} as const satisfies Record<string, VendorTable>;

import type { PresetDefinition } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { PRESET_DEFAULTS } from '../preset-defaults.js';
import { stripeAccounts } from './stripe-accounts.js';
import { stripeProvides } from './stripe-config.js';
import { stripeInvoices } from './stripe-invoices.js';
import { liveModeOnly } from './stripe-livemode.js';
import { stripeSubscriptions } from './stripe-subscriptions.js';
import { stripeTables } from './stripe-tables.js';

/** ADAPTERS.md section 2, "Stripe": Stripe's synced tables → accounts, subscriptions and invoices. */
export const stripePreset: PresetDefinition<PulseConfig> = {
  name: 'stripe',
  description:
    'Stripe tables as synced by Fivetran, Airbyte or Stripe Data Pipeline → accounts, subscriptions, invoices',
  feeds: (config) => (config.presets?.stripe ? stripeProvides(config.presets.stripe) : []),
  path: (config) => config.presets?.stripe?.path ?? PRESET_DEFAULTS.stripe.path,
  tables: Object.values(stripeTables),
  derivations: {
    accounts: liveModeOnly('accounts', stripeAccounts),
    subscriptions: liveModeOnly('subscriptions', stripeSubscriptions),
    invoices: liveModeOnly('invoices', stripeInvoices),
  },
  columnFeeds: {
    accounts: {
      account_id: 'customer.id',
      name: 'customer.name, else customer.email',
      created_at: 'customer.created (ISO or epoch seconds)',
      segment: 'customer.metadata key named by presets.stripe.metadata.segment (default "segment")',
      region: 'customer.metadata key named by presets.stripe.metadata.region (default "region")',
      acquisition_channel:
        'customer.metadata key named by presets.stripe.metadata.acquisition_channel (default "acquisition_channel")',
    },
    subscriptions: {
      subscription_id:
        'invoice_line_item.subscription_item_id, else invoice_line_item.subscription_id (API 2025-03-31.basil: parent.subscription_item_details.subscription_item, else .subscription)',
      account_id: "the line's invoice.customer_id",
      plan: "the line price's (price_id, basil: pricing.price_details.price) product.name, else price.nickname, else the price id",
      billing_interval:
        "the line price's recurring_interval × recurring_interval_count (plan: interval × interval_count)",
      amount:
        'invoice_line_item.amount less discounts (discount_amounts, else discount_amount; a discount_amounts cell that is no list of amounts quarantines the line), in major units (proration: price.unit_amount × quantity less the same discount share)',
      currency: 'invoice_line_item.currency',
      start_date: 'invoice_line_item.period_start (UTC date)',
      end_date:
        "invoice_line_item.period_end (UTC date), cut at the next period's start and at subscription.ended_at",
      is_trial: 'start before subscription.trial_end (UTC date), else amount = 0',
    },
    invoices: {
      invoice_id: 'invoice.id (credit_note.id)',
      account_id: "invoice.customer_id (credit note: its invoice's customer)",
      issued_at: 'invoice.created (credit_note.created)',
      amount:
        'invoice.total − invoice.tax (else − Σ invoice.total_taxes amounts; else invoice.total_excluding_tax) in major units (credit note: −subtotal, else −(amount − tax_amounts, else total_taxes))',
      currency: 'invoice.currency (credit_note.currency)',
      status: 'invoice.status: paid → paid, open and uncollectible → open, void → void (credit note: paid)',
    },
  },
};

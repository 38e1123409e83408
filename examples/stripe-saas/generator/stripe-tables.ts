// The Stripe objects as a Fivetran sync lays them out: one table per object, Stripe API field names with
// nested fields flattened by `_` (recurring_interval), `_fivetran_synced` first after the id, timestamps
// as `YYYY-MM-DD HH:MM:SS` UTC, amounts as integers in the currency's smallest unit, currencies in lower
// case. Columns follow Fivetran's open dbt_stripe package (macros/staging/get_*_columns.sql and
// integration_tests/seeds/*_data.csv); a sync has more columns than these, which Pulse ignores anyway.
// Invoice line items are one file per month of their invoice, as a nightly export folder grows.
import type { CsvValue } from './csv.js';
import { csvOfRecords } from './csv.js';
import { monthOf, sqlTimestamp } from './calendar.js';
import type { Company } from './ledgerly.js';

/** The sync that wrote these files ran the night after as_of. */
const SYNCED = '2026-11-21 02:00:00';
const ts = (ms: number | null) => (ms === null ? null : sqlTimestamp(ms));

export function stripeTables(company: Company): Record<string, string> {
  const files: Record<string, string> = {
    'stripe/customer.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'address_country', 'balance', 'created', 'currency', 'delinquent', 'description', 'email', 'invoice_prefix', 'is_deleted', 'livemode', 'name', 'phone', 'tax_exempt', 'metadata'],
      company.customers.map((c) => ({
        id: c.id,
        _fivetran_synced: SYNCED,
        address_country: countryCode(c.country),
        balance: 0,
        created: ts(c.created),
        currency: c.currency,
        delinquent: false,
        description: null,
        email: c.email,
        invoice_prefix: c.invoicePrefix,
        is_deleted: false,
        livemode: true,
        name: c.name,
        phone: null,
        tax_exempt: c.country === 'United States' ? 'none' : 'reverse',
        metadata: JSON.stringify(c.hubspotCompanyId ? { hubspot_company_id: c.hubspotCompanyId } : {}),
      })),
    ),
    'stripe/product.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'active', 'created', 'description', 'is_deleted', 'livemode', 'metadata', 'name', 'type', 'unit_label', 'updated'],
      company.products.map((p) => ({
        id: p.id,
        _fivetran_synced: SYNCED,
        active: true,
        created: ts(p.created),
        description: p.description,
        is_deleted: false,
        livemode: true,
        metadata: '{}',
        name: p.name,
        type: 'service',
        unit_label: p.key === 'reporting' ? 'seat' : null,
        updated: ts(p.created),
      })),
    ),
    'stripe/price.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'active', 'billing_scheme', 'created', 'currency', 'is_deleted', 'livemode', 'metadata', 'nickname', 'product_id', 'recurring_aggregate_usage', 'recurring_interval', 'recurring_interval_count', 'recurring_usage_type', 'type', 'unit_amount', 'unit_amount_decimal'],
      company.prices.map((p) => ({
        id: p.id,
        _fivetran_synced: SYNCED,
        active: true,
        billing_scheme: 'per_unit',
        created: ts(p.created),
        currency: p.currency,
        is_deleted: false,
        livemode: true,
        metadata: '{}',
        nickname: p.nickname,
        product_id: p.productId,
        recurring_aggregate_usage: null,
        recurring_interval: p.interval,
        recurring_interval_count: p.intervalCount,
        recurring_usage_type: 'licensed',
        type: 'recurring',
        unit_amount: p.unitAmount,
        unit_amount_decimal: p.unitAmount,
      })),
    ),
    'stripe/subscription.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'billing_cycle_anchor', 'cancel_at', 'cancel_at_period_end', 'canceled_at', 'created', 'current_period_end', 'current_period_start', 'customer_id', 'days_until_due', 'ended_at', 'livemode', 'metadata', 'start_date', 'status', 'trial_end', 'trial_start'],
      company.subscriptions.map((s) => ({
        id: s.id,
        _fivetran_synced: SYNCED,
        billing_cycle_anchor: ts(s.billingCycleAnchor),
        cancel_at: ts(s.cancelAt),
        cancel_at_period_end: s.cancelAtPeriodEnd,
        canceled_at: ts(s.canceledAt),
        created: ts(s.created),
        current_period_end: ts(s.currentPeriodEnd),
        current_period_start: ts(s.currentPeriodStart),
        customer_id: s.customer,
        days_until_due: s.daysUntilDue,
        ended_at: ts(s.endedAt),
        livemode: true,
        metadata: '{}',
        start_date: ts(s.created),
        status: s.status,
        trial_end: ts(s.trialEnd),
        trial_start: ts(s.trialStart),
      })),
    ),
    'stripe/invoice.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'amount_due', 'amount_paid', 'amount_remaining', 'billing_reason', 'collection_method', 'created', 'currency', 'customer_id', 'due_date', 'livemode', 'number', 'paid', 'status', 'status_transitions_paid_at', 'subscription_id', 'subtotal', 'tax', 'total', 'total_discount_amounts'],
      company.invoices.map((i) => {
        const paid = i.status === 'paid';
        const due = i.status === 'void' || i.status === 'draft' ? 0 : i.total;
        const discountAmounts: CsvValue = JSON.stringify(
          i.discount > 0 ? [{ amount: i.discount, discount: i.lines.find((l) => l.discounts.length)!.discounts[0]!.discount }] : [],
        );
        return {
          id: i.id,
          _fivetran_synced: SYNCED,
          amount_due: due,
          amount_paid: paid ? i.total : 0,
          amount_remaining: paid ? 0 : due,
          attempt_count: i.status === 'draft' ? 0 : i.dueDate === null && !paid ? 4 : 1,
          attempted: i.status !== 'draft',
          auto_advance: i.status === 'draft' || i.status === 'open',
          billing_reason: i.billingReason,
          collection_method: i.dueDate === null ? 'charge_automatically' : 'send_invoice',
          created: ts(i.created),
          currency: i.currency,
          customer_id: i.customer,
          due_date: ts(i.dueDate),
          is_deleted: false,
          livemode: true,
          metadata: '{}',
          number: i.number,
          paid,
          period_end: ts(i.created),
          period_start: ts(i.created),
          status: i.status,
          status_transitions_finalized_at: i.status === 'draft' ? null : ts(i.created),
          status_transitions_paid_at: ts(i.paidAt),
          status_transitions_voided_at: ts(i.voidedAt),
          subscription_id: i.subscription,
          subtotal: i.subtotal,
          tax: i.tax,
          total: i.total,
          total_discount_amounts: discountAmounts,
        };
      }),
    ),
    'stripe/credit_note.csv': csvOfRecords(
      ['id', '_fivetran_synced', 'amount', 'created', 'currency', 'discount_amount', 'subtotal', 'total', 'livemode', 'memo', 'metadata', 'number', 'reason', 'status', 'type', 'voided_at', 'invoice_id', 'refund_id', 'tax_amounts'],
      company.creditNotes.map((n) => ({
        id: n.id,
        _fivetran_synced: SYNCED,
        amount: n.subtotal + n.tax,
        created: ts(n.created),
        currency: n.currency,
        discount_amount: 0,
        subtotal: n.subtotal,
        total: n.subtotal + n.tax,
        livemode: true,
        memo: n.memo,
        metadata: '{}',
        number: n.number,
        reason: n.reason,
        status: n.status,
        type: 'post_payment',
        voided_at: ts(n.voidedAt),
        invoice_id: n.invoice,
        refund_id: null,
        tax_amounts: JSON.stringify(n.tax > 0 ? [{ amount: n.tax, inclusive: false }] : []),
      })),
    ),
  };

  const lineHeader = ['id', 'invoice_id', '_fivetran_synced', 'amount', 'currency', 'description', 'discount_amounts', 'discountable', 'invoice_item_id', 'livemode', 'metadata', 'period_end', 'period_start', 'plan_id', 'price_id', 'proration', 'quantity', 'subscription_id', 'subscription_item_id', 'type', 'unique_id', 'unit_amount_excluding_tax'];
  const byMonth = new Map<string, Record<string, CsvValue>[]>();
  for (const invoice of company.invoices) {
    const month = monthOf(invoice.created);
    const rows = byMonth.get(month) ?? [];
    byMonth.set(month, rows);
    for (const line of invoice.lines) {
      rows.push({
        id: line.id,
        invoice_id: line.invoice,
        _fivetran_synced: SYNCED,
        amount: line.amount,
        currency: line.currency,
        description: line.description,
        discount_amounts: JSON.stringify(line.discounts),
        discountable: !line.proration,
        invoice_item_id: line.type === 'invoiceitem' || line.proration ? `ii_${line.id.slice(3)}` : null,
        livemode: true,
        metadata: '{}',
        period_end: ts(line.periodEnd),
        period_start: ts(line.periodStart),
        plan_id: line.price,
        price_id: line.price,
        proration: line.proration,
        quantity: line.quantity,
        subscription_id: line.subscription,
        subscription_item_id: line.subscriptionItem,
        type: line.type,
        unique_id: line.id,
        unit_amount_excluding_tax: line.quantity ? String(line.amount / line.quantity) : null,
      });
    }
  }
  for (const [month, rows] of byMonth) files[`stripe/invoice_line_item/${month}.csv`] = csvOfRecords(lineHeader, rows);
  return files;
}

function countryCode(country: string): string {
  const codes: Record<string, string> = {
    'United States': 'US',
    Germany: 'DE',
    France: 'FR',
    Netherlands: 'NL',
    Spain: 'ES',
    Ireland: 'IE',
    Japan: 'JP',
  };
  return codes[country] ?? 'US';
}

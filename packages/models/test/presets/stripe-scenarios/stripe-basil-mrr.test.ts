import { describe, expect, it } from 'vitest';
import { buildForSuite, invoicesOf, mrrOf, quarantineOf, subscriptionsOf } from './scenario-build.js';

/** A CSV text from a header line and rows. */
const csv = (header: string, ...rows: string[]) => `${[header, ...rows].join('\n')}\n`;
/** A JSON cell of a CSV: quoted, inner quotes doubled. */
const cell = (value: unknown) => `"${JSON.stringify(value).replaceAll('"', '""')}"`;
const vat = (amount: number) => [
  { amount, tax_behavior: 'exclusive', taxability_reason: 'standard_rated', type: 'tax_rate_details' },
];

const OLD_LINES =
  'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end';
const BASIL_LINES =
  'id,invoice_id,parent_type,parent_subscription_item_details_subscription,' +
  'parent_subscription_item_details_subscription_item,parent_subscription_item_details_proration,' +
  'parent_invoice_item_details_invoice_item,pricing_type,pricing_price_details_price,' +
  'pricing_price_details_product,pricing_unit_amount_decimal,amount,currency,quantity,period_start,period_end,' +
  'discount_amounts';

/**
 * One customer on a Pro plan (50.00 a month, VAT 19 % on top) whose Stripe account moves to API version
 * 2025-03-31.basil in May 2025, synced by Fivetran: one invoice table that gains total_taxes and keeps tax
 * empty from then on; line item files per month, March and April in the old shape, May to July in basil's.
 */
function basilExport(): Record<string, string> {
  return {
    'stripe/customer.csv': csv('id,name,email,created,metadata', 'cus_a,Acme,,2025-01-01 00:00:00,{}'),
    'stripe/product.csv': csv('id,name', 'prod_pro,Pro'),
    'stripe/price.csv': csv(
      'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency',
      'price_pro,Pro monthly,prod_pro,month,1,5000,usd',
    ),
    'stripe/invoice.csv': csv(
      'id,customer_id,created,status,subtotal,tax,total,total_excluding_tax,total_taxes,currency',
      'in_1,cus_a,2025-03-01 10:00:00,paid,5000,950,5950,5000,,usd',
      'in_2,cus_a,2025-04-01 10:00:00,paid,5000,950,5950,5000,,usd',
      // Basil: no tax. Pro 50.00 and a one-off setup fee of 200.00, VAT 47.50.
      `in_3,cus_a,2025-05-01 10:00:00,paid,25000,,29750,25000,${cell(vat(4750))},usd`,
      // A 10.00 discount: 40.00, VAT 7.60.
      `in_4,cus_a,2025-06-01 10:00:00,paid,4000,,4760,4000,${cell(vat(760))},usd`,
      `in_5,cus_a,2025-07-01 10:00:00,paid,5000,,5950,5000,${cell(vat(950))},usd`,
    ),
    'stripe/invoice_line_item/2025-03.csv': csv(
      OLD_LINES,
      'il_1,in_1,subscription,sub_a,si_a,price_pro,5000,usd,1,false,2025-03-01 10:00:00,2025-04-01 10:00:00',
    ),
    'stripe/invoice_line_item/2025-04.csv': csv(
      OLD_LINES,
      'il_2,in_2,subscription,sub_a,si_a,price_pro,5000,usd,1,false,2025-04-01 10:00:00,2025-05-01 10:00:00',
    ),
    'stripe/invoice_line_item/2025-05.csv': csv(
      BASIL_LINES,
      'il_3,in_3,subscription_item_details,sub_a,si_a,false,,price_details,price_pro,prod_pro,5000,5000,usd,1,2025-05-01 10:00:00,2025-06-01 10:00:00,[]',
      'il_4,in_3,invoice_item_details,,,,ii_setup,price_details,price_setup,prod_setup,20000,20000,usd,1,2025-05-01 10:00:00,2025-05-01 10:00:00,[]',
    ),
    'stripe/invoice_line_item/2025-06.csv': csv(
      BASIL_LINES,
      `il_5,in_4,subscription_item_details,sub_a,si_a,false,,price_details,price_pro,prod_pro,5000,5000,usd,1,2025-06-01 10:00:00,2025-07-01 10:00:00,${cell([{ amount: 1000, discount: 'di_1' }])}`,
    ),
    'stripe/invoice_line_item/2025-07.csv': csv(
      BASIL_LINES,
      'il_6,in_5,subscription_item_details,sub_a,si_a,false,,price_details,price_pro,prod_pro,5000,5000,usd,1,2025-07-01 10:00:00,2025-08-01 10:00:00,[]',
    ),
    'fx_rates.csv': csv('date,currency,rate', '2025-01-01,EUR,1.1'),
  };
}

describe('Stripe preset across the 2025-03-31.basil upgrade (Fivetran layout → canonical sources → MRR)', () => {
  const published = buildForSuite('the basil export', basilExport, {
    reporting_currency: 'USD',
    as_of: '2025-07-31',
    presets: { stripe: { path: 'stripe/' } },
  });
  const warehouse = () => published().warehouse;

  it('builds every model with nothing quarantined', async () => {
    warehouse();
    expect(published().failures).toEqual([]);
    expect(await quarantineOf(warehouse(), 'subscriptions')).toEqual([]);
    expect(await quarantineOf(warehouse(), 'invoices')).toEqual([]);
  });

  it('periods: the upgrade is no change (March to May merge), the discount is', async () => {
    // si_a: [03-01, 04-01) 50, [04-01, 05-01) 50 (old shape), [05-01, 06-01) 50 (basil) merge into one
    // period; [06-01, 07-01) 50 − 10 = 40; [07-01, 08-01) 50. The setup fee is no subscription line.
    const sub = (amount: number, start_date: string, end_date: string) => ({
      subscription_id: 'si_a',
      account_id: 'cus_a',
      plan: 'Pro',
      billing_interval: 'month',
      amount,
      currency: 'USD',
      start_date,
      end_date,
      is_trial: false,
    });
    expect(await subscriptionsOf(warehouse(), ['cus_a'])).toEqual([
      sub(50, '2025-03-01', '2025-06-01'),
      sub(40, '2025-06-01', '2025-07-01'),
      sub(50, '2025-07-01', '2025-08-01'),
    ]);
  });

  it('MRR per month: no movement at the upgrade', async () => {
    // On each month's last day: Mar 31 50 (new), Apr 30 50, May 31 50, Jun 30 40 (−10), Jul 31 50 (+10).
    expect(await mrrOf(warehouse(), ['cus_a'])).toEqual([
      { account_id: 'cus_a', month: '2025-03-01', mrr: 50, movement: 'new' },
      { account_id: 'cus_a', month: '2025-04-01', mrr: 50, movement: 'none' },
      { account_id: 'cus_a', month: '2025-05-01', mrr: 50, movement: 'none' },
      { account_id: 'cus_a', month: '2025-06-01', mrr: 40, movement: 'contraction' },
      { account_id: 'cus_a', month: '2025-07-01', mrr: 50, movement: 'expansion' },
    ]);
  });

  it('invoices exclude their tax in both shapes: total − tax, then total − Σ total_taxes', async () => {
    // in_1, in_2: 5950 − 950. in_3: 29750 − 4750 = 25000. in_4: 4760 − 760. in_5: 5950 − 950.
    const inv = (invoice_id: string, issued_at: string, amount: number) => ({
      invoice_id,
      account_id: 'cus_a',
      issued_at,
      amount,
      currency: 'USD',
      status: 'paid',
    });
    expect(await invoicesOf(warehouse(), ['cus_a'])).toEqual([
      inv('in_1', '2025-03-01 10:00:00', 50),
      inv('in_2', '2025-04-01 10:00:00', 50),
      inv('in_3', '2025-05-01 10:00:00', 250),
      inv('in_4', '2025-06-01 10:00:00', 40),
      inv('in_5', '2025-07-01 10:00:00', 50),
    ]);
  });
});

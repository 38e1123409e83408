// Stripe API version 2025-03-31.basil removed the invoice line item's `type`, `subscription_item`,
// `proration` and `price` (and `plan`) for `parent.type`, `parent.subscription_item_details.{subscription,
// subscription_item, proration}` and `pricing.price_details.price`. A basil export had no `type`, so every
// file of its line items was refused (and, typed by hand, no line had a subscription item or a price).
import { IngestFileError } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { csv, period, type StripeIngested, stripeError, withStripe } from './stripe-harness.js';

/** The basil line item as a sync that flattens nested fields with `_` (Fivetran) writes it. */
const BASIL_HEADER =
  'id,invoice_id,parent_type,parent_subscription_item_details_subscription,' +
  'parent_subscription_item_details_subscription_item,parent_subscription_item_details_proration,' +
  'parent_invoice_item_details_invoice_item,pricing_type,pricing_price_details_price,' +
  'pricing_price_details_product,pricing_unit_amount_decimal,amount,currency,quantity,period_start,period_end,' +
  'discount_amounts';

const jsonl = (...records: object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

// 2024-01-01, 2024-02-01 and 2024-03-01 00:00:00 UTC in epoch seconds.
const [JAN_1, FEB_1, MAR_1] = [1704067200, 1706745600, 1709251200];

/** A basil line item as the API returns it (Airbyte, Stripe Data Pipeline: parent and pricing kept as objects). */
function apiLine(
  id: string,
  item:
    | {
        subscription: string;
        subscription_item: string;
        proration?: boolean;
        /** The invoice item that generated this subscription item's line (a pending proration). */
        generated_by?: string;
      }
    | { invoice_item: string },
  price: string | object,
  amount: number,
  [start, end]: [number, number],
) {
  const parent =
    'invoice_item' in item
      ? {
          type: 'invoice_item_details',
          invoice_item_details: { ...item, proration: false, proration_details: null, subscription: null },
          subscription_item_details: null,
        }
      : {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: item.generated_by ?? null,
            proration: item.proration ?? false,
            proration_details: { credited_items: null },
            subscription: item.subscription,
            subscription_item: item.subscription_item,
          },
        };
  return {
    id,
    object: 'line_item',
    invoice: 'in_1',
    amount,
    currency: 'usd',
    quantity: 1,
    discount_amounts: [],
    parent,
    pricing: {
      type: 'price_details',
      price_details: { price, product: 'prod_1' },
      unit_amount_decimal: '1000',
    },
    period: { start, end },
  };
}

/** The subscriptions source's notes (rows left out, per table and reason), sorted. */
const subscriptionNotes = ({ report }: StripeIngested) =>
  [...(report.sources.find((source) => source.name === 'subscriptions')!.notes ?? [])].sort();

describe('stripe preset: invoice line items of Stripe API version 2025-03-31.basil (parent, pricing)', () => {
  it('flattened with _ (Fivetran): parent_type subscription_item_details is a subscription line, its item, proration and price read from parent_* and pricing_*', async () => {
    const files = {
      'stripe/invoice_line_item.csv': csv(
        BASIL_HEADER,
        'il_1,in_1,subscription_item_details,sub_1,si_1,false,,price_details,price_m,prod_1,1000,1000,usd,1,2024-01-01 00:00:00,2024-02-01 00:00:00,[]',
        // A one-off invoice item: not a subscription line.
        'il_2,in_1,invoice_item_details,,,,ii_1,price_details,price_m,prod_1,500,500,usd,1,2024-01-05 00:00:00,2024-01-05 00:00:00,[]',
        // Two seats with a 5.00 discount: 20.00 − 5.00.
        'il_3,in_1,subscription_item_details,sub_2,si_2,false,,price_details,price_m,prod_1,1000,2000,usd,2,2024-01-01 00:00:00,2024-02-01 00:00:00,"[{""amount"":500,""discount"":""di_1""}]"',
        // A proration (parent.subscription_item_details.proration) to two seats from 01-16: the full-cycle
        // price 1000 × 2 = 20.00 from 01-16, which ends si_1's first period there.
        'il_4,in_1,subscription_item_details,sub_1,si_1,true,,price_details,price_m,prod_1,1000,1032,usd,2,2024-01-16 00:00:00,2024-02-01 00:00:00,[]',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('subscriptions')).toEqual([]);
      const common = { account_id: 'cus_1', plan: 'Monthly', billing_interval: 'month', currency: 'USD' };
      const file = { is_trial: false, _file: 'stripe/invoice_line_item.csv' };
      expect((await ingested.rows('subscriptions')).map(period)).toEqual([
        {
          subscription_id: 'si_1',
          ...common,
          amount: 10,
          start_date: '2024-01-01',
          end_date: '2024-01-16',
          ...file,
          _line: 2,
        },
        {
          subscription_id: 'si_2',
          ...common,
          amount: 15,
          start_date: '2024-01-01',
          end_date: '2024-02-01',
          ...file,
          _line: 4,
        },
        {
          subscription_id: 'si_1',
          ...common,
          amount: 20,
          start_date: '2024-01-16',
          end_date: '2024-02-01',
          ...file,
          _line: 5,
        },
      ]);
      expect(subscriptionNotes(ingested)).toEqual(['invoice_line_item: 1 row not subscription lines']);
    });
  });

  it('as the API returns it (Airbyte, Stripe Data Pipeline): parent and pricing JSON objects, an expanded price read as its id', async () => {
    const files = {
      'stripe/invoice_line_item.csv': null,
      'stripe/invoice_line_item.jsonl': jsonl(
        apiLine('il_1', { subscription: 'sub_1', subscription_item: 'si_1' }, 'price_m', 1000, [
          JAN_1,
          FEB_1,
        ]),
        // From 2025-12-15.clover pricing.price_details.price may be expanded.
        apiLine(
          'il_2',
          { subscription: 'sub_1', subscription_item: 'si_1' },
          { id: 'price_m', object: 'price', unit_amount: 1000 },
          1000,
          [FEB_1, MAR_1],
        ),
        apiLine('il_3', { invoice_item: 'ii_1' }, 'price_m', 500, [JAN_1, JAN_1]),
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('subscriptions')).toEqual([]);
      expect((await ingested.rows('subscriptions')).map(period)).toEqual([
        {
          subscription_id: 'si_1',
          account_id: 'cus_1',
          plan: 'Monthly',
          billing_interval: 'month',
          amount: 10,
          currency: 'USD',
          start_date: '2024-01-01',
          end_date: '2024-03-01',
          is_trial: false,
          _file: 'stripe/invoice_line_item.jsonl',
          _line: 1,
        },
      ]);
      expect(subscriptionNotes(ingested)).toEqual([
        'invoice_line_item: 1 row merged into the period before (same plan, amount, currency, interval and trial)',
        'invoice_line_item: 1 row not subscription lines',
      ]);
    });
  });

  it('a table synced across the upgrade reads both shapes per row; a row with both spellings reads the pre-basil one', async () => {
    const header =
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,proration,' +
      'parent_type,parent_subscription_item_details_subscription,parent_subscription_item_details_subscription_item,' +
      'parent_subscription_item_details_proration,pricing_price_details_price,amount,currency,quantity,period_start,period_end';
    const files = {
      'stripe/price.csv': csv(
        'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency',
        'price_m,Monthly,,month,1,1000,usd',
        'price_y,Yearly,,year,1,12000,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        header,
        // Before basil.
        'il_1,in_1,subscription,sub_1,si_1,price_m,false,,,,,,1000,usd,1,2024-01-01 00:00:00,2024-02-01 00:00:00',
        // After: the same item renews, merging with the line before.
        'il_2,in_1,,,,,,subscription_item_details,sub_1,si_1,false,price_m,1000,usd,1,2024-02-01 00:00:00,2024-03-01 00:00:00',
        // Both spellings, disagreeing (never seen): type, subscription_item_id and price_id win.
        'il_3,in_1,subscription,sub_2,si_2,price_y,false,invoice_item_details,sub_9,si_9,false,price_m,12000,usd,1,2024-01-01 00:00:00,2025-01-01 00:00:00',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('subscriptions')).toEqual([]);
      expect(
        (await ingested.rows('subscriptions')).map(
          ({ subscription_id, plan, amount, start_date, end_date }) => ({
            subscription_id,
            plan,
            amount,
            start_date,
            end_date,
          }),
        ),
      ).toEqual([
        {
          subscription_id: 'si_1',
          plan: 'Monthly',
          amount: 10,
          start_date: '2024-01-01',
          end_date: '2024-03-01',
        },
        {
          subscription_id: 'si_2',
          plan: 'Yearly',
          amount: 120,
          start_date: '2024-01-01',
          end_date: '2025-01-01',
        },
      ]);
    });
  });

  it('a line an invoice item generated for a subscription item (parent.subscription_item_details.invoice_item set: a pending proration) is an invoiceitem, as the older type said of it', async () => {
    // One invoice written three ways: si_1's month at 10.00, and the proration of an upgrade to two seats
    // from 01-16 that a subscription change left pending as invoice item ii_7 for this invoice to bill.
    // Before basil that line was `type` invoiceitem with `invoice_item` ii_7 (left out: ADAPTERS.md reads
    // `type` = subscription); basil reports it under subscription_item_details with its invoice_item.
    const renewal = [JAN_1, FEB_1] as [number, number];
    const pending = [1705363200, FEB_1] as [number, number]; // 2024-01-16 to 2024-02-01
    const basilLine = apiLine(
      'il_2',
      { subscription: 'sub_1', subscription_item: 'si_1', proration: true, generated_by: 'ii_7' },
      'price_m',
      1032,
      pending,
    );
    const shapes = {
      'before basil': {
        'stripe/invoice_line_item.csv': csv(
          'id,invoice_id,type,subscription_id,subscription_item_id,invoice_item,price_id,proration,amount,currency,quantity,period_start,period_end',
          'il_1,in_1,subscription,sub_1,si_1,,price_m,false,1000,usd,1,2024-01-01 00:00:00,2024-02-01 00:00:00',
          'il_2,in_1,invoiceitem,sub_1,si_1,ii_7,price_m,true,1032,usd,2,2024-01-16 00:00:00,2024-02-01 00:00:00',
        ),
      },
      'basil, flattened with _': {
        'stripe/invoice_line_item.csv': csv(
          `${BASIL_HEADER},parent_subscription_item_details_invoice_item`,
          'il_1,in_1,subscription_item_details,sub_1,si_1,false,,price_details,price_m,prod_1,1000,1000,usd,1,2024-01-01 00:00:00,2024-02-01 00:00:00,[],',
          'il_2,in_1,subscription_item_details,sub_1,si_1,true,,price_details,price_m,prod_1,1000,1032,usd,2,2024-01-16 00:00:00,2024-02-01 00:00:00,[],ii_7',
        ),
      },
      'basil, parent as a JSON object': {
        'stripe/invoice_line_item.csv': null,
        'stripe/invoice_line_item.jsonl': jsonl(
          apiLine('il_1', { subscription: 'sub_1', subscription_item: 'si_1' }, 'price_m', 1000, renewal),
          basilLine,
        ),
      },
    };
    for (const [shape, files] of Object.entries(shapes)) {
      await withStripe(files, async (ingested) => {
        expect(await ingested.quarantine('subscriptions'), shape).toEqual([]);
        expect(
          (await ingested.rows('subscriptions')).map(({ subscription_id, amount, start_date, end_date }) => ({
            subscription_id,
            amount,
            start_date,
            end_date,
          })),
          shape,
        ).toEqual([
          { subscription_id: 'si_1', amount: 10, start_date: '2024-01-01', end_date: '2024-02-01' },
        ]);
        expect(subscriptionNotes(ingested), shape).toEqual([
          'invoice_line_item: 1 row not subscription lines',
        ]);
      });
    }
  });

  it.each([
    [BASIL_HEADER.replace('parent_type,', ''), 'missing column type (or parent_type or parent)'],
    [
      BASIL_HEADER.replace('pricing_price_details_price,', ''),
      'missing column price_id (or price or plan_id or plan or pricing_price_details_price or pricing)',
    ],
    [
      BASIL_HEADER.replace(
        'parent_subscription_item_details_subscription,parent_subscription_item_details_subscription_item,',
        '',
      ),
      'missing column subscription_item_id (or subscription_id or subscription_item or subscription or ' +
        'parent_subscription_item_details_subscription_item or parent_subscription_item_details_subscription or parent)',
    ],
  ])(
    'a basil file with neither spelling of a column the derivation needs is a file error: %#',
    async (header, message) => {
      const error = await stripeError({ 'stripe/invoice_line_item.csv': csv(header) });
      expect(error).toBeInstanceOf(IngestFileError);
      expect(error.message).toContain('stripe/invoice_line_item.csv');
      expect(error.message).toContain(`${message} of the stripe table invoice_line_item`);
    },
  );
});

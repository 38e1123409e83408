import { describe, expect, it } from 'vitest';
import { withStripe } from './stripe-harness.js';

const jsonl = (...records: object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
const ref = (object: string, id: string) => ({ id, object });

// 2024-01-01, 2024-01-10, 2024-02-01 and 2025-01-01 00:00:00 UTC in epoch seconds.
const [JAN_1, JAN_10, FEB_1, NEXT_JAN_1] = [1704067200, 1704844800, 1706745600, 1735689600];

describe('stripe preset: an id column written as the expanded object (Airbyte JSON lines) is read as its id', () => {
  it('customer, invoice, subscription, subscription item, price, plan and product ids, in every table', async () => {
    const files = {
      'stripe/customer.csv': null,
      'stripe/price.csv': null,
      'stripe/invoice.csv': null,
      'stripe/invoice_line_item.csv': null,
      'stripe/customer.jsonl': jsonl(
        { id: 'cus_1', name: 'Acme', created: JAN_1, metadata: {} },
        { id: 'cus_2', name: 'Beta', created: JAN_1, metadata: {} },
      ),
      'stripe/product.jsonl': jsonl({ id: 'prod_1', name: 'Pro' }),
      'stripe/price.jsonl': jsonl({
        id: 'price_m',
        product: ref('product', 'prod_1'),
        recurring: { interval: 'month', interval_count: 1 },
        unit_amount: 1000,
        currency: 'usd',
      }),
      'stripe/plan.jsonl': jsonl({
        id: 'plan_y',
        product: ref('product', 'prod_1'),
        interval: 'year',
        interval_count: 1,
        amount: 12000,
        currency: 'usd',
      }),
      'stripe/invoice.jsonl': jsonl(
        {
          id: 'in_1',
          customer: ref('customer', 'cus_1'),
          created: JAN_1,
          status: 'paid',
          total: 1000,
          currency: 'usd',
        },
        { id: 'in_2', customer: 'cus_2', created: JAN_1, status: 'paid', total: 12000, currency: 'usd' },
      ),
      'stripe/credit_note.jsonl': jsonl(
        {
          id: 'cn_1',
          invoice: ref('invoice', 'in_1'),
          created: JAN_10,
          status: 'issued',
          amount: 100,
          currency: 'usd',
        },
        {
          id: 'cn_2',
          customer: ref('customer', 'cus_2'),
          created: JAN_10,
          status: 'issued',
          amount: 200,
          currency: 'usd',
        },
      ),
      'stripe/invoice_line_item.jsonl': jsonl(
        {
          id: 'il_1',
          invoice: ref('invoice', 'in_1'),
          type: 'subscription',
          subscription: ref('subscription', 'sub_1'),
          subscription_item: ref('subscription_item', 'si_1'),
          price: ref('price', 'price_m'),
          amount: 1000,
          currency: 'usd',
          quantity: 1,
          proration: false,
          period: { start: JAN_1, end: FEB_1 },
        },
        {
          id: 'il_2',
          invoice: 'in_2',
          type: 'subscription',
          subscription: 'sub_2',
          subscription_item: 'si_2',
          plan: ref('plan', 'plan_y'),
          amount: 12000,
          currency: 'usd',
          quantity: 1,
          proration: false,
          period: { start: JAN_1, end: NEXT_JAN_1 },
        },
      ),
    };
    await withStripe(files, async (ingested) => {
      for (const source of ['accounts', 'subscriptions', 'invoices'])
        expect(await ingested.quarantine(source)).toEqual([]);
      expect(
        (await ingested.rows('subscriptions')).map((row) => [
          row.subscription_id,
          row.account_id,
          row.plan,
          row.billing_interval,
          row.amount,
        ]),
      ).toEqual([
        ['si_1', 'cus_1', 'Pro', 'month', 10],
        ['si_2', 'cus_2', 'Pro', 'year', 120],
      ]);
      expect(
        (await ingested.rows('invoices')).map((row) => [row.invoice_id, row.account_id, row.amount]),
      ).toEqual([
        ['cn_1', 'cus_1', -1],
        ['cn_2', 'cus_2', -2],
        ['in_1', 'cus_1', 10],
        ['in_2', 'cus_2', 120],
      ]);
    });
  });
});

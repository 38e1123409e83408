import type { IngestReport } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { csv, LINE_HEADER, withStripe } from './stripe-harness.js';

const notesOf = (report: IngestReport, source: string) =>
  report.sources.find((entry) => entry.name === source)!.notes;

describe('stripe preset: test-mode rows (livemode false) are no revenue', () => {
  it('rows with livemode false are left out of every table and counted; livemode true, empty or absent is read', async () => {
    const files = {
      'stripe/customer.csv': csv(
        'id,name,created,livemode',
        'cus_1,Acme,2024-01-01,true',
        'cus_T,Test Co,2024-01-01,false',
        'cus_2,Beta,2024-01-01,',
      ),
      'stripe/product.csv': csv('id,name,livemode', 'prod_1,Pro,TRUE', 'prod_T,Pro (test),FALSE'),
      'stripe/price.csv': csv(
        'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency,livemode',
        'price_m,Monthly,prod_1,month,1,1000,usd,t',
        'price_T,Monthly,prod_T,month,1,1000,usd,f',
      ),
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency,livemode',
        'in_1,cus_1,2024-01-01,paid,1000,0,usd,true',
        'in_T,cus_T,2024-01-01,paid,1000000,0,usd,false',
        'in_2,cus_2,2024-01-01,paid,1000,0,usd,',
      ),
      'stripe/credit_note.csv': csv(
        'id,invoice_id,created,status,currency,amount,livemode',
        'cn_T,in_T,2024-01-10,issued,usd,500,false',
      ),
      'stripe/subscription.csv': csv(
        'id,status,ended_at,trial_end,livemode',
        'sub_1,active,,,true',
        'sub_T,active,,,false',
      ),
      'stripe/invoice_line_item.csv': csv(
        `${LINE_HEADER},livemode`,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01,true',
        'il_T,in_T,subscription,sub_T,si_T,price_T,1000000,usd,100,false,2024-01-01,2024-02-01,false',
        'il_2,in_2,subscription,sub_2,si_2,price_m,1000,usd,1,false,2024-01-01,2024-02-01,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect((await ingested.rows('accounts')).map((row) => row.account_id)).toEqual(['cus_1', 'cus_2']);
      expect((await ingested.rows('invoices')).map((row) => row.invoice_id)).toEqual(['in_1', 'in_2']);
      expect(
        (await ingested.rows('subscriptions')).map((row) => [row.subscription_id, row.account_id, row.plan]),
      ).toEqual([
        ['si_1', 'cus_1', 'Pro'],
        ['si_2', 'cus_2', 'Pro'],
      ]);
      for (const source of ['accounts', 'subscriptions', 'invoices'])
        expect(await ingested.quarantine(source)).toEqual([]);
      // Counted once, in the source the table feeds (as its malformed records are).
      expect(notesOf(ingested.report, 'accounts')).toEqual([
        'customer: 1 row left out as test mode (livemode false)',
      ]);
      expect(notesOf(ingested.report, 'invoices')).toEqual([
        'credit_note: 1 row left out as test mode (livemode false)',
        'invoice: 1 row left out as test mode (livemode false)',
      ]);
      expect(notesOf(ingested.report, 'subscriptions')).toEqual([
        'invoice_line_item: 1 row left out as test mode (livemode false)',
        'price: 1 row left out as test mode (livemode false)',
        'product: 1 row left out as test mode (livemode false)',
        'subscription: 1 row left out as test mode (livemode false)',
      ]);
    });
  });
});

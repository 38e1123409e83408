// A Stripe table exported without a column the derivation needs. The preset read every vendor column as
// optional: an invoice file without `customer_id` published with every subscription and invoice
// quarantined as "empty but required" (exit 0, MRR null), and a line item file whose `amount` was renamed
// dropped November's MRR by 40 % on a refresh while `pulse check` said OK. Now a file error, as a canonical
// file without a required column is.
import { IngestFileError } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { csv, LINE_HEADER, stripeError, withStripe } from './stripe-harness.js';

describe('stripe preset: a table file without a column the derivation needs', () => {
  it.each([
    [
      'stripe/invoice.csv',
      csv('id,created,status,total,tax,currency', 'in_1,2024-01-01 00:00:00,paid,1000,0,usd'),
      'missing column customer_id (or customer) of the stripe table invoice',
    ],
    [
      'stripe/invoice_line_item.csv',
      csv(LINE_HEADER.replace(',amount,', ',amount_excluding_tax,')),
      'missing column amount of the stripe table invoice_line_item',
    ],
    [
      'stripe/invoice_line_item.csv',
      csv(LINE_HEADER.replace(',period_start,period_end', '')),
      'missing columns period_start (or period), period_end (or period) of the stripe table invoice_line_item',
    ],
    [
      'stripe/price.csv',
      csv('id,nickname,product_id,unit_amount,currency', 'price_m,Monthly,,1000,usd'),
      'missing column recurring_interval (or recurring) of the stripe table price',
    ],
    [
      'stripe/customer.csv',
      csv('id,name,email,metadata', 'cus_1,Acme,,{}'),
      'missing column created of the stripe table customer',
    ],
  ])('%s is a file error naming the column', async (file, text, message) => {
    const error = await stripeError({ [file]: text });
    expect(error).toBeInstanceOf(IngestFileError);
    expect(error.message).toContain(file);
    expect(error.message).toContain(message);
  });

  it('either spelling a sync gives a column will do (customer, as Airbyte names it)', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-01 00:00:00,paid,1000,0,usd',
      ),
    };
    await withStripe(files, async ({ rows }) => {
      expect((await rows('invoices')).map((row) => [row.invoice_id, row.account_id])).toEqual([
        ['in_1', 'cus_1'],
      ]);
    });
  });
});

// Stripe API version 2025-03-31.basil removed the invoice's `tax` (and `total_tax_amounts`) for
// `total_taxes`, a list of {amount, tax_behavior, …}, and the credit note's `tax_amounts` for the same
// `total_taxes`. The preset read a missing `tax` as 0: a basil invoice's amount silently included its tax.
import { describe, expect, it } from 'vitest';
import { csv, withStripe } from './stripe-harness.js';

const jsonl = (...records: object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
/** A JSON cell of a CSV: quoted, inner quotes doubled. */
const cell = (value: unknown) => `"${JSON.stringify(value).replaceAll('"', '""')}"`;
/** One entry of basil's total_taxes, as the API writes it. */
const tax = (amount: number, tax_behavior: 'exclusive' | 'inclusive' = 'exclusive') => ({
  amount,
  tax_behavior,
  tax_rate_details: { tax_rate: 'txr_1' },
  taxability_reason: 'standard_rated',
  taxable_amount: 1000,
  type: 'tax_rate_details',
});

const amounts = async (rows: Record<string, unknown>[]) =>
  rows.map(({ invoice_id, amount, _line }) => ({ invoice_id, amount, _line }));

describe('stripe preset: invoices of Stripe API version 2025-03-31.basil (total_taxes instead of tax)', () => {
  it('total − Σ total_taxes amounts, inclusive and exclusive taxes alike; [] is no tax', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,subtotal,total,total_taxes,currency',
        `in_1,cus_1,2025-05-01 00:00:00,paid,1000,1190,${cell([tax(190)])},usd`,
        `in_2,cus_1,2025-05-02 00:00:00,paid,1200,1200,${cell([tax(150, 'inclusive'), tax(50, 'inclusive')])},usd`,
        `in_3,cus_1,2025-05-03 00:00:00,open,500,500,[],usd`,
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('invoices')).toEqual([]);
      expect(await amounts(await ingested.rows('invoices'))).toEqual([
        { invoice_id: 'in_1', amount: 10, _line: 2 },
        { invoice_id: 'in_2', amount: 10, _line: 3 },
        { invoice_id: 'in_3', amount: 5, _line: 4 },
      ]);
    });
  });

  it('total_excluding_tax is the amount where a row has neither tax nor total_taxes', async () => {
    // A sync that keeps the invoice's scalar fields and writes its lists to tables of their own.
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,subtotal,total,total_excluding_tax,currency',
        'in_1,cus_1,2025-05-01 00:00:00,paid,1000,1190,1000,usd',
        'in_2,cus_1,2025-05-02 00:00:00,paid,700,700,,usd',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await amounts(await ingested.rows('invoices'))).toEqual([
        { invoice_id: 'in_1', amount: 10, _line: 2 },
        { invoice_id: 'in_2', amount: 7, _line: 3 },
      ]);
    });
  });

  it('an Airbyte / Data Pipeline record (total_taxes a JSON list, parent an object) reads the same', async () => {
    const files = {
      'stripe/invoice.csv': null,
      'stripe/invoice.jsonl': jsonl({
        id: 'in_1',
        object: 'invoice',
        customer: 'cus_1',
        created: 1746057600,
        status: 'paid',
        currency: 'usd',
        subtotal: 1000,
        total: 1190,
        total_excluding_tax: 1000,
        total_taxes: [tax(190)],
        parent: {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { metadata: {}, subscription: 'sub_1' },
        },
      }),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('invoices')).toEqual([]);
      expect(
        (await ingested.rows('invoices')).map(
          ({ invoice_id, account_id, issued_at, amount, currency, status }) => ({
            invoice_id,
            account_id,
            issued_at,
            amount,
            currency,
            status,
          }),
        ),
      ).toEqual([
        {
          invoice_id: 'in_1',
          account_id: 'cus_1',
          issued_at: new Date('2025-05-01T00:00:00Z'),
          amount: 10,
          currency: 'USD',
          status: 'paid',
        },
      ]);
    });
  });

  it('a table synced across the upgrade: per row, tax wins, else total_taxes, else total_excluding_tax', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,total_taxes,total_excluding_tax,currency',
        // Before basil: tax, no total_taxes.
        'in_1,cus_1,2025-03-01 00:00:00,paid,1190,190,,1000,usd',
        // After: no tax.
        `in_2,cus_1,2025-04-01 00:00:00,paid,1190,,${cell([tax(190)])},1000,usd`,
        // Both (never seen; they would agree): tax wins.
        `in_3,cus_1,2025-04-02 00:00:00,paid,1190,190,${cell([tax(90)])},1100,usd`,
        // JSON null in total_taxes is an empty cell.
        'in_4,cus_1,2025-04-03 00:00:00,paid,1190,,null,1000,usd',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await amounts(await ingested.rows('invoices'))).toEqual([
        { invoice_id: 'in_1', amount: 10, _line: 2 },
        { invoice_id: 'in_2', amount: 10, _line: 3 },
        { invoice_id: 'in_3', amount: 10, _line: 4 },
        { invoice_id: 'in_4', amount: 10, _line: 5 },
      ]);
    });
  });

  it('a total_taxes that is no list of whole amounts quarantines the invoice, naming the column', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,total_taxes,currency',
        `in_1,cus_1,2025-05-01 00:00:00,paid,1190,${cell([{ amount: 190.5 }])},usd`,
        `in_2,cus_1,2025-05-02 00:00:00,paid,1190,${cell([{ tax_behavior: 'exclusive' }])},usd`,
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.rows('invoices')).toEqual([]);
      const quarantined = await ingested.quarantine('invoices', true);
      expect(quarantined.map(({ line, column, reason_code }) => ({ line, column, reason_code }))).toEqual([
        { line: 2, column: 'amount', reason_code: 'wrong_type' },
        { line: 3, column: 'amount', reason_code: 'wrong_type' },
      ]);
      expect(quarantined.map(({ reason }) => /'(total_taxes \[[^ ]+)/.exec(String(reason))?.[1])).toEqual([
        'total_taxes [{"amount":190.5}]:',
        'total_taxes [{"tax_behavior":"exclusive"}]:',
      ]);
    });
  });

  it('a credit note without subtotal: −(amount − Σ total_taxes), the basil spelling of tax_amounts', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,total_taxes,currency',
        `in_1,cus_1,2025-05-01 00:00:00,paid,1190,${cell([tax(190)])},usd`,
      ),
      'stripe/credit_note.csv': csv(
        'id,invoice_id,created,status,currency,amount,total_taxes',
        `cn_1,in_1,2025-05-10 00:00:00,issued,usd,595,${cell([tax(95)])}`,
        'cn_2,in_1,2025-05-11 00:00:00,issued,usd,300,[]',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('invoices')).map(({ invoice_id, account_id, amount, status }) => ({
          invoice_id,
          account_id,
          amount,
          status,
        })),
      ).toEqual([
        { invoice_id: 'cn_1', account_id: 'cus_1', amount: -5, status: 'paid' },
        { invoice_id: 'cn_2', account_id: 'cus_1', amount: -3, status: 'paid' },
        { invoice_id: 'in_1', account_id: 'cus_1', amount: 10, status: 'paid' },
      ]);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { csv, withStripe } from './stripe-harness.js';

const invoice = (row: Record<string, unknown>) => {
  const { invoice_id, account_id, issued_at, amount, currency, status, _file, _line } = row;
  return { invoice_id, account_id, issued_at, amount, currency, status, _file, _line };
};

describe('stripe preset: invoices from invoice and credit_note', () => {
  it('total − tax (missing tax 0) in major units; paid, open, uncollectible → open, void; drafts left out and counted', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-05 10:00:00,paid,1190,190,eur',
        'in_2,cus_1,1706745600,open,1000,,usd',
        'in_3,cus_1,2024-02-02 00:00:00,uncollectible,500,0,usd',
        'in_4,cus_1,2024-02-03 00:00:00,void,700,0,usd',
        'in_5,cus_1,2024-02-04 00:00:00,draft,900,0,usd',
      ),
      'fx_rates.csv': csv('date,currency,rate', '2024-01-01,EUR,1.1'),
    };
    await withStripe(files, async (ingested) => {
      expect((await ingested.rows('invoices')).map(invoice)).toEqual([
        {
          invoice_id: 'in_1',
          account_id: 'cus_1',
          issued_at: new Date('2024-01-05T10:00:00Z'),
          amount: 10,
          currency: 'EUR',
          status: 'paid',
          _file: 'stripe/invoice.csv',
          _line: 2,
        },
        {
          invoice_id: 'in_2',
          account_id: 'cus_1',
          issued_at: new Date('2024-02-01T00:00:00Z'),
          amount: 10,
          currency: 'USD',
          status: 'open',
          _file: 'stripe/invoice.csv',
          _line: 3,
        },
        {
          invoice_id: 'in_3',
          account_id: 'cus_1',
          issued_at: new Date('2024-02-02T00:00:00Z'),
          amount: 5,
          currency: 'USD',
          status: 'open',
          _file: 'stripe/invoice.csv',
          _line: 4,
        },
        {
          invoice_id: 'in_4',
          account_id: 'cus_1',
          issued_at: new Date('2024-02-03T00:00:00Z'),
          amount: 7,
          currency: 'USD',
          status: 'void',
          _file: 'stripe/invoice.csv',
          _line: 5,
        },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'invoices')!.notes).toEqual([
        'invoice: 1 row left out as drafts',
      ]);
    });
  });

  it("a credit note is a paid invoice row of the credited invoice's customer: −subtotal, else −(amount − tax_amounts), else −amount", async () => {
    const files = {
      'stripe/customer.csv': csv('id,name,created', 'cus_1,Acme,2024-01-01', 'cus_2,Beta,2024-01-01'),
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-05,paid,1200,200,usd',
        'in_2,cus_2,2024-01-05,paid,1200,200,usd',
      ),
      'stripe/credit_note.csv': csv(
        'id,invoice_id,created,status,currency,amount,subtotal,tax_amounts',
        'cn_1,in_1,2024-01-10 00:00:00,issued,usd,600,500,"[{""amount"":100}]"',
        'cn_2,in_2,2024-01-11 00:00:00,issued,usd,600,,"[{""amount"":60},{""amount"":40}]"',
        'cn_3,in_1,2024-01-12 00:00:00,issued,usd,300,,',
        'cn_4,in_1,2024-01-13 00:00:00,void,usd,300,,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('invoices'))
          .filter((row) => String(row.invoice_id).startsWith('cn_'))
          .map(invoice),
      ).toEqual([
        {
          invoice_id: 'cn_1',
          account_id: 'cus_1',
          issued_at: new Date('2024-01-10T00:00:00Z'),
          amount: -5,
          currency: 'USD',
          status: 'paid',
          _file: 'stripe/credit_note.csv',
          _line: 2,
        },
        {
          invoice_id: 'cn_2',
          account_id: 'cus_2',
          issued_at: new Date('2024-01-11T00:00:00Z'),
          amount: -5,
          currency: 'USD',
          status: 'paid',
          _file: 'stripe/credit_note.csv',
          _line: 3,
        },
        {
          invoice_id: 'cn_3',
          account_id: 'cus_1',
          issued_at: new Date('2024-01-12T00:00:00Z'),
          amount: -3,
          currency: 'USD',
          status: 'paid',
          _file: 'stripe/credit_note.csv',
          _line: 4,
        },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'invoices')!.notes).toEqual([
        'credit_note: 1 row left out as void',
      ]);
    });
  });

  it('a credit note whose tax_amounts is no list of whole amounts is quarantined naming that column; JSON null is none', async () => {
    const files = {
      'stripe/customer.csv': csv('id,name,created', 'cus_1,Acme,2024-01-01'),
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-05,paid,1200,200,usd',
      ),
      'stripe/credit_note.csv': csv(
        'id,invoice_id,created,status,currency,amount,subtotal,tax_amounts',
        // A fraction was read as 101 (-11.94), with nothing quarantined; cut JSON said the amount was empty.
        'cn_1,in_1,2024-01-10 00:00:00,issued,usd,1295,,"[{""amount"":100.7}]"',
        'cn_2,in_1,2024-01-11 00:00:00,issued,usd,1295,,"[{""amount"":100"',
        'cn_3,in_1,2024-01-12 00:00:00,issued,usd,300,,null',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('invoices'))
          .filter((row) => String(row.invoice_id).startsWith('cn_'))
          .map(({ invoice_id, amount }) => ({ invoice_id, amount })),
      ).toEqual([{ invoice_id: 'cn_3', amount: -3 }]);
      const quarantined = await ingested.quarantine('invoices', true);
      expect(quarantined.map(({ line, column, reason_code }) => ({ line, column, reason_code }))).toEqual([
        { line: 2, column: 'amount', reason_code: 'wrong_type' },
        { line: 3, column: 'amount', reason_code: 'wrong_type' },
      ]);
      expect(quarantined.map(({ reason }) => /'(tax_amounts [^ ]+)/.exec(String(reason))?.[1])).toEqual([
        'tax_amounts [{"amount":100.7}]:',
        'tax_amounts [{"amount":100:',
      ]);
    });
  });
});

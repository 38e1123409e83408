import { ConfigError } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { pulseConfigSchema } from '../../../src/config.js';
import { csv, LINE_HEADER, stripeError, withStripe } from './stripe-harness.js';

describe('stripe preset: derived rows judged by the contract, at the Stripe file and line', () => {
  it('a negative amount after discounts is out_of_range and an unknown customer orphan_account, with the vendor row as raw', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-01,paid,1000,0,usd',
        'in_2,cus_gone,2024-01-02,paid,1000,0,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        `${LINE_HEADER},discount_amount`,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01,1500',
        'il_2,in_2,subscription,sub_2,si_2,price_m,1000,usd,1,false,2024-01-01,2024-02-01,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.rows('subscriptions')).toEqual([]);
      expect(await ingested.quarantine('subscriptions', true)).toEqual([
        {
          file: 'stripe/invoice_line_item.csv',
          line: 2,
          column: 'amount',
          reason_code: 'out_of_range',
          reason: expect.stringContaining('amount (invoice_line_item.amount less discounts'),
          raw: '{"id":"il_1","invoice_id":"in_1","type":"subscription","subscription_id":"sub_1","subscription_item_id":"si_1","price_id":"price_m","amount":"1000","currency":"usd","quantity":"1","proration":"false","period_start":"2024-01-01","period_end":"2024-02-01","discount_amount":"1500"}',
        },
        {
          file: 'stripe/invoice_line_item.csv',
          line: 3,
          column: 'account_id',
          reason_code: 'orphan_account',
          reason:
            "account_id (the line's invoice.customer_id) 'cus_gone' does not match any account_id in accounts",
          raw: '{"id":"il_2","invoice_id":"in_2","type":"subscription","subscription_id":"sub_2","subscription_item_id":"si_2","price_id":"price_m","amount":"1000","currency":"usd","quantity":"1","proration":"false","period_start":"2024-01-01","period_end":"2024-02-01","discount_amount":null}',
        },
      ]);
      expect(await ingested.quarantine('invoices')).toEqual([
        { file: 'stripe/invoice.csv', line: 3, column: 'account_id', reason_code: 'orphan_account' },
      ]);
    });
  });

  it("a malformed vendor record is a malformed_row of the source its table feeds, at its line; the table's other rows still count", async () => {
    const files = {
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,"sub_1,si_2,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
      ),
      'stripe/customer.csv': csv('id,name,created', 'cus_1,Acme,2024-01-01', 'cus_2,Beta,2024-01-01,extra'),
    };
    await withStripe(files, async (ingested) => {
      expect((await ingested.rows('subscriptions')).map((row) => [row.subscription_id, row._line])).toEqual([
        ['si_1', 2],
      ]);
      expect(await ingested.quarantine('subscriptions')).toEqual([
        { file: 'stripe/invoice_line_item.csv', line: 3, column: null, reason_code: 'malformed_row' },
      ]);
      expect(await ingested.quarantine('accounts')).toEqual([
        { file: 'stripe/customer.csv', line: 3, column: null, reason_code: 'malformed_row' },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'subscriptions')).toMatchObject({
        rowsRead: 2,
        rowsLoaded: 1,
        rowsQuarantined: 1,
      });
      // The vendor table keeps the record as read, for counts per vendor file.
      expect(
        await ingested.warehouse.query(
          'select _file, _line, _malformed is not null as malformed from stripe.invoice_line_item order by _line',
        ),
      ).toEqual([
        { _file: 'stripe/invoice_line_item.csv', _line: 2, malformed: false },
        { _file: 'stripe/invoice_line_item.csv', _line: 3, malformed: true },
      ]);
    });
  });

  it('a provided source also present in canonical form is a configuration error naming both', async () => {
    const error = await stripeError({ 'subscriptions.csv': csv('subscription_id,account_id') });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'subscriptions.csv is in the data folder, but presets.stripe in pulse.config.json provides subscriptions: ' +
        'remove subscriptions.csv, or leave "subscriptions" out of presets.stripe.provides.',
    );
  });

  it('a source left out of provides is read from its canonical files beside the preset', async () => {
    const files = {
      'invoices.csv': csv(
        'invoice_id,account_id,issued_at,amount,currency,status',
        'x1,cus_1,2024-01-01,5,USD,paid',
      ),
    };
    await withStripe(
      files,
      async (ingested) => {
        expect((await ingested.rows('invoices')).map((row) => [row.invoice_id, row._file])).toEqual([
          ['x1', 'invoices.csv'],
        ]);
      },
      { stripe: { provides: ['accounts', 'subscriptions'] } },
    );
  });

  // A typo in the preset's path read the optional sources it feeds as empty without a word.
  it('a path that matches no file is said, naming the path', async () => {
    const files = {
      'accounts.csv': csv('account_id,name,created_at', 'A1,Acme,2024-01-05T10:00:00Z'),
      'subscriptions.csv': csv(
        'subscription_id,account_id,plan,billing_interval,amount,currency,start_date',
        'S1,A1,pro,month,49.90,USD,2024-01-05',
      ),
    };
    await withStripe(
      files,
      async (ingested) => {
        expect(ingested.warnings).toContain(
          "stripe: strpe (the stripe preset's path) matches no file; the sources it feeds are read as absent",
        );
        expect(await ingested.rows('invoices')).toEqual([]);
      },
      { stripe: { path: 'strpe/', provides: ['invoices'] } },
    );
  });

  it('a source fed by the preset and by a sources mapping is a configuration error naming both keys', () => {
    const parsed = pulseConfigSchema.safeParse({
      presets: { stripe: {} },
      sources: { accounts: { path: 'crm/companies.csv' } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [
        'sources.accounts',
        'accounts is provided by presets.stripe: remove sources.accounts or leave accounts out of presets.stripe.provides',
      ],
    ]);
  });
});

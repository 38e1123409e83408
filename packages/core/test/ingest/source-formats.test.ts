import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

describe('sources.<source>.formats: epochs, strptime patterns and minor units', () => {
  it('reads epoch milliseconds and a strptime pattern; a value that does not parse names the column and the format', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv':
        'Record ID,name,Create Date\n' +
        'A1,Acme,1704448800000\n' +
        'A2,Globex,17x0000\n' +
        'A3,Initech,1706830200000\n',
      'invoices.csv':
        'invoice_id,account_id,issued_at,amount,currency,status\n' +
        'I1,A1,05/01/2024 10:00,49.90,USD,paid\n' +
        'I2,A1,2024-01-05T10:00:00Z,49.90,USD,paid\n',
    });
    const config = {
      sources: {
        accounts: {
          columns: { account_id: 'Record ID', created_at: 'Create Date' },
          formats: { created_at: 'epoch_ms' },
        },
        invoices: { formats: { issued_at: '%d/%m/%Y %H:%M' } },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const accounts = await raw<{ account_id: string; created_at: Date }>('accounts');
        expect(accounts.map((row) => [row.account_id, row.created_at.toISOString()])).toEqual([
          ['A1', '2024-01-05T10:00:00.000Z'],
          ['A3', '2024-02-01T23:30:00.000Z'],
        ]);
        const [account] = await quarantine('accounts');
        expect(account).toMatchObject({ line: 3, column: 'created_at', reason_code: 'wrong_type' });
        expect(account!.reason).toBe(
          "`Create Date` (accounts.created_at) '17x0000' is not an epoch-milliseconds value (milliseconds since 1970-01-01 UTC)",
        );
        const invoices = await raw<{ invoice_id: string; issued_at: Date }>('invoices');
        expect(invoices.map((row) => [row.invoice_id, row.issued_at.toISOString()])).toEqual([
          ['I1', '2024-01-05T10:00:00.000Z'],
        ]);
        const [invoice] = await quarantine('invoices');
        expect(invoice).toMatchObject({ line: 3, column: 'issued_at', reason_code: 'wrong_type' });
        expect(invoice!.reason).toBe(
          "issued_at '2024-01-05T10:00:00Z' does not match the format %d/%m/%Y %H:%M",
        );
      },
      { config },
    );
  });

  // spend.month is `YYYY-MM` or a date (its month used): a date pattern was refused for it as a config
  // error ("formats apply to timestamp, date and money columns; month is month").
  it('reads spend.month in a date pattern as the month of that day', async () => {
    const dir = await baseDataDirWith({
      'spend.csv':
        'month,channel,category,amount,currency\n' +
        '15/01/2024,ads,marketing,100,USD\n' +
        '29/02/2024,ads,sales,50,USD\n' +
        '2024-03,ads,marketing,10,USD\n',
    });
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const spend = await raw<{ month: string; amount: number }>('spend');
        expect(spend.map((row) => [row.month, row.amount])).toEqual([
          ['2024-01-01', 100],
          ['2024-02-01', 50],
        ]);
        const [row] = await quarantine('spend');
        expect(row).toMatchObject({ line: 4, column: 'month', reason_code: 'wrong_type' });
        expect(row!.reason).toBe("month '2024-03' does not match the format %d/%m/%Y");
      },
      { config: { sources: { spend: { formats: { month: '%d/%m/%Y' } } } } },
    );
  });

  it('minor units divide by the ISO 4217 exponent of the row currency; epoch seconds give the UTC date', async () => {
    const dir = await baseDataDirWith({
      // Rates for the foreign currencies, else their rows are no_fx_rate.
      'fx_rates.csv': 'date,currency,rate\n2024-01-01,JPY,0.0067\n2024-01-01,BHD,2.65\n',
      'subscriptions.csv':
        'sub,account_id,plan,billing_interval,price_cents,cur,from,to,is_trial\n' +
        'S1,A1,pro,month,4990,usd,1704412800,1706745600,false\n' +
        'S2,A2,team,month,5000,JPY,1704412800,,false\n' +
        'S3,A2,team,month,12345,BHD,1706745600,,false\n' +
        'S4,A1,pro,month,49.90,USD,1706745600,,false\n' +
        'S5,A2,pro,month,100,USD,yesterday,,false\n',
    });
    const config = {
      sources: {
        subscriptions: {
          columns: {
            subscription_id: 'sub',
            amount: 'price_cents',
            currency: 'cur',
            start_date: 'from',
            end_date: 'to',
          },
          formats: { amount: 'minor_units', start_date: 'epoch_s', end_date: 'epoch_s' },
        },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const rows = await raw<{
          subscription_id: string;
          amount: number;
          currency: string;
          start_date: Date;
          end_date: Date | null;
        }>('subscriptions');
        expect(
          rows.map((row) => [
            row.subscription_id,
            row.amount,
            row.currency,
            String(row.start_date),
            String(row.end_date),
          ]),
        ).toEqual([
          ['S1', 49.9, 'USD', '2024-01-05', '2024-02-01'],
          ['S2', 5000, 'JPY', '2024-01-05', 'null'],
          ['S3', 12.345, 'BHD', '2024-02-01', 'null'],
        ]);
        const rejected = await quarantine('subscriptions');
        expect(
          rejected.map(({ line, column, reason_code, reason }) => ({ line, column, reason_code, reason })),
        ).toEqual([
          {
            line: 5,
            column: 'amount',
            reason_code: 'wrong_type',
            reason:
              "`price_cents` (subscriptions.amount) '49.90' is not a whole amount in minor units (e.g. cents: 4990 for 49.90)",
          },
          {
            line: 6,
            column: 'start_date',
            reason_code: 'wrong_type',
            reason:
              "`from` (subscriptions.start_date) 'yesterday' is not an epoch-seconds value (seconds since 1970-01-01 UTC)",
          },
        ]);
      },
      { config },
    );
  });

  it('a list of formats is tried in order: a value is read by the first that parses it, else its reason names them all', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv':
        'account_id,name,created_at\n' +
        'A1,Acme,1704448800000\n' +
        'A2,Globex,01/02/2024 23:30\n' +
        'A3,Initech,2024-02-01T23:30:00.25+01:00\n' +
        'A4,Umbrella,2024-02-31T00:00:00Z\n',
      'subscriptions.csv':
        'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\n' +
        'S1,A1,pro,month,49.90,USD,05.01.2024\n' +
        'S2,A2,pro,month,49.90,USD,2024-02-01\n' +
        'S3,A3,pro,month,49.90,USD,1 Feb 2024\n',
    });
    const config = {
      sources: {
        accounts: { formats: { created_at: ['epoch_ms', '%d/%m/%Y %H:%M', 'iso'] } },
        subscriptions: { formats: { start_date: ['%d.%m.%Y', 'iso'] } },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const accounts = await raw<{ account_id: string; created_at: Date }>('accounts');
        expect(accounts.map((row) => [row.account_id, row.created_at.toISOString()])).toEqual([
          ['A1', '2024-01-05T10:00:00.000Z'],
          ['A2', '2024-02-01T23:30:00.000Z'],
          ['A3', '2024-02-01T22:30:00.250Z'],
        ]);
        expect(await quarantine('accounts')).toMatchObject([
          {
            line: 5,
            column: 'created_at',
            reason_code: 'wrong_type',
            reason:
              "created_at '2024-02-31T00:00:00Z' does not match any of the formats epoch_ms, %d/%m/%Y %H:%M, iso",
          },
        ]);
        const subscriptions = await raw<{ subscription_id: string; start_date: string }>('subscriptions');
        expect(subscriptions.map((row) => [row.subscription_id, String(row.start_date)])).toEqual([
          ['S1', '2024-01-05'],
          ['S2', '2024-02-01'],
        ]);
        expect(await quarantine('subscriptions')).toMatchObject([
          {
            line: 4,
            column: 'start_date',
            reason: "start_date '1 Feb 2024' does not match any of the formats %d.%m.%Y, iso",
          },
        ]);
      },
      { config },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { IngestFileError, Warehouse } from '../../src/index.js';
import { baseDataDirWith, ingestError, withIngested } from './support/ingest-harness.js';

/** A CRM's companies export: its own header names, canonical values. */
const CRM_COMPANIES =
  'Record ID,Company name, CREATE DATE ,segment,region,acquisition_channel,Owner\n' +
  'A1,Acme,2024-01-05T10:00:00Z,smb,emea,ads,jo\n' +
  'A2,Globex,17x0000,enterprise,amer,sales,sam\n' +
  ',Nameless,2024-01-05T10:00:00Z,smb,emea,ads,jo\n' +
  'A2,Globex,2024-02-01T00:00:00Z,enterprise,amer,sales,sam\n';

const CRM_CONFIG = {
  sources: {
    accounts: { columns: { account_id: 'Record ID', name: 'company name', created_at: 'Create Date' } },
  },
};

describe('sources.<source>.columns: a vendor export read through the mapping', () => {
  it('reads vendor headers as canonical columns; quarantine keeps the vendor file and line and names both columns', async () => {
    const dir = await baseDataDirWith({ 'accounts.csv': CRM_COMPANIES });
    await withIngested(
      dir,
      async ({ raw, quarantine, warnings }) => {
        const rows = await raw<{ account_id: string; name: string; _line: number }>('accounts');
        expect(rows.map((row) => [row.account_id, row.name, row._line])).toEqual([
          ['A1', 'Acme', 2],
          ['A2', 'Globex', 5],
        ]);
        const rejected = await quarantine('accounts');
        expect(
          rejected.map(({ file, line, column, reason_code, reason }) => ({
            file,
            line,
            column,
            reason_code,
            reason,
          })),
        ).toEqual([
          {
            file: 'accounts.csv',
            line: 3,
            column: 'created_at',
            reason_code: 'wrong_type',
            reason:
              "`Create Date` (accounts.created_at) '17x0000' is not an ISO 8601 timestamp: write it as " +
              'YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset such as +02:00',
          },
          {
            file: 'accounts.csv',
            line: 4,
            column: 'account_id',
            reason_code: 'missing_required',
            reason: '`Record ID` (accounts.account_id) is empty but required',
          },
        ]);
        // The original row keeps the vendor's names.
        expect(JSON.parse(rejected[0]!.raw)).toMatchObject({ 'Record ID': 'A2', ' CREATE DATE ': '17x0000' });
        // An unmapped vendor column is unknown, as in any export.
        expect(warnings.join('\n')).toContain('Owner');
      },
      { config: CRM_CONFIG },
    );
  });

  it('a mapped vendor column missing from the header is a file error naming it and its mapping key', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': CRM_COMPANIES.replace(' CREATE DATE ', 'Created'),
    });
    const error = await ingestError(dir, { config: CRM_CONFIG });
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toContain('accounts.csv');
    expect((error as Error).message).toContain(
      'pulse.config.json maps "Create Date" (sources.accounts.columns.created_at), but the file has no such column',
    );
  });

  it('the canonical name of a mapped column is no longer read: it is an unknown column', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': 'account_id,Record ID,name,created_at\nX9,A1,Acme,2024-01-05T10:00:00Z\n',
    });
    await withIngested(
      dir,
      async ({ raw, warnings }) => {
        const rows = await raw<{ account_id: string }>('accounts');
        expect(rows.map((row) => row.account_id)).toEqual(['A1']);
        expect(warnings.join('\n')).toContain('account_id');
      },
      { config: { sources: { accounts: { columns: { account_id: 'Record ID' } } } } },
    );
  });

  it('values: a vendor spelling becomes the canonical value before judging; others are judged as they are', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv':
        'account_id,name,created_at,Customer Tier\n' +
        'A1,Acme,2024-01-05T10:00:00Z, Tier 1 \n' +
        'A2,Globex,2024-02-01T00:00:00Z,Tier 9\n',
      'subscriptions.csv':
        'subscription_id,account_id,plan,interval,amount,currency,start_date,end_date,is_trial\n' +
        'S1,A1,pro,monthly,49.90,USD,2024-01-05,,false\n' +
        'S2,A2,team,annual ,1200,USD,2024-02-01,,false\n' +
        'S3,A2,team,weekly,10,USD,2024-02-01,,false\n',
    });
    const config = {
      sources: {
        accounts: { columns: { segment: 'Customer Tier' }, values: { segment: { 'Tier 1': 'enterprise' } } },
        subscriptions: {
          columns: { billing_interval: 'interval' },
          values: { billing_interval: { monthly: 'month', annual: 'year' } },
        },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const accounts = await raw<{ account_id: string; segment: string }>('accounts');
        // Unlisted values pass through (segment is free text).
        expect(accounts.map((row) => [row.account_id, row.segment])).toEqual([
          ['A1', 'enterprise'],
          ['A2', 'Tier 9'],
        ]);
        const subscriptions = await raw<{ subscription_id: string; billing_interval: string }>(
          'subscriptions',
        );
        expect(subscriptions.map((row) => [row.subscription_id, row.billing_interval])).toEqual([
          ['S1', 'month'],
          ['S2', 'year'],
        ]);
        const [row] = await quarantine('subscriptions');
        expect(row).toMatchObject({ line: 4, column: 'billing_interval', reason_code: 'unknown_value' });
        expect(row!.reason).toContain("`interval` (subscriptions.billing_interval) 'weekly' is not one of: ");
        expect(JSON.parse(row!.raw)).toMatchObject({ interval: 'weekly' });
      },
      { config },
    );
  });

  it('values: a vendor value mapped to "" is a missing value, judged as one (empty is null)', async () => {
    const dir = await baseDataDirWith({
      'subscriptions.csv':
        'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
        'S1,A1,pro,month,10,USD,2024-01-01,open,false\n' +
        'n/a,A1,pro,month,10,USD,2024-01-01,2024-02-01,false\n' +
        'S3,A1,none,month,10,USD,2024-01-01,2024-02-01,false\n' +
        'S4,A1,pro,month,10,USD,2024-01-01,2024-02-01,unknown\n',
    });
    const config = {
      sources: {
        subscriptions: {
          values: {
            end_date: { open: '' },
            subscription_id: { 'n/a': '' },
            plan: { none: '' },
            is_trial: { unknown: ' ' },
          },
        },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        // Before: end_date '' was wrong_type, the empty id and plan loaded as '', is_trial ' ' wrong_type.
        const loaded = await raw<{ subscription_id: string; end_date: string | null; is_trial: boolean }>(
          'subscriptions',
        );
        expect(loaded.map((row) => [row.subscription_id, row.end_date, row.is_trial])).toEqual([
          ['S1', null, false],
          ['S4', '2024-02-01', false],
        ]);
        expect(
          (await quarantine('subscriptions')).map((row) => [row.line, row.column, row.reason_code]),
        ).toEqual([
          [3, 'subscription_id', 'missing_required'],
          [4, 'plan', 'missing_required'],
        ]);
      },
      { config },
    );
  });

  it('maps the columns of a Parquet export, line = row index', async () => {
    const dir = await baseDataDirWith({});
    const writer = await Warehouse.open(':memory:');
    try {
      await writer.exec(
        `copy (select * from (values
           ('inv_1', 'A1', timestamp '2024-02-05 10:00:00', 49.9::double, 'USD', 'paid'),
           ('inv_2', 'A1', NULL, 10::double, 'USD', 'paid'))
           t(number, customer, created, total, currency, status))
         to '${dir}/invoices.parquet' (format parquet)`,
      );
    } finally {
      await writer.close();
    }
    const config = {
      sources: {
        invoices: {
          columns: { invoice_id: 'Number', account_id: 'customer', issued_at: 'created', amount: 'total' },
        },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const rows = await raw<{ invoice_id: string; amount: number; _line: number }>('invoices');
        expect(rows.map((row) => [row.invoice_id, row.amount, row._line])).toEqual([['inv_1', 49.9, 1]]);
        const [row] = await quarantine('invoices');
        expect(row).toMatchObject({
          file: 'invoices.parquet',
          line: 2,
          column: 'issued_at',
          reason_code: 'missing_required',
          reason: '`created` (invoices.issued_at) is empty but required',
        });
      },
      { config },
    );
  });

  it('maps the columns of events, read by the one-read path, with exact lines', async () => {
    const dir = await baseDataDirWith({
      'events.csv':
        'uuid,account_id,user_id,event,ts\n' +
        'E1,A1,u1,login,2024-03-01T10:00:00Z\n' +
        'E2,A1,u1,login,yesterday\n' +
        'E3,A2,u2,login,2024-03-02T10:00:00Z\n',
    });
    const config = {
      sources: { events: { columns: { event_id: 'uuid', event_name: 'event', occurred_at: 'TS' } } },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const rows = await raw<{ event_id: string; _line: number }>('events');
        expect(rows.map((row) => [row.event_id, row._line])).toEqual([
          ['E1', 2],
          ['E3', 4],
        ]);
        const [row] = await quarantine('events');
        expect(row).toMatchObject({
          file: 'events.csv',
          line: 3,
          column: 'occurred_at',
          reason_code: 'wrong_type',
        });
        expect(row!.reason).toContain("`TS` (events.occurred_at) 'yesterday' is not an ISO 8601 timestamp");
      },
      { config },
    );
  });
});

import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IngestFileError, MissingSourceError } from '../../src/index.js';
import { baseDataDirWith, ingest, ingestError, withIngested } from './support/ingest-harness.js';

const CRM_COMPANIES =
  'Record ID,Company name,Create Date\nA1,Acme,2024-01-05T10:00:00Z\nA2,Globex,2024-02-01T00:00:00Z\nA3,Initech,soon\n';
const CRM_COLUMNS = { account_id: 'Record ID', name: 'Company name', created_at: 'Create Date' };
const SUBSCRIPTIONS_HEADER =
  'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n';

describe('sources.<source>.path: a source found where the vendor put it', () => {
  it('reads a file in a vendor folder; quarantine and _file keep its path; the folder is no stranger', async () => {
    const dir = await baseDataDirWith({ 'accounts.csv': null, 'crm/companies.csv': CRM_COMPANIES });
    await withIngested(
      dir,
      async ({ raw, quarantine, warnings, report }) => {
        const rows = await raw<{ account_id: string; _file: string; _line: number }>('accounts');
        expect(rows.map((row) => [row.account_id, row._file, row._line])).toEqual([
          ['A1', 'crm/companies.csv', 2],
          ['A2', 'crm/companies.csv', 3],
        ]);
        const [row] = await quarantine('accounts');
        expect(row).toMatchObject({ file: 'crm/companies.csv', line: 4, column: 'created_at' });
        expect(report.sources.find((source) => source.name === 'accounts')!.files).toEqual([
          'crm/companies.csv',
        ]);
        expect(warnings.join('\n')).not.toContain('crm');
      },
      { config: { sources: { accounts: { path: 'crm/companies.csv', columns: CRM_COLUMNS } } } },
    );
  });

  it('reads a folder recursively, in file order, with or without a trailing slash', async () => {
    for (const path of ['billing/periods/', './billing/periods']) {
      const dir = await baseDataDirWith({
        'subscriptions.csv': null,
        'billing/periods/2024/02.csv': `${SUBSCRIPTIONS_HEADER}S2,A2,team,year,1200,USD,2024-02-01,,false\n`,
        'billing/periods/2024/01.csv': `${SUBSCRIPTIONS_HEADER}S1,A1,pro,month,49.90,USD,2024-01-05,,false\n`,
        'billing/invoices.csv': 'not read: outside the folder',
      });
      await withIngested(
        dir,
        async ({ raw }) => {
          const rows = await raw<{ subscription_id: string; _file: string }>('subscriptions');
          expect(rows.map((row) => [row.subscription_id, row._file])).toEqual([
            ['S1', 'billing/periods/2024/01.csv'],
            ['S2', 'billing/periods/2024/02.csv'],
          ]);
        },
        { config: { sources: { subscriptions: { path } } } },
      );
    }
  });

  it('reads the files a glob matches, and only those', async () => {
    const dir = await baseDataDirWith({
      'exports/2024-03-web-events.csv':
        'event_id,account_id,user_id,event_name,occurred_at\nE1,A1,u1,login,2024-03-01T10:00:00Z\n',
      'exports/old/2024-02-web-events.csv':
        'event_id,account_id,user_id,event_name,occurred_at\nE0,A1,u1,login,2024-02-01T10:00:00Z\n',
      'exports/2024-03-tickets.csv': 'ticket_id\n',
    });
    for (const [path, expected] of [
      ['exports/*-events.csv', ['E1']],
      ['exports/**/*-events.csv', ['E1', 'E0']],
    ] as const) {
      const ingested = await ingest(dir, { config: { sources: { events: { path } } } });
      try {
        const rows = await ingested.raw<{ event_id: string }>('events');
        expect(rows.map((row) => row.event_id)).toEqual(expected);
      } finally {
        await ingested.warehouse.close();
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('a required source whose path finds nothing is missing, naming the path and its key', async () => {
    const dir = await baseDataDirWith({});
    const error = await ingestError(dir, {
      config: { sources: { accounts: { path: 'crm/companies.csv' } } },
    });
    expect(error).toBeInstanceOf(MissingSourceError);
    expect((error as Error).message).toContain(
      'crm/companies.csv (sources.accounts.path in pulse.config.json)',
    );
  });

  it('warns that the canonical file is no longer read', async () => {
    const dir = await baseDataDirWith({ 'crm/companies.csv': CRM_COMPANIES });
    await withIngested(
      dir,
      async ({ warnings }) => {
        expect(warnings).toContain(
          'accounts: ignored accounts.csv: sources.accounts.path in pulse.config.json reads crm/companies.csv instead',
        );
      },
      { config: { sources: { accounts: { path: 'crm/companies.csv', columns: CRM_COLUMNS } } } },
    );
  });

  it('a path that reaches a file of another source is a file error naming the key to narrow', async () => {
    const dir = await baseDataDirWith({
      'events.csv':
        'event_id,account_id,user_id,event_name,occurred_at\nE1,A1,u1,login,2024-03-01T10:00:00Z\n',
    });
    const error = await ingestError(dir, { config: { sources: { events: { path: '*.csv' } } } });
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toContain(
      'accounts.csv: the file belongs to both "accounts" and "events"; narrow sources.events.path in pulse.config.json',
    );
  });
  it('a path naming a file that is not an export is a file error saying to rename it', async () => {
    const dir = await baseDataDirWith({
      'zendesk/tickets.json': '{"ticket_id":"T1","account_id":"A1","created_at":"2024-03-01T10:00:00Z"}\n',
    });
    const error = await ingestError(dir, {
      config: { sources: { tickets: { path: 'zendesk/tickets.json' } } },
    });
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toMatch(
      /^zendesk\/tickets\.json: the configured path names this file, but it is not an export .*Rename it/,
    );
  });

  it("warns when an optional source's path matches no file, naming the key", async () => {
    const dir = await baseDataDirWith({});
    await withIngested(
      dir,
      async ({ warnings }) => {
        expect(warnings).toContain(
          'tickets: zendesk/tikets.csv (sources.tickets.path in pulse.config.json) matches no file; ' +
            'tickets is read as absent (its metrics are empty)',
        );
      },
      { config: { sources: { tickets: { path: 'zendesk/tikets.csv' } } } },
    );
  });
});

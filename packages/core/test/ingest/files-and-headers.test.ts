import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

const ACCOUNTS_HEADER = 'account_id,name,created_at,segment,region,acquisition_channel\n';

describe('files of a source', () => {
  it('reads a folder in file-name order, skipping a 0-byte file with a warning', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': null,
      'accounts/2024-01-02.csv': `${ACCOUNTS_HEADER}A1,Second file,2024-01-02T00:00:00Z,smb,emea,ads\nA2,Globex,2024-01-02T00:00:00Z,smb,emea,ads\n`,
      'accounts/2024-01-03.csv': '',
      'accounts/.DS_Store': 'ignored silently',
      'accounts/README.txt': 'not an export',
      'accounts/2024-01-01.csv': `${ACCOUNTS_HEADER}A3,x,2024-01-01T00:00:00Z,smb,emea,ads\n\nA1,First file,2024-01-01T00:00:00Z,smb,emea,ads\n`,
    });
    await withIngested(dir, async ({ report, raw, quarantine, warnings }) => {
      const accounts = report.sources.find((source) => source.name === 'accounts')!;
      expect(accounts.files).toEqual(['accounts/2024-01-01.csv', 'accounts/2024-01-02.csv']);
      expect(accounts.warnings).toEqual([
        'skipped accounts/2024-01-03.csv: the file is empty (0 bytes)',
        'ignored accounts/README.txt: not one of .csv.gz, .csv, .parquet, .jsonl, .ndjson, .jsonl.gz, .ndjson.gz',
      ]);
      expect(warnings).toContain('accounts: skipped accounts/2024-01-03.csv: the file is empty (0 bytes)');
      const rows = await raw<{ account_id: string; name: string; _file: string; _line: number }>('accounts');
      expect(rows.map((row) => [row.account_id, row._file, row._line])).toEqual([
        ['A3', 'accounts/2024-01-01.csv', 2],
        ['A1', 'accounts/2024-01-01.csv', 4],
        ['A2', 'accounts/2024-01-02.csv', 3],
      ]);
      // "Seen before" follows file order (names, then lines), not line numbers alone.
      const rejected = await quarantine('accounts');
      expect(rejected.map((row) => [row.file, row.line, row.reason_code])).toEqual([
        ['accounts/2024-01-02.csv', 2, 'duplicate_id'],
      ]);
    });
  });

  it('skips a gzip file that holds nothing once decompressed, as it skips a 0-byte file (a night with no rows)', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': null,
      'accounts/2024-01-01.csv': `${ACCOUNTS_HEADER}A1,Initech,2024-01-01T00:00:00Z,smb,emea,ads\n`,
      'accounts/2024-01-02.csv.gz': gzipSync(''),
      'accounts/2024-01-03.csv.gz': gzipSync(
        `${ACCOUNTS_HEADER}A2,Globex,2024-01-03T00:00:00Z,smb,emea,ads\n`,
      ),
      'accounts/2024-01-04.jsonl.gz': gzipSync(''),
    });
    await withIngested(dir, async ({ report, raw, warnings }) => {
      const accounts = report.sources.find((source) => source.name === 'accounts')!;
      expect(accounts.files).toEqual(['accounts/2024-01-01.csv', 'accounts/2024-01-03.csv.gz']);
      expect(accounts.warnings).toEqual([
        'skipped accounts/2024-01-02.csv.gz: the file is empty (0 bytes once decompressed)',
        'skipped accounts/2024-01-04.jsonl.gz: the file is empty (0 bytes once decompressed)',
      ]);
      expect(warnings).toContain(
        'accounts: skipped accounts/2024-01-02.csv.gz: the file is empty (0 bytes once decompressed)',
      );
      const rows = await raw<{ account_id: string }>('accounts');
      expect(rows.map((row) => row.account_id)).toEqual(['A1', 'A2']);
    });
  });

  // It failed the build with "missing required columns … (found none)": JSON Lines has no header, so a
  // file of blank lines is as empty as a 0-byte one.
  it('skips a JSON Lines file of blank lines only, as it skips a 0-byte file', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': null,
      'accounts/2024-01-01.jsonl':
        '{"account_id":"A1","name":"Initech","created_at":"2024-01-01T00:00:00Z"}\n',
      'accounts/2024-01-02.jsonl': '\n \n\t\n',
      'accounts/2024-01-03.jsonl.gz': gzipSync('\n\n'),
    });
    await withIngested(dir, async ({ report, raw }) => {
      const accounts = report.sources.find((source) => source.name === 'accounts')!;
      expect(accounts.files).toEqual(['accounts/2024-01-01.jsonl']);
      expect(accounts.warnings).toEqual([
        'skipped accounts/2024-01-02.jsonl: the file holds only blank lines',
        'skipped accounts/2024-01-03.jsonl.gz: the file holds only blank lines',
      ]);
      expect((await raw<{ account_id: string }>('accounts')).map((row) => row.account_id)).toEqual(['A1']);
    });
  });

  it('reads a header-only file, with or without a final newline, as an empty source', async () => {
    const dir = await baseDataDirWith({
      'events.csv': 'event_id,account_id,user_id,event_name,occurred_at',
      'tickets.csv': 'ticket_id,account_id,created_at,first_response_at,resolved_at,priority,channel\r\n',
    });
    await withIngested(dir, async ({ report }) => {
      for (const name of ['events', 'tickets']) {
        const source = report.sources.find((candidate) => candidate.name === name)!;
        expect({ present: source.present, read: source.rowsRead, loaded: source.rowsLoaded }).toEqual({
          present: true,
          read: 0,
          loaded: 0,
        });
      }
    });
  });

  it('gives an absent optional source empty raw and quarantine tables', async () => {
    await withIngested(await baseDataDirWith(), async ({ report, warehouse }) => {
      const spend = report.sources.find((source) => source.name === 'spend')!;
      expect(spend).toMatchObject({
        present: false,
        files: [],
        rowsRead: 0,
        rowsLoaded: 0,
        rowsQuarantined: 0,
      });
      const columns = await warehouse.query<{ column_name: string; data_type: string }>(
        `select column_name, data_type from information_schema.columns
         where table_schema = 'raw' and table_name = 'spend' order by ordinal_position`,
      );
      expect(columns.map((column) => `${column.column_name} ${column.data_type}`)).toEqual([
        'month DATE',
        'channel VARCHAR',
        'category VARCHAR',
        'amount DOUBLE',
        'currency VARCHAR',
        '_file VARCHAR',
        '_line INTEGER',
      ]);
      expect(await warehouse.query('select * from quarantine.spend')).toEqual([]);
    });
  });
});

describe('headers and values', () => {
  it('matches headers case-insensitively after trimming, in any order, and warns once about unknown columns', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': null,
      'accounts/a.csv':
        ' Created_At ,ACCOUNT_ID, notes ,Name,Segment\n2024-01-05T10:00:00Z,A1,call back,Acme,smb\n',
      'accounts/b.csv': 'account_id,notes,created_at,crm_id\nA2,,2024-02-01T00:00:00Z,42\n',
    });
    await withIngested(dir, async ({ report, raw, warnings }) => {
      const accounts = report.sources.find((source) => source.name === 'accounts')!;
      expect(accounts.warnings).toEqual(['ignored unknown columns "notes", "crm_id" (1 of 2 files)']);
      expect(warnings.filter((warning) => warning.includes('unknown'))).toHaveLength(1);
      const rows = await raw<Record<string, unknown>>('accounts');
      expect(rows.map(({ _file, _line, ...row }) => row)).toEqual([
        {
          account_id: 'A1',
          name: 'Acme',
          created_at: new Date('2024-01-05T10:00:00Z'),
          segment: 'smb',
          region: 'unknown',
          acquisition_channel: 'unknown',
        },
        {
          account_id: 'A2',
          name: null,
          created_at: new Date('2024-02-01T00:00:00Z'),
          segment: 'unknown',
          region: 'unknown',
          acquisition_channel: 'unknown',
        },
      ]);
    });
  });

  it('keeps ids as text (00123 stays 00123), upper-cases currencies and applies the contract defaults', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv': `${ACCOUNTS_HEADER}00123,Zero,2024-01-05T10:00:00Z,,,\n123,Plain,2024-01-05T10:00:00Z,smb,emea,ads\n`,
      'subscriptions.csv':
        'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
        '007,00123,pro,month,49.90,usd,2024-01-05,,\n' +
        '008,123,pro,year, 1e3 ,Usd,2024-01-05,2025-01-05,1\n',
      'tickets.csv':
        'ticket_id,account_id,created_at,first_response_at,resolved_at,priority,channel\n0001,00123,2024-02-01,,,,\n',
    });
    await withIngested(dir, async ({ raw, report }) => {
      expect(report.sources.every((source) => source.rowsQuarantined === 0)).toBe(true);
      expect((await raw<{ account_id: string }>('accounts')).map((row) => row.account_id)).toEqual([
        '00123',
        '123',
      ]);
      const subscriptions = await raw<Record<string, unknown>>('subscriptions');
      expect(subscriptions.map(({ _file, _line, ...row }) => row)).toEqual([
        {
          subscription_id: '007',
          account_id: '00123',
          plan: 'pro',
          billing_interval: 'month',
          amount: 49.9,
          currency: 'USD',
          start_date: '2024-01-05',
          end_date: null,
          is_trial: false,
        },
        {
          subscription_id: '008',
          account_id: '123',
          plan: 'pro',
          billing_interval: 'year',
          amount: 1000,
          currency: 'USD',
          start_date: '2024-01-05',
          end_date: '2025-01-05',
          is_trial: true,
        },
      ]);
      const [ticket] = await raw<Record<string, unknown>>('tickets');
      expect(ticket).toMatchObject({ ticket_id: '0001', priority: 'normal', channel: null });
    });
  });

  it('converts timestamps with offsets to UTC and reads timestamps without one as UTC', async () => {
    const values = [
      ['2021-03-31T22:00:00-05:00', '2021-04-01T03:00:00.000Z'],
      ['2021-03-31T22:00:00Z', '2021-03-31T22:00:00.000Z'],
      ['2021-03-31 22:00:00', '2021-03-31T22:00:00.000Z'],
      ['2021-03-31T22:00:00+0530', '2021-03-31T16:30:00.000Z'],
      ['2021-03-31T22:00:00.123456+01:00', '2021-03-31T21:00:00.123Z'],
      ['2021-03-31', '2021-03-31T00:00:00.000Z'],
      ['2021-03-31t22:00:00z', '2021-03-31T22:00:00.000Z'],
      // ISO 8601 without seconds, a zone right after the minutes: DuckDB's casts refuse these, so they were
      // quarantined as "not a real calendar date or time".
      ['2021-03-31T22:00Z', '2021-03-31T22:00:00.000Z'],
      ['2021-03-31T22:00+01:00', '2021-03-31T21:00:00.000Z'],
      ['2021-03-31 22:00-0530', '2021-04-01T03:30:00.000Z'],
      ['2021-03-31t22:00z', '2021-03-31T22:00:00.000Z'],
      ['2021-03-31T24:00Z', '2021-04-01T00:00:00.000Z'],
    ];
    const rows = values.map(([text], index) => `A${index + 1},n,${text},smb,emea,ads`).join('\n');
    await withIngested(
      await baseDataDirWith({ 'accounts.csv': `${ACCOUNTS_HEADER}${rows}\n` }),
      async ({ raw }) => {
        const loaded = await raw<{ created_at: Date }>('accounts');
        expect(loaded.map((row) => row.created_at.toISOString())).toEqual(values.map(([, utc]) => utc));
      },
    );
  });

  it('stores the original row as JSON with the file header names and a reason naming the value', async () => {
    const dir = await baseDataDirWith({
      'subscriptions.csv':
        'Subscription_ID , account_id,plan,billing_interval,AMOUNT,currency,start_date,end_date,is_trial,notes\n' +
        'S9,A1,pro,month,€49,EUR,2024-01-05,,false,vip\n',
    });
    await withIngested(dir, async ({ quarantine }) => {
      const [row] = await quarantine('subscriptions');
      expect(row?.reason).toBe(
        "amount '€49' is not a number: write a plain decimal such as 49.90, without currency symbols or thousands separators",
      );
      expect(JSON.parse(row!.raw)).toEqual({
        'Subscription_ID ': 'S9',
        ' account_id': 'A1',
        plan: 'pro',
        billing_interval: 'month',
        AMOUNT: '€49',
        currency: 'EUR',
        start_date: '2024-01-05',
        end_date: null,
        is_trial: 'false',
        notes: 'vip',
      });
    });
  });

  it('tells an impossible date from a malformed one', async () => {
    const dir = await baseDataDirWith({
      'subscriptions.csv':
        'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
        'S1,A1,pro,month,10,USD,2024-02-30,,\n' +
        'S2,A1,pro,month,10,USD,30/01/2024,,\n',
    });
    await withIngested(dir, async ({ quarantine }) => {
      expect((await quarantine('subscriptions')).map((row) => row.reason)).toEqual([
        "start_date '2024-02-30' is not a real calendar date or time",
        "start_date '30/01/2024' is not a date: write it as YYYY-MM-DD",
      ]);
    });
  });
});

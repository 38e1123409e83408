import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type IngestBaseline, IngestFileError, MissingSourceError, Warehouse } from '../../src/index.js';
import { baseDataDirWith, contractSources, dataDirWith, ingest } from './support/ingest-harness.js';

const ACCOUNTS_HEADER = 'account_id,name,created_at,segment,region,acquisition_channel\n';

/** Ingests and returns the error, which must be an IngestFileError naming `file`. */
async function fileErrorOf(
  files: Record<string, string | Uint8Array | null>,
  file: string,
): Promise<IngestFileError> {
  const error = await ingest(await baseDataDirWith(files)).then(
    async (ingested) => {
      await ingested.close();
      throw new Error('ingestion succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IngestFileError);
  expect((error as IngestFileError).file).toBe(file);
  expect((error as IngestFileError).message).toContain(file);
  return error as IngestFileError;
}

describe('file errors fail ingestion with the file and what to do', () => {
  it('a data row that is not UTF-8 (latin-1)', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${ACCOUNTS_HEADER}A1,Acme,2024-01-05T10:00:00Z,smb,emea,ads\nA2,Caf`),
      Buffer.from([0xe9]),
      Buffer.from(',2024-01-05T10:00:00Z,smb,emea,ads\n'),
    ]);
    const error = await fileErrorOf({ 'accounts.csv': latin1 }, 'accounts.csv');
    expect(error.message).toMatch(/not valid UTF-8.*re-export it as UTF-8/);
  });

  it('a header that is not UTF-8, and a UTF-16 file', async () => {
    const latin1Header = Buffer.concat([Buffer.from('account_id,n'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect((await fileErrorOf({ 'accounts.csv': latin1Header }, 'accounts.csv')).message).toMatch(/UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ACCOUNTS_HEADER, 'utf16le')]);
    expect((await fileErrorOf({ 'accounts.csv': utf16 }, 'accounts.csv')).message).toMatch(/UTF-16.*UTF-8/);
  });

  it('a .parquet file that is not Parquet, and a .csv file that is binary', async () => {
    const notParquet = await fileErrorOf(
      { 'events.parquet': 'event_id,account_id\n1,A1\n' },
      'events.parquet',
    );
    expect(notParquet.message).toMatch(/not a readable Parquet file/);
    const binary = Buffer.from([0x50, 0x41, 0x52, 0x31, 0x00, 0x15, 0x04, 0x00]);
    expect((await fileErrorOf({ 'events.csv': binary }, 'events.csv')).message).toMatch(/binary data/);
  });

  it('a missing required column, named with the header found', async () => {
    const error = await fileErrorOf({ 'accounts.csv': 'account_id,name\nA1,Acme\n' }, 'accounts.csv');
    expect(error.message).toMatch(
      /missing required column created_at for source "accounts" \(found "account_id", "name"\)/,
    );
    const semicolons = await fileErrorOf(
      { 'accounts.csv': 'account_id;name;created_at\nA1;Acme;2024-01-01\n' },
      'accounts.csv',
    );
    expect(semicolons.message).toMatch(/another delimiter/);
  });

  it('a corrupt or truncated gzip file', async () => {
    const garbage = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]);
    expect((await fileErrorOf({ 'events.csv.gz': garbage }, 'events.csv.gz')).message).toMatch(
      /not valid gzip .*drop the \.gz extension if it is plain CSV\.$/,
    );
    // The advice names the file's own format (it said "plain CSV" of a .jsonl.gz).
    expect((await fileErrorOf({ 'events.jsonl.gz': garbage }, 'events.jsonl.gz')).message).toMatch(
      /not valid gzip .*drop the \.gz extension if it is plain JSON Lines\.$/,
    );
    const rows = Array.from({ length: 2000 }, (_, i) => `E${i},A1,u1,login,2024-02-01T10:00:00Z`).join('\n');
    const whole = gzipSync(`event_id,account_id,user_id,event_name,occurred_at\n${rows}\n`);
    await fileErrorOf({ 'events.csv.gz': whole.subarray(0, Math.floor(whole.length / 2)) }, 'events.csv.gz');
  });

  it('a truncated gzip part among good ones, read in one batch, is the file named', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `E${i},A1,u1,login,2024-02-01T10:00:00Z`).join('\n');
    const whole = gzipSync(`event_id,account_id,user_id,event_name,occurred_at\n${rows}\n`);
    const error = await fileErrorOf(
      {
        'events/part-0.csv.gz': whole,
        'events/part-1.csv.gz': whole.subarray(0, Math.floor(whole.length / 2)),
        'events/part-2.csv.gz': whole,
      },
      'events/part-1.csv.gz',
    );
    expect(error.message).toMatch(/gzip|compress|stream/i);
  });

  it('a truncated gzip file too long for the header read to inflate whole, on the staged path', async () => {
    // Subscriptions have unique keys, so they are staged (not loaded directly); ~3 MB of CSV inflated.
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `A1,S${i},pro,month,100,USD,2024-01-01,,false`,
    ).join('\n');
    const whole = gzipSync(
      `account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n${rows}\n`,
    );
    const error = await fileErrorOf(
      {
        'subscriptions.csv': null,
        'subscriptions.csv.gz': whole.subarray(0, Math.floor(whole.length * 0.7)),
      },
      'subscriptions.csv.gz',
    );
    expect(error.message).toMatch(/not valid gzip to its end.*truncated/);
  });

  // DuckDB said only "not valid UTF-8" of a UTF-16 .jsonl (with the latin-1 advice), naming no encoding.
  it.each([
    ['with a byte-order mark', Buffer.from([0xff, 0xfe]), 'is UTF-16 encoded', 'iconv -f utf-16 '],
    [
      'without one',
      Buffer.alloc(0),
      'looks like UTF-16 text without a byte-order mark',
      'iconv -f utf-16le ',
    ],
  ])('a UTF-16 .jsonl file %s', async (_, mark, says, advice) => {
    const line =
      '{"event_id": "E1", "account_id": "A1", "user_id": "u1", "event_name": "login", "occurred_at": "2026-01-05T10:00:00Z"}\n';
    const utf16 = Buffer.concat([mark, Buffer.from(line.repeat(3), 'utf16le')]);
    const error = await fileErrorOf({ 'events.jsonl': utf16 }, 'events.jsonl');
    expect(error.message).toContain(says);
    expect(error.message).toContain(advice);
  });

  it('a .jsonl file holding a JSON array', async () => {
    const error = await fileErrorOf({ 'events.jsonl': '[{"event_id": "E1"}]\n' }, 'events.jsonl');
    expect(error.message).toMatch(/JSON array, not JSON Lines/);
  });

  it('a .jsonl file holding a pretty-printed JSON array', async () => {
    const error = await fileErrorOf(
      {
        'invoices.jsonl':
          '[\n  {"invoice_id": "I1", "account_id": "A1"},\n  {"invoice_id": "I2", "account_id": "A1"}\n]\n',
      },
      'invoices.jsonl',
    );
    expect(error.message).toMatch(/JSON array, not JSON Lines/);
  });

  it('a .jsonl file holding CSV', async () => {
    const error = await fileErrorOf(
      {
        'invoices.jsonl':
          'invoice_id,account_id,issued_at,amount,currency,status\nI1,A1,2025-01-05T00:00:00Z,10.00,USD,paid\n',
      },
      'invoices.jsonl',
    );
    expect(error.message).toMatch(/no line of the file is a JSON object, so it is not JSON Lines.*\.csv/);
  });

  it('a source given both as a file and as a folder', async () => {
    const error = await fileErrorOf(
      { 'invoices.csv': 'invoice_id\n', 'invoices/a.csv': 'invoice_id\n' },
      'invoices',
    );
    expect(error.message).toMatch(/found invoices\/ and invoices\.csv .*keep only one/);
  });

  it('a missing required source names the paths it expects', async () => {
    const dir = await baseDataDirWith({ 'accounts.csv': null });
    const error = await ingest(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingSourceError);
    expect((error as MissingSourceError).source).toBe('accounts');
    expect((error as MissingSourceError).message).toContain(
      `${dir}/accounts{.csv.gz,.csv,.parquet,.jsonl,.ndjson,.jsonl.gz,.ndjson.gz}`,
    );
    expect((error as MissingSourceError).message).toContain(`${dir}/accounts/`);
  });

  it('a data folder that does not exist', async () => {
    const error = await ingest('/nonexistent/pulse-data').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toMatch(/\/nonexistent\/pulse-data: cannot list the folder \(ENOENT\)/);
  });

  /**
   * Ingests the base folder, then one whose accounts.csv reads and whose subscriptions.csv does not, with
   * these options; returns the accounts left in raw.accounts after the file error.
   */
  async function accountsAfterFailedIngestion(
    options: { staged?: boolean; baseline?: IngestBaseline } = {},
  ): Promise<string[]> {
    const warehouse = await Warehouse.open(':memory:');
    try {
      const { ingestSources } = await import('../../src/index.js');
      const good = await baseDataDirWith();
      await ingestSources({ warehouse, dataDir: good, sources: contractSources, config: {} });
      const bad = await dataDirWith({
        'accounts.csv': `${ACCOUNTS_HEADER}A9,Other,2024-01-05T10:00:00Z,smb,emea,ads\n`,
        'subscriptions.csv': 'subscription_id\nS1\n',
      });
      await expect(
        ingestSources({ warehouse, dataDir: bad, sources: contractSources, config: {}, ...options }),
      ).rejects.toThrow(IngestFileError);
      const accounts = await warehouse.query<{ account_id: string }>(
        'select account_id from raw.accounts order by 1',
      );
      return accounts.map((row) => row.account_id);
    } finally {
      await warehouse.close();
    }
  }

  it('leaves the warehouse as it was: the ingestion runs in one transaction', async () => {
    expect(await accountsAfterFailedIngestion()).toEqual(['A1', 'A2']);
  });

  it('on a staged warehouse, which its caller discards on an error, it opens no transaction', async () => {
    // The sources before the bad file were written and committed: nothing rolls them back.
    expect(await accountsAfterFailedIngestion({ staged: true })).toEqual(['A9']);
  });

  it('a refresh of a staged warehouse (a baseline) still runs in one transaction', async () => {
    const baseline = { files: [], unchanged: new Set<string>() };
    expect(await accountsAfterFailedIngestion({ staged: true, baseline })).toEqual(['A1', 'A2']);
  });
});

import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareMartFolders } from '../support/compare-marts.js';
import { createTestDatabase, queryDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-table-parity-'));
const SAMPLE = join(REPO_ROOT, 'data', 'raw');

/** Extra CSV rows per source, in the sample's header order; each comment says what it must give. */
const EXTRA: Record<string, { header: string; rows: string[] }> = {
  subscriptions: {
    header: 'account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial',
    rows: [
      '00001,sub_x1,pro,month,10.00,USD,2025-02-30,,false', // wrong_type start_date (no such day)
      '00001,sub_x2,pro,month,$10,USD,2025-01-01,,false', // wrong_type amount (a symbol)
      '00001,sub_x3,pro,month,10,US,2025-01-01,,false', // wrong_type currency
      '00001,sub_x4,pro,month,10,USD,2025-01-01,,maybe', // wrong_type is_trial
      '00001,sub_x5,pro,month,10,USD,2025-03-01,2025-02-01,false', // bad_period
      '00001,sub_x6,pro,month,10,usd,2025-01-01,2025-06-01,FALSE', // loads (currency and boolean in any case)
      '00001,sub_x6,pro,month,12,USD,2025-03-01,2025-09-01,1', // overlapping_period
      '00001,sub_x7,pro,month,10,CHF,2025-01-01,,false', // no_fx_rate
      '00001,sub_x8,pro,month,1e400,USD,2025-01-01,,false', // wrong_type amount (not finite)
      '00001,sub_x9,pro,month,1.5e2,USD,2024-02-29,,0', // loads (exponent, leap day)
      '00001,sub_x10,pro,month,10,USD,2023-02-29,,false', // wrong_type start_date (not a leap year)
      '00001,sub_x6,pro,month,12,USD,2025-04-01,,maybe', // overlapping_period (before is_trial's wrong_type)
      '00001,sub_x11,pro,month,10,XYZ,2025-01-01,,false', // wrong_type currency (not an ISO 4217 code)
    ],
  },
  invoices: {
    header: 'invoice_id,account_id,issued_at,amount,currency,status',
    rows: [
      'INV-00001-001,00001,2025-02-07T04:03:23Z,5.00,USD,paid', // duplicate_id
      'INV-X2,00001,2025-02-07T04:03:23+05:30,5.00,usd,paid', // loads (offset, currency case)
      'INV-X3,00001,2025-02-07 24:00:00,5,USD,paid', // wrong_type issued_at (hour 24)
      'INV-X4,00001,2025-02-07T04:03:23.123456Z,5,USD,unpaid', // unknown_value status
      'INV-X5,00001,2025-02-07t04:03z,-5,USD,void', // loads (lower-case t and z, no seconds, a credit)
      'INV-X6,00001,2025-02-07T04:03:60Z,5,USD,paid', // wrong_type issued_at (second 60)
      'INV-X7,00001,2025-02-07T04:03:23+0200,5,EUR,open', // loads (offset without a colon)
      'INV-X8,00001,2025/02/07,5,USD,paid', // wrong_type issued_at (not ISO)
      'INV-X9,00001,2025-02-07,1,USD,paid', // loads (a date is midnight)
    ],
  },
  tickets: {
    header: 'ticket_id,account_id,created_at,first_response_at,resolved_at,priority,channel,subject',
    rows: [
      'TCK-X1,00001,2025-05-18T16:03:26Z,2025-05-18T15:00:00Z,,,web,x', // bad_order first_response_at
      'TCK-X2,00001,2025-05-18T16:03:26Z,,2025-05-18T16:00:00Z,high,web,x', // bad_order resolved_at
      'TCK-X3,00001,2025-05-18T16:03:26Z,,,URGENT,email,x', // unknown_value priority (enums are exact)
      'TCK-X4,00001,2025-05-18T16:03:26Z,,,asap,email,x', // unknown_value priority
    ],
  },
  survey_responses: {
    header: 'response_id,account_id,user_id,survey,score,responded_at,comment',
    rows: [
      'R-X1,00001,u1,csat,6,2025-03-09T16:30:30Z,', // out_of_range score (the csat scale)
      'R-X2,00001,u1,nps,7.0,2025-03-09T16:30:30Z,', // loads (7.0 is whole)
      'R-X3,00001,u1,nps,7.5,2025-03-09T16:30:30Z,', // wrong_type score
      'R-X4,00001,u1,nps,99999999999,2025-03-09T16:30:30Z,', // out_of_range score (beyond 32 bits)
      'R-X5,00001,,nps,9,2025-03-09T16:30:30Z,"  spaced, ""quoted""  "', // loads (free text kept as is)
    ],
  },
  spend: {
    header: 'channel,category,month,currency,amount',
    rows: [
      'organic,marketing,2024-13,USD,5', // wrong_type month
      'organic,marketing,2024-02-29,USD,5', // loads (a date: its month)
      'organic,marketing,2023-02-29,USD,5', // wrong_type month (no such day)
      'organic,ads,2024-02,USD,5', // unknown_value category
    ],
  },
};

const TABLE_SOURCES = [...Object.keys(EXTRA), 'events'];

const pulseBuild = (name: string, dataDir: string, args: string[]) => pulseBuildIn(work, name, dataDir, args);

/** The sample's non-empty files of a source, in the order ingestion reads them. */
function sampleFiles(source: string): string[] {
  const folder = join(SAMPLE, source);
  const files = statSync(folder, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(folder)
        .sort()
        .map((file) => join(folder, file))
    : [join(SAMPLE, `${source}.csv`)];
  return files.filter((file) => statSync(file).size > 0);
}

/** The files variant: accounts and fx_rates linked, each other source a folder of its sample files and its extra rows. */
function filesFolder(): string {
  const dir = join(work, 'data-files');
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(SAMPLE, 'accounts.csv'), join(dir, 'accounts.csv'));
  symlinkSync(join(SAMPLE, 'fx_rates.jsonl'), join(dir, 'fx_rates.jsonl'));
  for (const source of TABLE_SOURCES) {
    mkdirSync(join(dir, source));
    for (const file of sampleFiles(source)) symlinkSync(file, join(dir, source, file.split('/').pop()!));
    const extra = EXTRA[source];
    if (extra)
      writeFileSync(join(dir, source, 'zz-extra.csv'), `${[extra.header, ...extra.rows].join('\n')}\n`);
  }
  return dir;
}

/**
 * `vendor.<source>` on the server: every column as text under its contract name, `pulse_id` (the primary
 * key) in file order. DuckDB reads the same files (one thread, so rows keep file order) into a CSV that
 * COPY streams in.
 */
async function loadTables(url: string, filesDir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const duck = await instance.connect();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create schema vendor');
    for (const source of TABLE_SOURCES) {
      const folder = join(filesDir, source);
      const files = readdirSync(folder)
        .sort()
        .map((file) => `'${join(folder, file)}'`)
        .filter((file) => statSync(file.slice(1, -1)).size > 0);
      const read = `read_csv([${files.join(', ')}], all_varchar = true, header = true, union_by_name = true)`;
      const columns = (await duck.runAndReadAll(`describe select * from ${read}`))
        .getRowObjectsJS()
        .map((row) => String(row.column_name));
      const csv = join(work, `${source}.csv`);
      await duck.run(
        `copy (select row_number() over () as pulse_id, * from ${read}) to '${csv}' (header false)`,
      );
      await client.query(
        `create table vendor.${source} (pulse_id bigint primary key, ${columns.map((c) => `"${c}" text`).join(', ')})`,
      );
      await pipeline(
        createReadStream(csv),
        client.query(copyFrom(`copy vendor.${source} from stdin (format csv)`)),
      );
    }
  } finally {
    await client.end();
    duck.closeSync();
    instance.closeSync();
  }
}

async function localRows<R>(warehouse: string, sql: string): Promise<R[]> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as R[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

let url: string;
let fromFiles: PulseBuild;
let fromTables: PulseBuild;

beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'), 'parity');
  const filesDir = filesFolder();
  await loadTables(url, filesDir);
  const tablesDir = join(work, 'data-tables');
  mkdirSync(tablesDir);
  symlinkSync(join(SAMPLE, 'accounts.csv'), join(tablesDir, 'accounts.csv'));
  symlinkSync(join(SAMPLE, 'fx_rates.jsonl'), join(tablesDir, 'fx_rates.jsonl'));
  const config = (name: string, extra: Record<string, unknown>) => {
    const file = join(work, `${name}.json`);
    writeFileSync(file, JSON.stringify({ reporting_currency: 'USD', ...extra }));
    return file;
  };
  const sources = Object.fromEntries(TABLE_SOURCES.map((source) => [source, { table: `vendor.${source}` }]));
  [fromFiles, fromTables] = await Promise.all([
    pulseBuild('files', filesDir, ['--config', config('files', {})]),
    pulseBuild('tables', tablesDir, [
      '--config',
      config('tables', { sources }),
      '--engine',
      'postgres',
      '--target',
      url,
    ]),
  ]);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('six sources as PostgreSQL tables against the same rows as files', () => {
  it('builds on both engines', () => {
    expect(fromFiles.code, fromFiles.output).toBe(0);
    expect(fromTables.code, fromTables.output).toBe(0);
  });

  it.each(TABLE_SOURCES)(
    '%s: the same quarantined rows, columns, reason codes and reasons, in order',
    async (source) => {
      const onServer = await queryDatabase(
        url,
        `select "column", reason_code, reason from quarantine.${source} order by line`,
      );
      const fromFile = await localRows(
        join(fromFiles.root, 'wh.duckdb'),
        `select "column", reason_code, reason from quarantine.${source} order by file, line`,
      );
      expect(onServer).toEqual(fromFile);
      const [loaded] = await queryDatabase<{ n: string }>(url, `select count(*) as n from raw.${source}`);
      const [local] = await localRows<{ n: bigint }>(
        join(fromFiles.root, 'wh.duckdb'),
        `select count(*) as n from raw.${source}`,
      );
      expect(Number(loaded!.n)).toBe(Number(local!.n));
    },
  );

  it('quarantines every extra row meant to fail, so the rules were exercised', async () => {
    const codes = await queryDatabase<{ reason_code: string }>(
      url,
      TABLE_SOURCES.map((source) => `select reason_code from quarantine.${source}`).join(' union '),
    );
    expect(codes.map((row) => row.reason_code).sort()).toEqual(
      [
        'bad_order',
        'bad_period',
        'duplicate_id',
        'no_fx_rate',
        'orphan_account',
        'out_of_range',
        'overlapping_period',
        'unknown_value',
        'wrong_type',
      ].sort(),
    );
  });

  it('gives the same marts (numbers to 1e-9 relative)', async () => {
    expect(
      await compareMartFolders(join(fromFiles.root, 'wh-marts'), join(fromTables.root, 'wh-marts')),
    ).toEqual([]);
  });
});

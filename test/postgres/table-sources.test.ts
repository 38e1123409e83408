import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareMartFolders } from '../support/compare-marts.js';
import { createTestDatabase, queryDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-table-sources-'));
const SAMPLE = join(REPO_ROOT, 'data', 'raw');
const EVENTS = join(SAMPLE, 'events');

const pulseBuild = (name: string, dataDir: string, args: string[]) => pulseBuildIn(work, name, dataDir, args);

function writeConfig(name: string, config: Record<string, unknown>): string {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify({ reporting_currency: 'USD', ...config }));
  return file;
}

/** A data folder with the sample's files except events (linked), and `events` as given. */
function dataFolder(name: string, events?: (dir: string) => void): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(SAMPLE)) {
    if (entry !== 'events') symlinkSync(join(SAMPLE, entry), join(dir, entry));
  }
  events?.(join(dir, 'events'));
  return dir;
}

const EVENT_HEADER = ['event_id', 'account_id', 'user_id', 'event_name', 'occurred_at'];

/** The sample's event records (text, as in its files), files in name order. */
function sampleEvents(): string[][] {
  return readdirSync(EVENTS)
    .sort()
    .flatMap((file) => {
      const lines = gunzipSync(readFileSync(join(EVENTS, file)))
        .toString('utf8')
        .split('\n');
      expect(lines[0]).toBe(EVENT_HEADER.join(','));
      // The sample's events hold no quote: a plain split is exact.
      return lines
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.split(','));
    });
}

/**
 * The rows added after the sample's: one per problem, plus rows that must load (a repeated event_id,
 * which the contract counts once downstream rather than quarantining, an offset, a vendor spelling).
 * `vendorEvent` is the event name as the table holds it (mapped by `values`).
 */
interface ExtraRow {
  /** The canonical texts: event_id, account_id, user_id, event_name, occurred_at. */
  readonly row: readonly string[];
  /** The column at fault and the reason code, for a row that must be quarantined. */
  readonly problem?: readonly [string, string];
  readonly vendorEvent?: string;
}

const EXTRA: readonly ExtraRow[] = [
  { row: ['x-bad-ts', '00001', 'u1', 'login', '2025-02-30 10:00'], problem: ['occurred_at', 'wrong_type'] },
  {
    row: ['x-no-user', '00001', '', 'login', '2025-03-01T10:00:00Z'],
    problem: ['user_id', 'missing_required'],
  },
  {
    row: ['x-orphan', 'NOPE-1', 'u1', 'login', '2025-03-01T10:00:00Z'],
    problem: ['account_id', 'orphan_account'],
  },
  { row: ['e00001-1', '00001', 'u1', 'login', '2025-03-01T10:00:00Z'] },
  { row: ['x-offset', '00001', 'u2', 'login', '2025-03-01T12:00:00+02:00'] },
  {
    row: ['x-no-account', '', 'u2', 'login', '2025-03-01T10:00:00Z'],
    problem: ['account_id', 'missing_required'],
  },
  { row: ['x-signup', '00001', 'u3', 'signup', '2025-03-02T08:30:00Z'], vendorEvent: 'Signed Up' },
  { row: ['x-late', '00001', 'u2', 'login', '2025-03-01 25:00:00'], problem: ['occurred_at', 'wrong_type'] },
];

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** segment.tracks: id (primary key, 10 apart), message_id, context jsonb {groupId}, user_id, event, "timestamp" text. */
async function loadTracks(url: string, events: readonly string[][]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema segment;
      create table segment.tracks (id bigint primary key, message_id text, context jsonb, user_id text,
                                   event text, "timestamp" text, received_at timestamptz default now())`);
    const lines = events.map(([eventId, accountId, userId, eventName, occurredAt], index) => {
      const context = accountId ? JSON.stringify({ groupId: accountId, library: 'analytics.js' }) : '{}';
      // An empty unquoted CSV field is NULL to COPY, as an empty field is null to the contract.
      return [String((index + 1) * 10), eventId!, context, userId!, eventName!, occurredAt!]
        .map(csvField)
        .join(',');
    });
    const copy = client.query(
      copyFrom(
        'copy segment.tracks (id, message_id, context, user_id, event, "timestamp") from stdin (format csv)',
      ),
    );
    await pipeline(Readable.from([`${lines.join('\n')}\n`]), copy);
  } finally {
    await client.end();
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

const TABLE_MAPPING = {
  table: 'segment.tracks',
  columns: {
    event_id: 'message_id',
    account_id: 'context.groupId',
    event_name: 'event',
    occurred_at: 'timestamp',
  },
  values: { event_name: { 'Signed Up': 'signup' } },
};

let url: string;
let sampleCount: number;
let fromFiles: PulseBuild;
let fromTable: PulseBuild;

beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'), 'tables');
  const sample = sampleEvents();
  sampleCount = sample.length;
  await loadTracks(url, [
    ...sample,
    ...EXTRA.map(({ row, vendorEvent }) =>
      vendorEvent ? [...row.slice(0, 3), vendorEvent, row[4]!] : [...row],
    ),
  ]);
  // The same events as files: the sample's parts and one more file with the extra rows.
  const filesDir = dataFolder('data-files', (events) => {
    mkdirSync(events);
    for (const part of readdirSync(EVENTS)) symlinkSync(join(EVENTS, part), join(events, part));
    const extra = EXTRA.map(({ row }) => row.map(csvField).join(','));
    writeFileSync(join(events, 'part-9999.csv'), `${[EVENT_HEADER.join(','), ...extra].join('\n')}\n`);
  });
  const tableDir = dataFolder('data-table');
  [fromFiles, fromTable] = await Promise.all([
    pulseBuild('files', filesDir, ['--config', writeConfig('files', {})]),
    pulseBuild('table', tableDir, [
      '--config',
      writeConfig('table', { sources: { events: TABLE_MAPPING } }),
      '--engine',
      'postgres',
      '--target',
      url,
    ]),
  ]);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('events judged in a PostgreSQL table', () => {
  it('builds every model, reading no events file', () => {
    expect(fromFiles.code, fromFiles.output).toBe(0);
    expect(fromTable.code, fromTable.output).toBe(0);
    expect(fromTable.output).toContain('events: judging the PostgreSQL table segment.tracks on the server');
    expect(fromTable.output).toMatch(
      new RegExp(
        `events +${sampleCount + EXTRA.length} read = ${sampleCount + 3} loaded \\+ 5 quarantined ✓ +\\(PostgreSQL table segment.tracks`,
      ),
    );
  });

  it('quarantines the same rows with the same codes, at the table and the row ordinal by primary key', async () => {
    const expected = EXTRA.flatMap(({ problem }, index) =>
      problem ? [{ line: sampleCount + index + 1, column: problem[0], reason_code: problem[1] }] : [],
    );
    const onServer = await queryDatabase<{ file: string; line: number; column: string; reason_code: string }>(
      url,
      'select file, line, "column", reason_code from quarantine.events order by line',
    );
    expect(onServer).toEqual(expected.map((row) => ({ file: 'segment.tracks', ...row })));
    const fromFile = await localRows<{ file: string; line: number; column: string; reason_code: string }>(
      join(fromFiles.root, 'wh.duckdb'),
      'select file, line, "column", reason_code from quarantine.events order by line',
    );
    // The file's lines count its header: the k-th extra row is line k + 1.
    expect(fromFile).toEqual(
      expected.map((row) => ({ ...row, file: 'events/part-9999.csv', line: row.line - sampleCount + 1 })),
    );
  });

  it('keeps the vendor row as JSON and names the vendor column in the reason', async () => {
    const [orphan] = await queryDatabase<{ reason: string; raw: string }>(
      url,
      `select reason, raw from quarantine.events where reason_code = 'orphan_account'`,
    );
    expect(orphan!.reason).toBe(
      "`context.groupId` (events.account_id) 'NOPE-1' does not match any account_id in accounts",
    );
    expect(JSON.parse(orphan!.raw)).toMatchObject({
      id: (sampleCount + 3) * 10,
      message_id: 'x-orphan',
      context: { groupId: 'NOPE-1' },
    });
  });

  it('loads exactly the canonical rows the files give, with the table and ordinal as lineage', async () => {
    const canonical = `event_id, account_id, user_id, event_name, occurred_at`;
    const server = await queryDatabase<{ row: string }>(
      url,
      `select concat_ws('|', event_id, account_id, user_id, event_name,
                        to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.US')) as row
       from raw.events order by 1`,
    );
    const local = await localRows<{ row: string }>(
      join(fromFiles.root, 'wh.duckdb'),
      `select concat_ws('|', ${canonical.replace('occurred_at', `strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%f')`)}) as row
       from raw.events order by 1`,
    );
    expect(server.length).toBe(sampleCount + 3);
    // Compared as one list: a difference shows as the first rows that differ.
    const firstDifference = server.findIndex((row, index) => row.row !== local[index]?.row);
    expect(firstDifference === -1 ? [] : [server[firstDifference], local[firstDifference]]).toEqual([]);
    expect(local.length).toBe(server.length);
    const loadedExtra = await queryDatabase(
      url,
      `select event_id, account_id, user_id, event_name, to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS') as occurred_at,
              _file, _line
       from raw.events where _line > ${sampleCount} order by _line`,
    );
    expect(loadedExtra).toEqual([
      row('e00001-1', 'u1', 'login', '2025-03-01 10:00:00', 4),
      row('x-offset', 'u2', 'login', '2025-03-01 10:00:00', 5),
      row('x-signup', 'u3', 'signup', '2025-03-02 08:30:00', 7),
    ]);
    function row(eventId: string, userId: string, eventName: string, occurredAt: string, extra: number) {
      return {
        event_id: eventId,
        account_id: '00001',
        user_id: userId,
        event_name: eventName,
        occurred_at: occurredAt,
        _file: 'segment.tracks',
        _line: sampleCount + extra,
      };
    }
  });

  it('gives the marts of the same events given as files (numbers to 1e-9 relative)', async () => {
    expect(
      await compareMartFolders(join(fromFiles.root, 'wh-marts'), join(fromTable.root, 'wh-marts')),
    ).toEqual([]);
  });
});

describe('a table source with a typed timestamp and a declared key', () => {
  it('reads timestamptz values and numbers the rows by the declared key', async () => {
    const typedUrl = await createTestDatabase(inject('postgresUrl'), 'typed');
    await queryDatabase(
      typedUrl,
      `create table public.app_events (group_id text, user_id text, name text, sent_at timestamptz);
       insert into public.app_events values
         ('00001', 'u1', 'login', '2025-03-01 12:00:00+02'),
         ('00001', null, 'login', '2025-03-01 09:00:00+00'),
         ('00002', 'u9', 'export_report', '2025-02-28 23:59:59.5+00')`,
    );
    const build = await pulseBuild('typed', dataFolder('data-typed'), [
      '--config',
      writeConfig('typed', {
        sources: {
          events: {
            table: 'app_events',
            key: ['sent_at', 'user_id'],
            columns: { account_id: 'group_id', event_name: 'name', occurred_at: 'sent_at' },
          },
        },
      }),
      '--engine',
      'postgres',
      '--target',
      typedUrl,
    ]);
    expect(build.code, build.output).toBe(0);
    expect(
      await queryDatabase(
        typedUrl,
        `select event_id, account_id, user_id, event_name,
                to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS.MS') as occurred_at, _file, _line
         from raw.events order by _line`,
      ),
    ).toEqual([
      {
        event_id: null,
        account_id: '00002',
        user_id: 'u9',
        event_name: 'export_report',
        occurred_at: '2025-02-28 23:59:59.500',
        _file: 'app_events',
        _line: 1,
      },
      {
        event_id: null,
        account_id: '00001',
        user_id: 'u1',
        event_name: 'login',
        occurred_at: '2025-03-01 10:00:00.000',
        _file: 'app_events',
        _line: 3,
      },
    ]);
    expect(
      await queryDatabase(typedUrl, `select file, line, "column", reason_code from quarantine.events`),
    ).toEqual([{ file: 'app_events', line: 2, column: 'user_id', reason_code: 'missing_required' }]);
  });
});

describe('table sources that cannot be built', () => {
  it('fails on the DuckDB engine with a config error naming the key', async () => {
    const build = await pulseBuild('on-duckdb', dataFolder('data-duckdb'), [
      '--config',
      writeConfig('on-duckdb', { sources: { events: TABLE_MAPPING } }),
    ]);
    expect(build.code, build.output).toBe(2);
    expect(build.output).toContain('sources.events.table: "segment.tracks" is a PostgreSQL table');
    expect(build.output).toContain('--engine postgres');
  });

  it('fails when a file source is checked against a table source', async () => {
    const build = await pulseBuild('accounts-table', dataFolder('data-accounts'), [
      '--config',
      writeConfig('accounts-table', { sources: { accounts: { table: 'crm.companies' } } }),
      '--engine',
      'postgres',
      '--target',
      url,
    ]);
    expect(build.code, build.output).toBe(2);
    expect(build.output).toContain(
      'sources.accounts.table: subscriptions is read from files and checked against accounts',
    );
  });

  it('fails when the table is not on the server, naming the key', async () => {
    const build = await pulseBuild('no-table', dataFolder('data-no-table'), [
      '--config',
      writeConfig('no-table', { sources: { events: { ...TABLE_MAPPING, table: 'segment.trakcs' } } }),
      '--engine',
      'postgres',
      '--target',
      await createTestDatabase(inject('postgresUrl'), 'notable'),
    ]);
    expect(build.code, build.output).toBe(2);
    expect(build.output).toContain(
      'sources.events.table: the PostgreSQL target has no table or view "segment.trakcs"',
    );
  });
});

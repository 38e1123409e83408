// A PostgreSQL table source keeps the trust rules of files: a value that is not one value (a JSON object
// or array, a PostgreSQL array or composite, true/false in an id) is wrong_type naming its column, also
// behind a domain type, and a list of time formats reads each value in the first format that fits (times
// without a zone as the source's time_zone).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, queryDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-table-values-'));
const SAMPLE = join(REPO_ROOT, 'data', 'raw');

/** A data folder with the sample's files except events: events come from the table. */
function dataFolder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(SAMPLE)) {
    if (entry !== 'events') symlinkSync(join(SAMPLE, entry), join(dir, entry));
  }
  return dir;
}

function buildOn(url: string, name: string, events: Record<string, unknown>): Promise<PulseBuild> {
  const config = join(work, `${name}.json`);
  writeFileSync(config, JSON.stringify({ reporting_currency: 'USD', sources: { events } }));
  return pulseBuildIn(work, name, dataFolder(`data-${name}`), [
    '--config',
    config,
    '--engine',
    'postgres',
    '--target',
    url,
  ]);
}

interface Quarantined {
  line: number;
  column: string;
  reason_code: string;
  reason: string;
}

const quarantined = (url: string) =>
  queryDatabase<Quarantined>(
    url,
    'select line, "column", reason_code, reason from quarantine.events order by line',
  );

/** A database of its own (each build writes raw.events) holding the table `sql` creates. */
async function databaseWith(label: string, sql: string): Promise<string> {
  const database = await createTestDatabase(inject('postgresUrl'), label);
  await queryDatabase(database, sql);
  return database;
}

const SENT = `'login', '2025-03-01T10:00:00Z'`;

let nestedUrl: string;
let formatsUrl: string;
let originUrl: string;
let flagUrl: string;
let domainUrl: string;
let nested: PulseBuild;
let formats: PulseBuild;
let origin: PulseBuild;
let flag: PulseBuild;
let domain: PulseBuild;

beforeAll(async () => {
  [nestedUrl, formatsUrl, originUrl, flagUrl, domainUrl] = await Promise.all([
    databaseWith(
      'nested',
      `create table public.nested_events (id integer primary key, refs text[], context jsonb, who jsonb,
                                          name text, sent text);
       insert into public.nested_events values
         (1, null, '{"groupId": "00001"}', '"u1"', ${SENT}),
         (2, '{a,b}', '{"groupId": "00001"}', '"u1"', ${SENT}),
         (3, null, '{"groupId": {"id": "00001"}}', '"u1"', ${SENT}),
         (4, null, '{"groupId": ["00001"]}', '"u1"', ${SENT}),
         (5, null, '{"groupId": true}', '"u1"', ${SENT}),
         (6, null, '{"groupId": "00001"}', '{"id": "u1"}', ${SENT}),
         (7, null, '{"groupId": "00001"}', '["u1"]', ${SENT}),
         (8, null, '{"groupId": "00001"}', '12', ${SENT}),
         (9, null, '{"groupId": "00001"}', 'null', ${SENT}),
         (10, null, '{"groupId": "00001"}', 'true', ${SENT}),
         (11, null, '{"groupId": "00001"}', '"u2"', '["login"]', '2025-03-01T10:00:00Z'),
         (12, '{}', '{"groupId": "00001"}', '"u2"', ${SENT})`,
    ),
    databaseWith(
      'formats',
      `create table public.epoch_events (id integer primary key, group_id text, user_id text, name text,
                                         sent text);
       insert into public.epoch_events values
         (1, '00001', 'u1', 'login', '2025-03-01T10:00:00Z'),
         (2, '00001', 'u1', 'login', '1740823200'),
         (3, '00001', 'u1', 'login', '1740823200000'),
         (4, '00001', 'u1', 'login', '1740823200.5'),
         (5, '00001', 'u1', 'login', '2025/03/01'),
         (6, '00001', 'u1', 'login', '2025-03-01 12:00:00+02:00'),
         (7, '00001', 'u1', 'login', repeat('9', 400)),
         (8, '00001', 'u1', 'login', '1740823200.' || repeat('0', 20000)),
         (9, '00001', 'u1', 'login', '2025-03-01 05:00:00'),
         (10, '00001', 'u1', 'login', '2025-03-01 05:00')`,
    ),
    databaseWith(
      'origin',
      `create type public.origin as (app text, version integer);
       create table public.origin_events (id integer primary key, origin public.origin, group_id text,
                                          user_id text, name text, sent text);
       insert into public.origin_events values
         (1, null, '00001', 'u1', ${SENT}),
         (2, ('web', 2), '00001', 'u1', ${SENT})`,
    ),
    databaseWith(
      'flag',
      `create table public.flag_events (id integer primary key, is_internal boolean, group_id text,
                                        user_id text, name text, sent text);
       insert into public.flag_events values
         (1, null, '00001', 'u1', ${SENT}),
         (2, true, '00001', 'u1', ${SENT}),
         (3, false, '00001', 'u1', ${SENT})`,
    ),
    databaseWith(
      'domain',
      // A domain over jsonb, and a domain over that domain: each is jsonb underneath. And a vendor column
      // named as Pulse numbers the rows.
      `create domain public.payload as jsonb;
       create domain public.checked_payload as public.payload check (value is not null);
       create table public.domain_events (id integer primary key, context public.checked_payload,
                                          who public.payload, name text, sent text, _line text);
       insert into public.domain_events values
         (1, '{"groupId": "00001"}', '"u1"', ${SENT}, 'a'),
         (2, '{"groupId": {"id": "00001"}}', '"u1"', ${SENT}, 'b'),
         (3, '{"groupId": "00001"}', '{"id": "u1"}', ${SENT}, 'c')`,
    ),
  ]);
  [nested, formats, origin, flag, domain] = await Promise.all([
    buildOn(nestedUrl, 'nested', {
      table: 'public.nested_events',
      columns: {
        event_id: 'refs',
        account_id: 'context.groupId',
        user_id: 'who',
        event_name: 'name',
        occurred_at: 'sent',
      },
    }),
    buildOn(formatsUrl, 'formats', {
      table: 'public.epoch_events',
      columns: { account_id: 'group_id', event_name: 'name', occurred_at: 'sent' },
      formats: { occurred_at: ['iso', 'epoch_s', 'epoch_ms'] },
      // Only the times with no zone of their own move: 05:00 in New York (UTC-5 in March) is 10:00 UTC.
      time_zone: 'America/New_York',
    }),
    buildOn(originUrl, 'origin', {
      table: 'public.origin_events',
      columns: { event_id: 'origin', account_id: 'group_id', event_name: 'name', occurred_at: 'sent' },
    }),
    buildOn(flagUrl, 'flag', {
      table: 'public.flag_events',
      columns: { event_id: 'is_internal', account_id: 'group_id', event_name: 'name', occurred_at: 'sent' },
    }),
    buildOn(domainUrl, 'domain', {
      table: 'public.domain_events',
      columns: { account_id: 'context.groupId', user_id: 'who', event_name: 'name', occurred_at: 'sent' },
    }),
  ]);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a value that is not one value, in a PostgreSQL table source', () => {
  it('is wrong_type naming the column, as in JSON Lines and Parquet; scalars load as their text', async () => {
    expect(nested.code, nested.output).toBe(0);
    expect(await quarantined(nestedUrl)).toEqual([
      {
        line: 2,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `\`refs\` (events.event_id) '["a", "b"]' is an array, not a single value: write the id as a string or number`,
      },
      {
        line: 3,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `\`context.groupId\` (events.account_id) '{"id": "00001"}' is an object, not a single value: write the id as a string or number`,
      },
      {
        line: 4,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `\`context.groupId\` (events.account_id) '["00001"]' is an array, not a single value: write the id as a string or number`,
      },
      {
        line: 5,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `\`context.groupId\` (events.account_id) 'true' is a true/false value, not an id: write the id as a string or number`,
      },
      {
        line: 6,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `\`who\` (events.user_id) '{"id": "u1"}' is an object, not a single value: write the id as a string or number`,
      },
      {
        line: 7,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `\`who\` (events.user_id) '["u1"]' is an array, not a single value: write the id as a string or number`,
      },
      {
        line: 9,
        column: 'user_id',
        reason_code: 'missing_required',
        reason: '`who` (events.user_id) is empty but required',
      },
      {
        line: 10,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `\`who\` (events.user_id) 'true' is a true/false value, not an id: write the id as a string or number`,
      },
      {
        line: 12,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `\`refs\` (events.event_id) '[]' is an array, not a single value: write the id as a string or number`,
      },
    ]);
    // A JSON string is its text (no quotes), a JSON number its digits, as in JSON Lines.
    expect(
      await queryDatabase(
        nestedUrl,
        'select event_id, account_id, user_id, event_name, _line from raw.events order by _line',
      ),
    ).toEqual([
      { event_id: null, account_id: '00001', user_id: 'u1', event_name: 'login', _line: 1 },
      { event_id: null, account_id: '00001', user_id: '12', event_name: 'login', _line: 8 },
      // Text that looks like JSON, in a text column, is text.
      { event_id: null, account_id: '00001', user_id: 'u2', event_name: '["login"]', _line: 11 },
    ]);
  });

  it('is wrong_type for a PostgreSQL composite (an object) and for true/false feeding an id', async () => {
    expect(origin.code, origin.output).toBe(0);
    expect(flag.code, flag.output).toBe(0);
    expect(await quarantined(originUrl)).toEqual([
      {
        line: 2,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `\`origin\` (events.event_id) '{"app": "web", "version": 2}' is an object, not a single value: write the id as a string or number`,
      },
    ]);
    expect(await quarantined(flagUrl)).toEqual(
      ['true', 'false'].map((value, index) => ({
        line: index + 2,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `\`is_internal\` (events.event_id) '${value}' is a true/false value, not an id: write the id as a string or number`,
      })),
    );
    expect(await queryDatabase(flagUrl, 'select event_id, _line from raw.events')).toEqual([
      { event_id: null, _line: 1 },
    ]);
  });
});

describe('a column whose type is a domain over jsonb, in a table with a column named _line', () => {
  it('is read and judged as jsonb: a dotted name reaches into it, an object is wrong_type, a string its text', async () => {
    expect(domain.code, domain.output).toBe(0);
    expect(await quarantined(domainUrl)).toEqual([
      {
        line: 2,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `\`context.groupId\` (events.account_id) '{"id": "00001"}' is an object, not a single value: write the id as a string or number`,
      },
      {
        line: 3,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `\`who\` (events.user_id) '{"id": "u1"}' is an object, not a single value: write the id as a string or number`,
      },
    ]);
    // Numbered by the key, whatever the vendor's own `_line` holds; the quarantined rows keep it.
    expect(await queryDatabase(domainUrl, 'select account_id, user_id, _line from raw.events')).toEqual([
      { account_id: '00001', user_id: 'u1', _line: 1 },
    ]);
    expect(
      await queryDatabase(
        domainUrl,
        `select line, raw::jsonb->>'_line' as vendor_line from quarantine.events order by line`,
      ),
    ).toEqual([
      { line: 2, vendor_line: 'b' },
      { line: 3, vendor_line: 'c' },
    ]);
  });
});

describe('a list of time formats on a PostgreSQL table source', () => {
  it('reads each value in the first format that fits, on the server', async () => {
    expect(formats.code, formats.output).toBe(0);
    expect(
      await queryDatabase(
        formatsUrl,
        `select _line, to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS.MS') as occurred_at from raw.events order by _line`,
      ),
    ).toEqual([
      { _line: 1, occurred_at: '2025-03-01 10:00:00.000' },
      { _line: 2, occurred_at: '2025-03-01 10:00:00.000' },
      { _line: 3, occurred_at: '2025-03-01 10:00:00.000' },
      { _line: 4, occurred_at: '2025-03-01 10:00:00.500' },
      { _line: 6, occurred_at: '2025-03-01 10:00:00.000' },
      // Beyond what PostgreSQL's numeric holds, read as DuckDB reads it.
      { _line: 8, occurred_at: '2025-03-01 10:00:00.000' },
      // Wall-clock times of the source's time_zone, converted on the server.
      { _line: 9, occurred_at: '2025-03-01 10:00:00.000' },
      { _line: 10, occurred_at: '2025-03-01 10:00:00.000' },
    ]);
  });

  it('quarantines a value no format reads as wrong_type naming every format tried', async () => {
    expect(await quarantined(formatsUrl)).toEqual([
      {
        line: 5,
        column: 'occurred_at',
        reason_code: 'wrong_type',
        reason:
          "`sent` (events.occurred_at) '2025/03/01' does not match any of the formats iso, epoch_s, epoch_ms",
      },
      {
        // Beyond any double on PostgreSQL, infinite on DuckDB: no instant either way, and the run goes on.
        line: 7,
        column: 'occurred_at',
        reason_code: 'wrong_type',
        reason: `\`sent\` (events.occurred_at) '${'9'.repeat(57)}...' does not match any of the formats iso, epoch_s, epoch_ms`,
      },
    ]);
  });
});

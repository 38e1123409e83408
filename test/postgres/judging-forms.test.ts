// The judging SQL's per-engine forms (packages/core/src/ingest/judging-forms.ts): every type's parsing,
// and the declared formats, give the same value, or the same NULL (a wrong_type), on DuckDB and on
// PostgreSQL for texts at the edges of what the contract accepts. Values are compared as text rendered the
// same way on both engines.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withSqlEngine } from '../../packages/core/src/dialect/sql-engine.js';
import { typedValue } from '../../packages/core/src/ingest/column-parsing.js';
import type { SourceColumn, SourceColumnType } from '../../packages/core/src/ingest/source-definition.js';
import { sqlString } from '../../packages/core/src/ingest/sql-text.js';
import { PostgresWarehouse } from '../../packages/core/src/warehouse/postgres-warehouse.js';
import { Warehouse } from '../../packages/core/src/warehouse/warehouse.js';
import { createTestDatabase } from '../support/postgres-database.js';

const TEXTS: Record<string, { type: SourceColumnType; format?: string; texts: string[] }> = {
  timestamp: {
    type: 'timestamp',
    texts: [
      '2025-02-07',
      '2025-02-07T04:03:23Z',
      '2025-02-07t04:03:23z',
      '2025-02-07 04:03:23',
      '2025-02-07 04:03',
      '2025-02-07T04:03Z',
      '2025-02-07T04:03+02:00',
      '2025-02-07t04:03z',
      '2025-02-07 04:03-0530',
      '2025-02-07T24:00Z',
      '2025-02-07T24:01Z',
      '2025-02-07T04:60Z',
      '2025-02-07T04:03:23+02',
      '2025-02-07T04:03:23+0530',
      '2025-02-07T04:03:23-05:30',
      '2025-02-07T04:03:23+16:00',
      '2025-02-07T04:03:23+99',
      '2025-02-07T04:03:23+00:60',
      '2025-02-07 04:03:23.5',
      '2025-02-07 04:03:23.1234567',
      '2025-02-07 04:03:23.9999999',
      '2025-02-07 24:00:00',
      '2025-02-07 24:00',
      '2025-02-07 24:00:01',
      '2025-02-07 24:00:00.5',
      '2025-02-07 23:59:60',
      '2025-02-07 23:60:00',
      '2025-02-07 25:00:00',
      '2025-02-29 10:00:00',
      '2024-02-29 10:00:00',
      '2024-12-31T23:30:00-01:00',
      '1900-02-29',
      '2000-02-29',
      '2025/02/07',
      '2025-2-7',
      '07/02/2025',
    ],
  },
  date: {
    type: 'date',
    texts: [
      '2025-02-07',
      '2024-02-29',
      '2023-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-2-07',
      '20250207',
    ],
  },
  month: { type: 'month', texts: ['2024-02', '2024-13', '2024-00', '2024-02-29', '2023-02-29', '2024-2'] },
  money: {
    type: 'money',
    texts: [
      '49.90',
      '-3',
      '+3.',
      '.5',
      '1e3',
      '1.5E-2',
      '0.1',
      '1e308',
      '1.7976931348623157e308',
      '1e309',
      '1e400',
      '1e1000',
      '4.9e-324',
      '1e-320',
      '1e-400',
      '1e-1000',
      '$5',
      '1,000',
      'NaN',
      'inf',
      // Beyond PostgreSQL's numeric (131,072 digits before the point, 16,383 after): DuckDB reads them.
      `49.${'0'.repeat(20_000)}1`,
      '9'.repeat(200_000),
      `-${'0'.repeat(200_000)}12.5`,
      `1${'0'.repeat(2_000)}e-999`,
      `1${'0'.repeat(1_300)}e-999`,
      `0.${'0'.repeat(1_200)}5e999`,
      // Exponents of four digits or more, beyond what PostgreSQL's numeric input takes.
      '5e-0002',
      '-2.5E+0003',
      `1${'0'.repeat(2_000)}e-2000`,
      `-${'0'.repeat(50)}12.5${'0'.repeat(3_000)}e-3001`,
      `0.${'0'.repeat(1_500)}7e1505`,
      '9e-4000',
      '9e4000',
      '0e99999',
      '0.000e-99999',
      '1e-9999999999999',
      '1e+9999999999999',
      '1.5e0308',
      '1.8e0308',
      '2.4e-0324',
      '2.5e-0324',
    ],
  },
  integer: {
    type: 'integer',
    texts: [
      '7',
      '7.0',
      '7.00',
      '-0',
      '+12',
      '7.5',
      '2147483647',
      '2147483648',
      '-2147483648',
      '99999999999',
      '1e2',
      '9'.repeat(200_000),
      `7.${'0'.repeat(20_000)}`,
    ],
  },
  boolean: { type: 'boolean', texts: ['true', 'FALSE', '1', '0', 'yes', 't'] },
  currency: { type: 'currency', texts: ['usd', 'EUR', 'US', 'EURO', '€€€'] },
  enum: { type: { enum: ['paid', 'open'] }, texts: ['paid', 'PAID', 'Open', 'unpaid'] },
  epoch_s: {
    type: 'timestamp',
    format: 'epoch_s',
    texts: [
      '1700000000',
      '1700000000.25',
      '-1',
      '99999999999',
      '99999999999999',
      '1e9',
      'x',
      // Beyond PostgreSQL's double (DuckDB: infinity) and numeric's 16,383 decimals (DuckDB reads it).
      '9'.repeat(400),
      `1700000000.${'0'.repeat(20_000)}`,
      `-${'0'.repeat(1_000)}1700000000`,
    ],
  },
  epoch_ms: { type: 'timestamp', format: 'epoch_ms', texts: ['1700000000123', '1700000000123.5', '-1000'] },
  epoch_date: { type: 'date', format: 'epoch_s', texts: ['1700000000', '86399', '-1'] },
  minor_units: {
    type: 'money',
    format: 'minor_units',
    texts: ['4990', '-100', '12.5', '1234567890123456789'],
  },
};

/** Each engine renders the typed value as the same text (NULL stays NULL). */
function rendered(type: SourceColumnType, typed: string, engine: 'duckdb' | 'postgres'): string {
  const duck = engine === 'duckdb';
  if (type === 'timestamp')
    return duck
      ? `strftime(${typed}, '%Y-%m-%d %H:%M:%S.%f')`
      : `to_char(${typed}, 'YYYY-MM-DD HH24:MI:SS.US')`;
  if (type === 'date' || type === 'month')
    return duck ? `strftime(${typed}, '%Y-%m-%d')` : `to_char(${typed}, 'YYYY-MM-DD')`;
  if (type === 'money' || type === 'integer') return `(${typed})::double precision::varchar`;
  return `(${typed})::varchar`;
}

function query(name: string, engine: 'duckdb' | 'postgres'): string {
  const { type, format, texts } = TEXTS[name]!;
  const column: SourceColumn = { name: 'value', type, description: 'a value', ...(format ? { format } : {}) };
  const typed = withSqlEngine(engine, () =>
    typedValue(column, 'v', name === 'minor_units' ? 'c' : undefined),
  );
  const rows = texts
    .map((text, index) => `select ${index} as i, ${sqlString(text)} as v, 'USD' as c`)
    .join(' union all ');
  return `select i, ${rendered(type, typed, engine)} as value from (${rows}) as texts order by i`;
}

let duckdb: Warehouse;
let postgres: PostgresWarehouse;

beforeAll(async () => {
  duckdb = await Warehouse.open(':memory:');
  postgres = await PostgresWarehouse.connect(await createTestDatabase(inject('postgresUrl'), 'forms'));
});
afterAll(async () => {
  await duckdb?.close();
  await postgres?.close();
});

describe('parsing a text into its contract type', () => {
  it.each(Object.keys(TEXTS))('%s: the same values and NULLs on both engines', async (name) => {
    const onDuckdb = await duckdb.query<{ value: string | null }>(query(name, 'duckdb'));
    const onPostgres = await postgres.query<{ value: string | null }>(query(name, 'postgres'));
    const texts = TEXTS[name]!.texts;
    // Numbers as JS numbers: DuckDB prints 7.0 where PostgreSQL prints 7.
    const shown = (value: string | null) =>
      value !== null && /^-?\d/.test(value) && !Number.isNaN(Number(value)) ? String(Number(value)) : value;
    const table = (rows: { value: string | null }[]) =>
      rows.map((row, index) => `${texts[index]} → ${shown(row.value)}`);
    expect(table(onPostgres)).toEqual(table(onDuckdb));
  });
});

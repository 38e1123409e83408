// Every expression helper with a per-engine form gives the same values, and the same column types, on
// DuckDB and on PostgreSQL: each helper is compiled for each engine (withSqlEngine), materialised as a
// table on each, and the two tables compared (types by their DuckDB names, values exactly apart from
// doubles, which may differ in the last bits).
import {
  argMaxBy,
  asDate,
  asDouble,
  asInteger,
  asText,
  calendarDaysBetween,
  countOrZero,
  countWhere,
  dateValue,
  dayOfMonth,
  daysBetween,
  endOfDay,
  exactSum,
  exactSumWhere,
  hashOf,
  hoursBetween,
  isInList,
  lastDayOfMonth,
  type ModelWarehouse,
  microsecondsBetween,
  minusDays,
  moneyOrZero,
  monthStart,
  monthsBefore,
  monthsBetween,
  PostgresWarehouse,
  plusDays,
  plusMonths,
  quantileCont,
  roundTo,
  runningSum,
  type SqlEngine,
  safeRatio,
  snapshotDay,
  sumInSortedOrder,
  sumWhere,
  toSignificantDigits,
  truncateToMonth,
  unnestMonths,
  unnestSeries,
  Warehouse,
  withSqlEngine,
} from '@pulse/core';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-database.js';

interface T {
  t: {
    id: number;
    g: string;
    d: string;
    d2: string;
    ts1: Date;
    ts2: Date | null;
    n: number;
    m: number;
    x: number | null;
    s: string;
  };
}

const ROWS = [
  `(1, 'a', date '2024-01-31', date '2024-03-01', timestamp '2024-01-31 22:30:00', timestamp '2024-02-02 01:15:30.25', 3, 4, 1.25, 'a')`,
  `(2, 'a', date '2024-02-29', date '2025-02-01', timestamp '2024-02-29 00:00:00', timestamp '2024-02-29 00:00:00', 1, 0, 2.35, 'b')`,
  `(3, 'b', date '2023-12-15', date '2023-12-01', timestamp '2023-12-15 10:00:00', null, 7, 2, null, 'c')`,
  `(4, 'b', date '2024-06-30', date '2024-07-31', timestamp '2024-06-30 23:59:59.999999', timestamp '2024-07-01 00:00:00', 0, 5, 10.05, 'a')`,
  // Rounding: a double just below a half (PostgreSQL's double → NUMERIC keeps 15 digits and rounds it up),
  // and an exact half (away from zero in DuckDB, to even in PostgreSQL's round of a double).
  `(5, 'c', date '2024-03-10', date '2024-03-10', timestamp '2024-03-10 00:00:00', null, 2, 1, 73.74999999999999, 'b')`,
  `(6, 'c', date '2024-03-11', date '2024-03-11', timestamp '2024-03-11 00:00:00', null, 2, 1, 0.25, 'b')`,
];
const COLUMNS =
  'id integer, g varchar, d date, d2 date, ts1 timestamp, ts2 timestamp, n integer, m integer, x double, s varchar';

type Select = (db: Kysely<T>) => { compile(): { sql: string; parameters: readonly unknown[] } };

const CASES: Record<string, Select> = {
  'row-wise date, time and number helpers': (db) =>
    db
      .selectFrom('t')
      .select((eb) => [
        'id',
        asDate(monthsBefore(eb, 'd', 1)).as('months_before'),
        asDate(plusMonths(eb, 'd', 'n')).as('plus_months'),
        monthStart(eb, 'ts1').as('month_start_ts'),
        monthStart(eb, 'd').as('month_start_date'),
        asDate(truncateToMonth(eb, 'd')).as('truncated'),
        monthsBetween(eb, 'd', 'd2').as('months_between'),
        plusDays(eb, 'd', 3).as('plus_days'),
        minusDays(eb, 'd', eb.ref('n')).as('minus_days'),
        calendarDaysBetween(eb, 'd', 'd2').as('calendar_days'),
        calendarDaysBetween(eb, eb.val(null), 'd').as('calendar_days_null'),
        snapshotDay(eb, 'd', '2024-02-15').as('snapshot_day'),
        lastDayOfMonth(eb, 'd').as('last_day'),
        dayOfMonth(eb.ref('d')).as('day_of_month'),
        endOfDay(eb.ref('d')).as('end_of_day'),
        hoursBetween(eb, 'ts1', 'ts2').as('hours'),
        daysBetween(eb, 'ts1', 'ts2').as('days'),
        microsecondsBetween(eb, 'ts1', 'ts2').as('micros'),
        safeRatio(eb, 'n', 'm').as('ratio'),
        moneyOrZero(eb, 'x').as('money'),
        countOrZero(eb, eb.ref('x')).as('count_or_zero'),
        asDouble(eb.ref('n')).as('as_double'),
        asInteger(eb.ref('x')).as('as_integer'),
        asText(eb.ref('d')).as('as_text'),
        isInList(eb, 's', ['a', 'b']).as('in_list'),
        isInList(eb, 's', []).as('in_empty_list'),
        roundTo(eb.ref('x'), 1).as('rounded'),
        toSignificantDigits(eb.ref('x'), 3).as('significant'),
        dateValue('2024-05-06').as('date_value'),
      ])
      .orderBy('id'),
  aggregates: (db) =>
    db
      .selectFrom('t')
      .select((eb) => [
        'g',
        sumWhere(eb, 'x', eb('n', '>', 0)).as('sum_where'),
        countWhere(eb, eb('n', '>', 0)).as('count_where'),
        quantileCont(eb, 'x', 0.5).as('median'),
        quantileCont(eb, 'n', 0.25).as('quartile'),
        sumInSortedOrder(eb, 'x').as('sorted_sum'),
        exactSum(eb, 'x').as('exact_sum'),
        exactSumWhere(eb, 'x', eb('n', '>', 0)).as('exact_sum_where'),
        // The hashes differ between engines; equal values share one, so the distinct counts agree.
        eb.fn.count(hashOf(eb, 's')).distinct().as('distinct_hashes'),
        // NULL for NULL on both engines (DuckDB's own hash of a NULL is a value): rows 3, 5 and 6 have no ts2.
        eb.fn.count(hashOf(eb, asText(eb.ref('ts2')))).as('hashed_non_null'),
        argMaxBy(eb, 's', { at: 'ts1', id: 'id' }).as('latest_s'),
      ])
      .groupBy('g')
      .orderBy('g'),
  windows: (db) =>
    db
      .selectFrom('t')
      .select((eb) => ['id', runningSum(eb, 'x', { partitionBy: ['g'], orderBy: 'id' }).as('running')])
      .orderBy('id'),
  'month series': (db) =>
    db
      .selectNoFrom(() => [unnestMonths(dateValue('2024-01-01'), dateValue('2024-04-01')).as('month')])
      .orderBy('month'),
  'number series': (db) =>
    db.selectNoFrom(() => [unnestSeries(sql.lit(1), sql.lit(9), sql.lit(4)).as('value')]).orderBy('value'),
};

let duckdb: Warehouse;
let postgres: PostgresWarehouse;

beforeAll(async () => {
  duckdb = await Warehouse.open(':memory:');
  postgres = await PostgresWarehouse.connect(await createTestDatabase(inject('postgresUrl'), 'expressions'));
  for (const warehouse of [duckdb, postgres] as ModelWarehouse[]) {
    const columns =
      warehouse.engine === 'postgres' ? COLUMNS.replaceAll('double', 'double precision') : COLUMNS;
    await warehouse.exec(`create table t (${columns})`);
    await warehouse.exec(`insert into t values ${ROWS.join(', ')}`);
  }
});
afterAll(async () => {
  await duckdb.close();
  await postgres.close();
});

async function materialise(warehouse: ModelWarehouse, engine: SqlEngine, name: string, select: Select) {
  const compiled = withSqlEngine(engine, () => select(warehouse.db<T>()).compile());
  const table = `case_${name.replace(/\W+/g, '_')}`;
  await warehouse.exec(`create table ${table} as ${compiled.sql}`, compiled.parameters);
  const relation = await warehouse.relation(warehouse.engine === 'duckdb' ? 'main' : 'public', table);
  return {
    types: relation?.columns.map((column) => `${column.name} ${column.dataType}`),
    rows: await warehouse.query(`select * from ${table}`),
  };
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('expression helpers on DuckDB and PostgreSQL', () => {
  for (const [name, select] of Object.entries(CASES)) {
    it(`${name}: same column types and values`, async () => {
      const onDuckdb = await materialise(duckdb, 'duckdb', name, select);
      const onPostgres = await materialise(postgres, 'postgres', name, select);
      expect(onPostgres.types).toEqual(onDuckdb.types);
      expect(onPostgres.rows.length).toBe(onDuckdb.rows.length);
      const differences = onDuckdb.rows.flatMap((row, index) =>
        Object.entries(row)
          .filter(([column, value]) => !close(value, onPostgres.rows[index]![column]))
          .map(
            ([column, value]) =>
              `row ${index + 1} ${column}: ${String(value)} vs ${String(onPostgres.rows[index]![column])}`,
          ),
      );
      expect(differences).toEqual([]);
    });
  }

  it('the PostgreSQL forms are really different SQL (the engine scope reaches the helpers)', () => {
    const text = (engine: SqlEngine) =>
      withSqlEngine(
        engine,
        () => CASES['row-wise date, time and number helpers']!(duckdb.db<T>()).compile().sql,
      );
    expect(text('duckdb')).toContain('to_months(');
    expect(text('postgres')).not.toContain('to_months(');
    expect(text('postgres')).toContain("interval '1 month'");
  });
});

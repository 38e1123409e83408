import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  hashOf,
  hoursBetween,
  integerValue,
  isInList,
  lastDayOfMonth,
  microsecondsBetween,
  minusDays,
  moneyOrZero,
  monthStart,
  monthsBefore,
  monthsBetween,
  overRows,
  plusDays,
  plusMonths,
  quantileCont,
  runningSum,
  safeRatio,
  snapshotDay,
  sumInSortedOrder,
  sumWhere,
  truncateToMonth,
  unnestMonths,
  unnestSeries,
  Warehouse,
} from '../../src/index.js';

// This file is type-checked by `tsc -p packages/core/tsconfig.json`: each `@ts-expect-error` below must
// stay an error, or tsc fails with "Unused '@ts-expect-error' directive".

interface Db {
  't.rows': {
    grp: string;
    kind: string;
    amount: number | null;
    n: number | null;
    d: string;
    ts: Date;
  };
}

let warehouse: Warehouse;
let db: Kysely<Db>;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  await warehouse.exec('create schema t');
  await warehouse.exec(`
    create table t.rows as
    select * from (values
      ('a', 'new', 10.0::double, 4, date '2024-03-31', timestamp '2024-03-15 23:59:59'),
      ('a', 'churn', -4.0, 0, date '2024-01-01', timestamp '2024-01-01 00:00:00'),
      ('a', 'new', null, null, date '2023-12-15', timestamp '2023-12-31 12:00:00'),
      ('b', 'churn', 2.5, 2, date '2024-02-29', timestamp '2024-02-29 08:00:00')
    ) as v(grp, kind, amount, n, d, ts)`);
  db = warehouse.db<Db>();
});

afterAll(async () => {
  await warehouse.close();
});

describe('conditional aggregates', () => {
  const query = () =>
    db
      .selectFrom('t.rows')
      .select((eb) => [
        'grp',
        sumWhere(eb, 'amount', eb('kind', '=', 'new')).as('new_amount'),
        countWhere(eb, eb('kind', '=', 'new')).as('new_rows'),
        sumWhere(eb, 'amount', eb('kind', '=', 'none')).as('no_amount'),
      ])
      .groupBy('grp')
      .orderBy('grp');

  it('compile to sum/count with a filter clause', () => {
    expect(query().compile().sql).toBe(
      'select "grp", sum("amount") filter(where "kind" = $1) as "new_amount", ' +
        'count(*) filter(where "kind" = $2) as "new_rows", sum("amount") filter(where "kind" = $3) as "no_amount" ' +
        'from "t"."rows" group by "grp" order by "grp"',
    );
  });

  it('sum the matching rows (null when none match), count them (0 when none match)', async () => {
    expect(await query().execute()).toEqual([
      { grp: 'a', new_amount: 10, new_rows: 2, no_amount: null },
      { grp: 'b', new_amount: null, new_rows: 0, no_amount: null },
    ]);
  });
});

describe('safeRatio', () => {
  it('divides, and gives null for a zero or null denominator', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        safeRatio(eb, 'amount', 'n').as('ratio'),
        safeRatio(eb, 'n', eb.lit(3)).as('third'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      'select "d", "amount" / nullif("n", 0) as "ratio", "n" / nullif(3, 0) as "third" from "t"."rows" order by "d"',
    );
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', ratio: null, third: null },
      { d: '2024-01-01', ratio: null, third: 0 },
      { d: '2024-02-29', ratio: 1.25, third: 2 / 3 },
      { d: '2024-03-31', ratio: 2.5, third: 4 / 3 },
    ]);
  });
});

describe('coalesced money and counts, casts', () => {
  it('read null as 0 and cast to DOUBLE or INTEGER', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        moneyOrZero(eb, 'amount').as('money'),
        countOrZero(eb, 'n').as('count'),
        asDouble(eb('n', '+', eb.lit(1))).as('n_plus_one'),
        asInteger(eb.lit(2.6)).as('rounded'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      'select "d", coalesce("amount", 0)::double as "money", coalesce("n", 0)::integer as "count", ' +
        '("n" + 1)::double as "n_plus_one", (2.6::double)::integer as "rounded" from "t"."rows" order by "d"',
    );
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', money: 0, count: 0, n_plus_one: null, rounded: 3 },
      { d: '2024-01-01', money: -4, count: 0, n_plus_one: 1, rounded: 3 },
      { d: '2024-02-29', money: 2.5, count: 2, n_plus_one: 3, rounded: 3 },
      { d: '2024-03-31', money: 10, count: 4, n_plus_one: 5, rounded: 3 },
    ]);
    const types = await warehouse.query(
      `select typeof(coalesce(amount, 0)::double) as money, typeof(coalesce(n, 0)::integer) as count from t.rows limit 1`,
    );
    expect(types).toEqual([{ money: 'DOUBLE', count: 'INTEGER' }]);
  });
});

describe('hashOf', () => {
  it('is a BIGINT, equal for equal values, and NULL for NULL (DuckDB hashes a NULL to a value)', async () => {
    const rows = await db
      .selectFrom('t.rows')
      .select((eb) => [
        'kind',
        'n',
        // Read as text: a 64-bit hash is beyond what a JS number holds exactly.
        asText(hashOf(eb, 'kind')).as('kind_hash'),
        asText(hashOf(eb, asText(eb.ref('n')))).as('n_hash'),
        eb.fn<string>('typeof', [hashOf(eb, 'kind')]).as('type'),
      ])
      .orderBy('ts')
      .execute();
    expect(rows.map((row) => row.type)).toEqual(['BIGINT', 'BIGINT', 'BIGINT', 'BIGINT']);
    const byKind = new Map(rows.map((row) => [row.kind, row.kind_hash]));
    expect(rows.every((row) => row.kind_hash === byKind.get(row.kind))).toBe(true);
    expect(byKind.get('new')).not.toBe(byKind.get('churn'));
    expect(rows.map((row) => row.n_hash === null)).toEqual(rows.map((row) => row.n === null));
  });
});

describe('text, last days and sums in sorted order', () => {
  it('casts to text, finds the last day of a month and sums a group in ascending order', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => ['d', asText(eb.ref('d')).as('text'), lastDayOfMonth(eb, 'd').as('last_day')])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      'select "d", ("d")::varchar as "text", last_day("d") as "last_day" from "t"."rows" order by "d"',
    );
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', text: '2023-12-15', last_day: '2023-12-31' },
      { d: '2024-01-01', text: '2024-01-01', last_day: '2024-01-31' },
      { d: '2024-02-29', text: '2024-02-29', last_day: '2024-02-29' },
      { d: '2024-03-31', text: '2024-03-31', last_day: '2024-03-31' },
    ]);
    const sums = db
      .selectFrom('t.rows')
      .select((eb) => ['grp', sumInSortedOrder(eb, 'amount').as('total')])
      .groupBy('grp')
      .orderBy('grp');
    expect(sums.compile().sql).toBe(
      'select "grp", list_sum(list_sort(list("amount"))) as "total" from "t"."rows" group by "grp" order by "grp"',
    );
    // Group a: 10 + (-4), the null skipped; group b: 2.5.
    expect(await sums.execute()).toEqual([
      { grp: 'a', total: 6 },
      { grp: 'b', total: 2.5 },
    ]);
  });

  it('gives the same bits for the same values in any row order, where a plain sum may not', async () => {
    // 1e16 + 1 + 1 loses both ones when added left to right; sorted ascending, 1 + 1 + 1e16 keeps them.
    const values = (order: string) =>
      `select * from (values (1e16::double, 1), (1.0, 2), (1.0, 3)) as v(x, k) order by k ${order}`;
    const sorted = async (order: string) =>
      (await warehouse.query(`select list_sum(list_sort(list(x))) as s from (${values(order)})`))[0];
    expect(await sorted('asc')).toEqual(await sorted('desc'));
    expect(await sorted('asc')).toEqual({ s: 1e16 + 2 });
  });
});

describe('month arithmetic', () => {
  it('months before, month start and months between', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        asDate(monthsBefore(eb, 'd', 1)).as('month_before'),
        eb('d', '=', monthsBefore(eb, eb.ref('d'), 0)).as('same_day'),
        monthStart(eb, 'ts').as('ts_month'),
        monthsBetween(eb, monthStart(eb, 'd'), monthStart(eb, 'ts')).as('months'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      'select "d", ("d" - interval 1 month)::date as "month_before", "d" = "d" - interval 0 month as "same_day", ' +
        `date_trunc('month', "ts")::date as "ts_month", ` +
        `datediff('month', date_trunc('month', "d")::date, date_trunc('month', "ts")::date) as "months" ` +
        'from "t"."rows" order by "d"',
    );
    expect(await query.execute()).toEqual([
      // DuckDB clamps to the last day of a shorter month.
      { d: '2023-12-15', month_before: '2023-11-15', same_day: true, ts_month: '2023-12-01', months: 0 },
      { d: '2024-01-01', month_before: '2023-12-01', same_day: true, ts_month: '2024-01-01', months: 0 },
      { d: '2024-02-29', month_before: '2024-01-29', same_day: true, ts_month: '2024-02-01', months: 0 },
      { d: '2024-03-31', month_before: '2024-02-29', same_day: true, ts_month: '2024-03-01', months: 0 },
    ]);
    const span = await db
      .selectFrom('t.rows')
      .select((eb) => monthsBetween(eb, eb.fn.min('d'), eb.fn.max('d')).as('months'))
      .execute();
    expect(span).toEqual([{ months: 3 }]); // December 2023 to March 2024
  });

  it('rejects a fractional month count', () => {
    expect(() => db.selectFrom('t.rows').select((eb) => monthsBefore(eb, 'd', 1.5).as('x'))).toThrow(
      TypeError,
    );
  });
});

describe('quantileCont', () => {
  it('interpolates, ignores nulls, and is null on an empty group', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'grp',
        quantileCont(eb, 'amount', 0.5).as('median'),
        quantileCont(eb, 'n', 0.9).as('p90'),
      ])
      .groupBy('grp')
      .orderBy('grp');
    expect(query.compile().sql).toBe(
      'select "grp", quantile_cont("amount", 0.5) as "median", quantile_cont("n", 0.9) as "p90" from "t"."rows" group by "grp" order by "grp"',
    );
    expect(await query.execute()).toEqual([
      { grp: 'a', median: 3, p90: 3.6 },
      { grp: 'b', median: 2.5, p90: 2 },
    ]);
    const empty = await db
      .selectFrom('t.rows')
      .where('grp', '=', 'none')
      .select((eb) => quantileCont(eb, 'amount', 0.5).as('median'))
      .execute();
    expect(empty).toEqual([{ median: null }]);
  });

  it('rejects a quantile outside [0, 1]', () => {
    expect(() => db.selectFrom('t.rows').select((eb) => quantileCont(eb, 'amount', 50).as('x'))).toThrow(
      RangeError,
    );
  });
});

describe('days, snapshot days and elapsed time', () => {
  it('adds and subtracts days, bound dates and integers', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        plusDays(eb, 'd', integerValue(2)).as('plus_two'),
        minusDays(eb, 'd', 1).as('day_before'),
        eb(plusDays(eb, 'd', 1), '<=', dateValue('2024-03-01')).as('by_march'),
        asDate(plusMonths(eb, 'd', eb.lit(1))).as('month_later'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      'select "d", "d" + $1::integer as "plus_two", "d" - 1 as "day_before", "d" + 1 <= $2::date as "by_march", ' +
        '("d" + to_months(1))::date as "month_later" from "t"."rows" order by "d"',
    );
    expect(await query.execute()).toEqual([
      {
        d: '2023-12-15',
        plus_two: '2023-12-17',
        day_before: '2023-12-14',
        by_march: true,
        month_later: '2024-01-15',
      },
      {
        d: '2024-01-01',
        plus_two: '2024-01-03',
        day_before: '2023-12-31',
        by_march: true,
        month_later: '2024-02-01',
      },
      {
        d: '2024-02-29',
        plus_two: '2024-03-02',
        day_before: '2024-02-28',
        by_march: true,
        month_later: '2024-03-29',
      },
      {
        d: '2024-03-31',
        plus_two: '2024-04-02',
        day_before: '2024-03-30',
        by_march: false,
        month_later: '2024-04-30',
      },
    ]);
  });

  it('counts calendar days between two dates, negative backwards', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        calendarDaysBetween(eb, 'd', dateValue('2024-03-01')).as('to_march'),
        calendarDaysBetween(eb, eb.val(null), 'd').as('from_null'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toBe(
      `select "d", datediff('day', "d", $1::date) as "to_march", datediff('day', $2, "d") as "from_null" ` +
        'from "t"."rows" order by "d"',
    );
    // 2024 is a leap year: Feb 29th is one day before March 1st.
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', to_march: 77, from_null: null },
      { d: '2024-01-01', to_march: 60, from_null: null },
      { d: '2024-02-29', to_march: 1, from_null: null },
      { d: '2024-03-31', to_march: -30, from_null: null },
    ]);
  });

  it('measures a month on its last day, or on the as-of date in the current month', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        snapshotDay(eb, monthStart(eb, 'd'), '2024-03-10').as('snapshot'),
        dayOfMonth(snapshotDay(eb, monthStart(eb, 'd'), '2024-03-10')).as('days'),
        eb('ts', '<', endOfDay(snapshotDay(eb, monthStart(eb, 'd'), '2024-03-10'))).as('before_end'),
      ])
      .orderBy('d');
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', snapshot: '2023-12-31', days: 31, before_end: true },
      { d: '2024-01-01', snapshot: '2024-01-31', days: 31, before_end: true },
      { d: '2024-02-29', snapshot: '2024-02-29', days: 29, before_end: true },
      // 2024-03-15 23:59:59 is after the end of the as-of day 2024-03-10.
      { d: '2024-03-31', snapshot: '2024-03-10', days: 10, before_end: false },
    ]);
  });

  it('hours and exact microseconds between timestamps, null when one is null', async () => {
    const query = db
      .selectFrom('t.rows as a')
      .innerJoin('t.rows as b', 'b.grp', 'a.grp')
      .where('a.kind', '=', 'churn')
      .where('b.kind', '=', 'new')
      .select((eb) => [
        hoursBetween(eb, 'a.ts', 'b.ts').as('hours'),
        microsecondsBetween(eb, 'a.ts', 'b.ts').as('us'),
        hoursBetween(eb, 'a.ts', eb.val(null)).as('none'),
      ])
      .orderBy('hours');
    expect(await query.execute()).toEqual([
      { hours: -12, us: -12 * 3600e6, none: null },
      { hours: (74 * 86400 + 86399) / 3600, us: (74 * 86400 + 86399) * 1e6, none: null },
    ]);
  });
});

describe('days between and list membership', () => {
  it('days between timestamps, fractional; membership in a bound list, false for an empty one', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'd',
        daysBetween(eb, eb.ref('ts'), eb.val(new Date('2024-03-16T00:00:00Z'))).as('days'),
        isInList(eb, 'kind', ['churn', 'expansion']).as('listed'),
        isInList(eb, 'kind', []).as('in_empty'),
      ])
      .orderBy('d');
    expect(query.compile().sql).toContain('list_contains($2, "kind") as "listed"');
    expect(await query.execute()).toEqual([
      { d: '2023-12-15', days: 75.5, listed: false, in_empty: false },
      { d: '2024-01-01', days: 75, listed: true, in_empty: false },
      { d: '2024-02-29', days: 15 + 2 / 3, listed: true, in_empty: false },
      { d: '2024-03-31', days: 1 / 86400, listed: false, in_empty: false },
    ]);
  });
});

describe('series, running sums and arg max', () => {
  it('unnests a number series and the months between two month starts', async () => {
    const numbers = await db
      .selectNoFrom((eb) => unnestSeries(eb.lit(3), eb.lit(9), eb.lit(3)).as('n'))
      .execute();
    expect(numbers).toEqual([{ n: 3 }, { n: 6 }, { n: 9 }]);
    const months = await db
      .selectFrom('t.rows')
      .select((eb) =>
        unnestMonths(eb.fn.min(truncateToMonth(eb, 'ts')), truncateToMonth(eb, dateValue('2024-03-10'))).as(
          'month',
        ),
      )
      .execute();
    expect(months.map((row) => row.month)).toEqual(['2023-12-01', '2024-01-01', '2024-02-01', '2024-03-01']);
  });

  it('sums up to the current row of each partition (a ROWS frame), skipping nulls', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => [
        'grp',
        'd',
        runningSum(eb, 'amount', { partitionBy: ['grp'], orderBy: 'd' }).as('running'),
      ])
      .orderBy('grp')
      .orderBy('d');
    expect(query.compile().sql).toContain(
      'sum("amount") over (partition by "grp" order by "d" rows between unbounded preceding and current row)',
    );
    expect(await query.execute()).toEqual([
      { grp: 'a', d: '2023-12-15', running: null },
      { grp: 'a', d: '2024-01-01', running: -4 },
      { grp: 'a', d: '2024-03-31', running: 6 },
      { grp: 'b', d: '2024-02-29', running: 2.5 },
    ]);
  });

  it('aggregates over any ROWS frame, e.g. the rows before the current one', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => {
        const previousTwo = { partitionBy: ['grp'], orderBy: 'd', rows: [-2, -1] } as const;
        return [
          'grp',
          'd',
          overRows(eb, eb.fn.avg<number | null>('amount'), previousTwo).as('mean_before'),
          overRows(eb, eb.fn.count<number>('amount'), previousTwo).as('count_before'),
          overRows(eb, eb.fn.max('d'), { partitionBy: ['grp'], orderBy: 'd', rows: [1, Infinity] }).as(
            'last_after',
          ),
        ];
      })
      .orderBy('grp')
      .orderBy('d');
    expect(query.compile().sql).toContain(
      'avg("amount") over (partition by "grp" order by "d" rows between 2 preceding and 1 preceding) as "mean_before"',
    );
    expect(query.compile().sql).toContain(
      'rows between 1 following and unbounded following) as "last_after"',
    );
    expect(await query.execute()).toEqual([
      { grp: 'a', d: '2023-12-15', mean_before: null, count_before: 0, last_after: '2024-03-31' },
      { grp: 'a', d: '2024-01-01', mean_before: null, count_before: 0, last_after: '2024-03-31' },
      { grp: 'a', d: '2024-03-31', mean_before: -4, count_before: 1, last_after: null },
      { grp: 'b', d: '2024-02-29', mean_before: null, count_before: 0, last_after: null },
    ]);
    expect(() =>
      db
        .selectFrom('t.rows')
        .select((eb) =>
          overRows(eb, eb.fn.countAll(), { partitionBy: ['grp'], orderBy: 'd', rows: [-1.5, 0] }).as('x'),
        ),
    ).toThrow(TypeError);
  });

  it('takes the value of the greatest ordering, later orderings breaking ties', async () => {
    const query = db
      .selectFrom('t.rows')
      .select((eb) => ['grp', argMaxBy(eb, 'd', { kind: 'kind', at: 'ts' }).as('latest')])
      .groupBy('grp')
      .orderBy('grp');
    expect(query.compile().sql).toBe(
      'select "grp", arg_max("d", struct_pack(kind := "kind", at := "ts")) as "latest" from "t"."rows" group by "grp" order by "grp"',
    );
    // Group a: kind 'new' beats 'churn'; of the two 'new' rows the later ts (2024-03-15) wins.
    expect(await query.execute()).toEqual([
      { grp: 'a', latest: '2024-03-31' },
      { grp: 'b', latest: '2024-02-29' },
    ]);
    expect(() =>
      db.selectFrom('t.rows').select((eb) => argMaxBy(eb, 'd', { 'bad name': 'ts' }).as('x')),
    ).toThrow(TypeError);
  });
});

describe('a misspelt column inside a helper is a compile error', () => {
  it('type-checks each helper operand against the query’s tables', () => {
    const misspelt = () =>
      db.selectFrom('t.rows').select((eb) => [
        // @ts-expect-error `amont` is not a column of t.rows.
        sumWhere(eb, 'amont', eb('kind', '=', 'new')).as('a'),
        // @ts-expect-error `kinds` is not a column of t.rows.
        countWhere(eb, eb('kinds', '=', 'new')).as('b'),
        // @ts-expect-error `nn` is not a column of t.rows.
        safeRatio(eb, 'amount', 'nn').as('c'),
        // @ts-expect-error `amount_` is not a column of t.rows.
        moneyOrZero(eb, 'amount_').as('d'),
        // @ts-expect-error `n2` is not a column of t.rows.
        countOrZero(eb, 'n2').as('e'),
        // @ts-expect-error `day` is not a column of t.rows.
        monthsBefore(eb, 'day', 12).as('f'),
        // @ts-expect-error `tstamp` is not a column of t.rows.
        monthStart(eb, 'tstamp').as('g'),
        // @ts-expect-error `other.d` names a table the query does not read.
        monthsBetween(eb, 'd', 'other.d').as('h'),
        // @ts-expect-error `amounts` is not a column of t.rows.
        quantileCont(eb, 'amounts', 0.5).as('i'),
        // @ts-expect-error `dd` is not a column of t.rows.
        plusDays(eb, 'dd', 1).as('j'),
        // @ts-expect-error `kindd` is not a column of t.rows.
        isInList(eb, 'kindd', ['new']).as('p'),
        // @ts-expect-error `tss` is not a column of t.rows.
        hoursBetween(eb, 'tss', 'ts').as('k'),
        // @ts-expect-error `amount2` is not a column of t.rows.
        runningSum(eb, 'amount2', { partitionBy: ['grp'], orderBy: 'd' }).as('l'),
        // @ts-expect-error `group` is not a column of t.rows.
        runningSum(eb, 'amount', { partitionBy: ['group'], orderBy: 'd' }).as('m'),
        // @ts-expect-error `score` is not a column of t.rows.
        argMaxBy(eb, 'score', { at: 'ts' }).as('n'),
        // @ts-expect-error `when` is not a column of t.rows.
        argMaxBy(eb, 'd', { at: 'when' }).as('o'),
        // @ts-expect-error `dday` is not a column of t.rows.
        lastDayOfMonth(eb, 'dday').as('q'),
        // @ts-expect-error `amout` is not a column of t.rows.
        sumInSortedOrder(eb, 'amout').as('r'),
      ]);
    expect(typeof misspelt).toBe('function');
  });
});

import { compileModel, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulseVars } from '../../src/config.js';
import { mrrAccountMonths } from '../../src/marts/mrr_account_months.js';
import { askDecision } from '../support/partition-decision.js';

const vars = { asOf: '2026-06-15', reportingCurrency: 'USD' } as unknown as PulseVars;
const schemas = new Map([
  ['int_account_months', 'intermediate'],
  ['mrr_account_months', 'marts'],
]);

/**
 * Accounts whose movements need the months before the rebuilt ones (June, from May on):
 * - A pays from January without a break: June is `none`, read against May;
 * - B paid in January, nothing from February: May is `none` (0 → 0), June `reactivation` (paid before May);
 * - C first pays in May, the month before the rebuilt ones: June reads May's MRR, `expansion`;
 * - D's first month is June: `new`;
 * - E has rows from March at 0 and first pays in June: its earlier rows are not rows of the mart, June is `new`;
 * - F churns in June.
 */
const MONTHS = `values
  ('A', date '2026-01-01', 10.0), ('A', date '2026-02-01', 10.0), ('A', date '2026-03-01', 10.0),
  ('A', date '2026-04-01', 10.0), ('A', date '2026-05-01', 10.0), ('A', date '2026-06-01', 10.0),
  ('B', date '2026-01-01', 5.0), ('B', date '2026-02-01', 0.0), ('B', date '2026-03-01', 0.0),
  ('B', date '2026-04-01', 0.0), ('B', date '2026-05-01', 0.0), ('B', date '2026-06-01', 7.0),
  ('C', date '2026-05-01', 3.0), ('C', date '2026-06-01', 4.0),
  ('D', date '2026-06-01', 9.0),
  ('E', date '2026-03-01', 0.0), ('E', date '2026-04-01', 0.0), ('E', date '2026-05-01', 0.0),
  ('E', date '2026-06-01', 2.0),
  ('F', date '2026-04-01', 8.0), ('F', date '2026-05-01', 8.0), ('F', date '2026-06-01', 0.0)`;

const rowsOf = async (warehouse: Warehouse, relation: string, from: string) =>
  warehouse.query(
    `select account_id, cast(month as varchar) as month, mrr, prev_mrr, movement, mrr_change from ${relation}
       where month >= date '${from}' order by account_id, month`,
  );

describe('mrr_account_months rebuilt from a month on', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
    await warehouse.exec(`create schema intermediate; create schema marts;
      create table intermediate.int_account_months as select * from (${MONTHS}) v(account_id, month, mrr);`);
    const whole = compileModel(mrrAccountMonths, warehouse.db(), schemas, vars);
    await warehouse.exec(
      `create table marts.mrr_account_months as ${whole.query.sql}`,
      whole.query.parameters,
    );
  });
  afterEach(() => warehouse.close());

  it('gives the rows of the whole build for the months rebuilt, movements read from the months before', async () => {
    for (const months of [['2026-06-01'], ['2026-05-01', '2026-06-01'], ['2026-02-01', '2026-03-01']]) {
      const partial = compileModel(mrrAccountMonths, warehouse.db(), schemas, vars, true, months);
      await warehouse.exec(
        `create or replace table marts.rebuilt as ${partial.query.sql}`,
        partial.query.parameters,
      );
      const rebuilt = await rowsOf(warehouse, 'marts.rebuilt', months[0]!);
      const whole = (await rowsOf(warehouse, 'marts.mrr_account_months', months[0]!)).filter((row) =>
        months.includes(row.month as string),
      );
      expect(rebuilt).toEqual(whole);
      expect(rebuilt.length).toBeGreaterThan(0);
    }
    const june = compileModel(mrrAccountMonths, warehouse.db(), schemas, vars, true, ['2026-06-01']);
    await warehouse.exec(`create or replace table marts.rebuilt as ${june.query.sql}`, june.query.parameters);
    // The movements the fixture is about, written out: a full build computing them wrong would pass above.
    expect(
      (await rowsOf(warehouse, 'marts.rebuilt', '2026-06-01')).map((row) => [row.account_id, row.movement]),
    ).toEqual([
      ['A', 'none'],
      ['B', 'reactivation'],
      ['C', 'expansion'],
      ['D', 'new'],
      ['E', 'new'],
      ['F', 'churn'],
    ]);
  });

  it('rebuilds every month from the earliest one int_account_months rebuilt, months that went included', async () => {
    const ask = askDecision(mrrAccountMonths.partitionBy!.changed, () => warehouse, {
      vars,
      previousVars: vars,
      relation: 'marts.mrr_account_months',
    });
    expect(await ask({})).toEqual([]);
    expect(await ask({ changedModels: new Map([['int_account_months', ['2026-05-01']]]) })).toEqual([
      '2026-05-01',
      '2026-06-01',
    ]);
    // July went from int_account_months (as_of moved back): the relation still holds it.
    await warehouse.exec(`insert into marts.mrr_account_months
      select account_id, date '2026-07-01', mrr, mrr, 'none', 0 from marts.mrr_account_months where month = date '2026-06-01'`);
    expect(await ask({ changedModels: new Map([['int_account_months', ['2026-06-01']]]) })).toEqual([
      '2026-06-01',
      '2026-07-01',
    ]);
    expect(await ask({ changedModels: new Map([['int_account_months', 'all']]) })).toBe('all');
  });
});

import { type DatabaseOf, RelationRefPlugin, schemaOf, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intAccountSegments, reportingSegments } from '../../src/intermediate/int_account_segments.js';
import { buildRevenue } from '../support/revenue-build.js';

describe('revenue intermediate models', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('starts the month spine at the first month with MRR on a snapshot day', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts: [
          { account_id: 'A', segment: 'smb', created_at: '2023-01-01T00:00:00Z' },
          { account_id: 'Z', segment: 'dormant', created_at: '2023-01-01T00:00:00Z' },
        ],
        subscriptions: [
          // Paid Nov 3rd–20th only: never in effect on a snapshot day (Nov 30th), so it starts nothing.
          {
            subscription_id: 'a0',
            account_id: 'A',
            amount: 10,
            start_date: '2023-11-03',
            end_date: '2023-11-20',
          },
          { subscription_id: 'a1', account_id: 'A', amount: 10, start_date: '2024-01-31' },
        ],
      },
      { asOf: '2024-03-12' },
    );
    expect(
      await warehouse.query(
        'select month, snapshot_date, is_partial_month from intermediate.int_month_spine',
      ),
    ).toEqual([
      { month: '2024-01-01', snapshot_date: '2024-01-31', is_partial_month: false },
      { month: '2024-02-01', snapshot_date: '2024-02-29', is_partial_month: false },
      { month: '2024-03-01', snapshot_date: '2024-03-12', is_partial_month: true },
    ]);
    expect(
      await warehouse.query('select account_id, month, mrr from intermediate.int_account_months'),
    ).toEqual([
      { account_id: 'A', month: '2024-01-01', mrr: 10 },
      { account_id: 'A', month: '2024-02-01', mrr: 10 },
      { account_id: 'A', month: '2024-03-01', mrr: 10 },
    ]);
    // Every existing account, never-active ones included, under its own segment and under `all`.
    expect(
      await warehouse.query(
        'select account_id, segment from intermediate.int_account_segments order by account_id, segment',
      ),
    ).toEqual([
      { account_id: 'A', segment: 'all' },
      { account_id: 'A', segment: 'smb' },
      { account_id: 'Z', segment: 'all' },
      { account_id: 'Z', segment: 'dormant' },
    ]);
    // The segment axis of the monthly grids: each of those segments once.
    const db = warehouse
      .db<DatabaseOf<[typeof intAccountSegments]>>()
      .withPlugin(new RelationRefPlugin(new Map([[intAccountSegments.name, schemaOf(intAccountSegments)]])));
    expect(await reportingSegments(db).orderBy('segment').execute()).toEqual([
      { segment: 'all' },
      { segment: 'dormant' },
      { segment: 'smb' },
    ]);
  });

  it('reads optional-source presence from vars, else from non-empty raw tables', async () => {
    const fixture = {
      accounts: [{ account_id: 'A', created_at: '2024-01-01T00:00:00Z' }],
      invoices: [{ invoice_id: 'i', account_id: 'A', issued_at: '2024-01-02T00:00:00Z', amount: 1 }],
    };
    const presence = () =>
      warehouse.query('select source, is_present from intermediate.int_optional_sources order by source');
    await buildRevenue(warehouse, fixture, { asOf: '2024-01-31' });
    expect(await presence()).toEqual([
      { source: 'events', is_present: false },
      { source: 'invoices', is_present: true },
      { source: 'spend', is_present: false },
      { source: 'survey_responses', is_present: false },
      { source: 'tickets', is_present: false },
    ]);
    await buildRevenue(warehouse, fixture, { asOf: '2024-01-31', presentSources: ['spend', 'tickets'] });
    expect((await presence()).filter((row) => row.is_present)).toEqual([
      { source: 'spend', is_present: true },
      { source: 'tickets', is_present: true },
    ]);
  });
});

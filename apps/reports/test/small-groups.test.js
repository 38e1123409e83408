import { describe, expect, it } from 'vitest';
import { normaliseRunResults } from '../scripts/lib/run-results.js';
import {
  minGroupSizeOf,
  SMALL_GROUPS,
  suppressMovedValues,
  suppressSmallGroups,
  suppressTargetValues,
} from '../scripts/lib/small-groups.js';
import { valueRows } from '../src/components/changes.js';
import { pick, suppressedRows } from '../src/components/data.js';
import { kpiTable, kpiTableColumns } from '../src/components/kpis.js';

/** Cohorts of 4, 5 and 6 accounts, and the `all` row of 15, at age 1. */
const cohort = (segment, size, active) => ({
  cohort_month: '2026-01-01',
  segment,
  months_since: 1,
  cohort_accounts: size,
  active_accounts: active,
  logo_retention: active / size,
  cohort_mrr: size * 100,
  mrr: active * 100,
  revenue_retention: active / size,
  cumulative_revenue_per_account: 180,
});
const COHORTS = [cohort('all', 15, 12), cohort('ent', 4, 3), cohort('mid', 5, 4), cohort('smb', 6, 5)];

const bySegment = (rows) => Object.fromEntries(rows.map((r) => [r.segment, r]));

describe('min_group_size: suppressing the cells of small groups', () => {
  it('is off by default: without a min_group_size the rows are returned as they are', () => {
    for (const off of [null, undefined, 0, 1, 2.5, '5']) {
      expect(suppressSmallGroups('cohort_retention', COHORTS, off)).toBe(COHORTS);
    }
    expect(minGroupSizeOf(undefined)).toBeNull();
    expect(minGroupSizeOf(5)).toBe(5);
  });

  it('below the threshold a cell keeps its key and every value is NULL, flagged; at and above it is unchanged', () => {
    const rows = bySegment(suppressSmallGroups('cohort_retention', COHORTS, 5));
    expect(rows.ent).toEqual({
      cohort_month: '2026-01-01',
      segment: 'ent',
      months_since: 1,
      cohort_accounts: null,
      active_accounts: null,
      logo_retention: null,
      cohort_mrr: null,
      mrr: null,
      revenue_retention: null,
      cumulative_revenue_per_account: null,
      suppressed: '< 5 accounts',
    });
    expect(rows.mid).toEqual(COHORTS[2]);
    expect(rows.smb).toEqual(COHORTS[3]);
    // The input is never changed (the same rows may be served again).
    expect(COHORTS[1].logo_retention).toBe(0.75);
  });

  it('the `all` row is suppressed only when it too is below the threshold', () => {
    expect(bySegment(suppressSmallGroups('cohort_retention', COHORTS, 15)).all).toEqual(COHORTS[0]);
    const above = bySegment(suppressSmallGroups('cohort_retention', COHORTS, 16));
    expect(above.all.logo_retention).toBeNull();
    expect(above.all.suppressed).toBe('< 16 accounts');
  });

  it('mrr_monthly: the month’s active accounts and the previous month’s both count; a group of 0 hides nothing', () => {
    const row = (segment, active, start) => ({
      month: '2026-03-01',
      segment,
      mrr: active * 50,
      active_accounts: active,
      start_accounts: start,
      logo_churn_rate: start === 0 ? null : 0.1,
      is_partial_month: false,
    });
    const rows = bySegment(
      suppressSmallGroups(
        'mrr_monthly',
        [row('all', 30, 30), row('lost', 2, 10), row('shrunk', 10, 2), row('new', 8, 0), row('none', 0, 0)],
        5,
      ),
    );
    expect(rows.all.suppressed).toBeUndefined();
    expect(rows.lost).toMatchObject({ mrr: null, logo_churn_rate: null, is_partial_month: false });
    expect(rows.shrunk.suppressed).toBe('< 5 accounts');
    expect(rows.new).toEqual(row('new', 8, 0));
    expect(rows.none).toEqual(row('none', 0, 0));
  });

  it('clv_monthly takes its group from mrr_monthly’s cell of the same month and segment', () => {
    const mrr = [
      { month: '2026-03-01', segment: 'all', active_accounts: 30, start_accounts: 29 },
      { month: '2026-03-01', segment: 'ent', active_accounts: 3, start_accounts: 3 },
    ];
    const clv = ['all', 'ent'].map((segment) => ({
      month: '2026-03-01',
      segment,
      arpa: 100,
      avg_logo_churn_rate: 0.05,
      clv: 2000,
      gross_margin: 0.8,
      clv_gross: 1600,
    }));
    const rows = bySegment(suppressSmallGroups('clv_monthly', clv, 5, { sizeRows: mrr }));
    expect(rows.all).toEqual(clv[0]);
    expect(rows.ent).toEqual({
      month: '2026-03-01',
      segment: 'ent',
      arpa: null,
      avg_logo_churn_rate: null,
      clv: null,
      gross_margin: 0.8,
      clv_gross: null,
      suppressed: '< 5 accounts',
    });
  });

  it('keeps the columns not computed from the group (CAC spend, ticket counts) and names what a mart counts', () => {
    const [cac] = suppressSmallGroups(
      'cac_monthly',
      [{ month: '2026-03-01', channel: 'ads', spend: 900, new_accounts: 3, new_mrr: 300, cac: 300 }],
      5,
    );
    expect(cac).toEqual({
      month: '2026-03-01',
      channel: 'ads',
      spend: 900,
      new_accounts: null,
      new_mrr: null,
      cac: null,
      suppressed: '< 5 accounts',
    });
    const [nps] = suppressSmallGroups(
      'nps_monthly',
      [{ month: '2026-03-01', segment: 'all', responses: 2, nps: 100 }],
      5,
    );
    expect(nps).toEqual({
      month: '2026-03-01',
      segment: 'all',
      responses: null,
      nps: null,
      suppressed: '< 5 responses',
    });
    const [support] = suppressSmallGroups(
      'support_monthly',
      [
        {
          month: '2026-03-01',
          segment: 'ent',
          tickets_created: 7,
          tickets_resolved: 1,
          median_resolution_hours: 5,
          open_backlog: 6,
        },
      ],
      5,
    );
    expect(support).toMatchObject({
      tickets_created: 7,
      tickets_resolved: null,
      median_resolution_hours: null,
      open_backlog: 6,
    });
    expect(support.suppressed).toBe('< 5 tickets');
  });

  it('leaves marts without a group count (account-level ones) as they are', () => {
    const movers = [{ month: '2026-03-01', segment: 'ent', account_id: 'A1', mrr_change: 10 }];
    expect(SMALL_GROUPS.mrr_movers).toBeUndefined();
    expect(suppressSmallGroups('mrr_movers', movers, 5)).toBe(movers);
  });

  it('reaches the site from run_results.json’s vars, and pick() carries the flag to the chart cards', () => {
    expect(normaliseRunResults({ vars: { minGroupSize: 5 } }).min_group_size).toBe(5);
    expect(normaliseRunResults({ vars: {} }).min_group_size).toBeNull();
    const served = suppressSmallGroups('cohort_retention', COHORTS, 5);
    const picked = pick(served, ['cohort_month', 'segment', 'logo_retention']);
    expect(suppressedRows(picked)).toEqual([
      { cohort_month: '2026-01-01', segment: 'ent', logo_retention: null, suppressed: '< 5 accounts' },
    ]);
    // Off: pick() gives exactly the named columns, as before.
    expect(pick(COHORTS, ['segment'])).toEqual(COHORTS.map((r) => ({ segment: r.segment })));
  });

  it('the Changes page hides a moved value whose cell is small in the latest run or was in the one before', () => {
    const mrr = (segment, active, start) => ({
      month: '2026-03-01',
      segment,
      active_accounts: active,
      start_accounts: start,
    });
    const current = {
      mrr_monthly: [mrr('all', 30, 29), mrr('ent', 3, 3), mrr('smb', 6, 6), mrr('new', 8, 0)],
      cohort_retention: [{ cohort_month: '2026-01-01', segment: 'ent', months_since: 1, cohort_accounts: 3 }],
      nps_monthly: [],
    };
    const moved = (mart, segment, column, old, now, extra = {}) => ({
      mart,
      month: '2026-03-01',
      segment,
      other_keys: null,
      column,
      change: 'changed',
      old,
      new: now,
      ...extra,
    });
    const values = [
      moved('mrr_monthly', 'all', 'mrr', 300, 350),
      moved('mrr_monthly', 'ent', 'nrr', 1, 1.1666),
      // smb has 6 accounts now but had 4 in the run before: its moves are hidden too.
      moved('mrr_monthly', 'smb', 'active_accounts', 4, 6),
      moved('mrr_monthly', 'smb', 'mrr', 400, 600),
      moved('cohort_retention', 'ent', 'logo_retention', 1, 2 / 3, {
        month: '2026-01-01',
        other_keys: { months_since: 1 },
      }),
      moved('clv_monthly', 'ent', 'clv', 2000, 2100),
      moved(
        'mrr_monthly',
        'new',
        null,
        null,
        { mrr: 800, active_accounts: 8, start_accounts: 0 },
        { change: 'added' },
      ),
      moved('nps_monthly', 'ent', null, { responses: 2, nps: 100 }, null, {
        change: 'removed',
        month: '2026-02-01',
      }),
    ];
    const shown = suppressMovedValues(values, current, 5);
    expect(shown.map((v) => [v.mart, v.segment, v.column, v.suppressed ?? 'shown'])).toEqual([
      ['mrr_monthly', 'all', 'mrr', 'shown'],
      ['mrr_monthly', 'ent', 'nrr', '< 5 accounts'],
      ['mrr_monthly', 'smb', 'active_accounts', '< 5 accounts'],
      ['mrr_monthly', 'smb', 'mrr', '< 5 accounts'],
      ['cohort_retention', 'ent', 'logo_retention', '< 5 accounts'],
      ['clv_monthly', 'ent', 'clv', '< 5 accounts'],
      ['mrr_monthly', 'new', null, 'shown'],
      ['nps_monthly', 'ent', null, '< 5 responses'],
    ]);
    expect(shown[1]).toMatchObject({ old: null, new: null });
    expect(shown[0]).toBe(values[0]);
    // The page (and its CSV) says so instead of a value.
    for (const [rows, shownValues] of [
      [valueRows({ values: shown }, { currency: 'USD' }), ['$300.00', '$350.00']],
      [valueRows({ values: shown }, { exact: true }), ['300', '350']],
    ]) {
      expect([rows[0].old, rows[0].new]).toEqual(shownValues);
      expect([rows[1].old, rows[1].new]).toEqual(['suppressed (< 5 accounts)', 'suppressed (< 5 accounts)']);
    }
    // Off: the values as recorded.
    expect(suppressMovedValues(values, current, null)).toBe(values);
  });

  it('a target judged on a suppressed cell keeps its state but not its value', () => {
    const target = (segment, value) => ({
      metric: 'mrr_monthly.logo_churn_rate',
      mart: 'mrr_monthly',
      column: 'logo_churn_rate',
      segment,
      operator: '<',
      threshold: 0.05,
      month: '2026-09-01',
      value,
      status: 'breached',
      message: `mrr_monthly.logo_churn_rate [${segment}] in 2026-09 is ${value}, target < 0.05: BREACHED`,
    });
    const served = suppressSmallGroups(
      'mrr_monthly',
      [
        {
          month: '2026-09-01',
          segment: 'all',
          active_accounts: 40,
          start_accounts: 42,
          logo_churn_rate: 0.07,
        },
        { month: '2026-09-01', segment: 'ent', active_accounts: 2, start_accounts: 3, logo_churn_rate: 0.33 },
      ],
      5,
    );
    const targets = [target('all', 0.07), target('ent', 0.33)];
    const [all, ent] = suppressTargetValues(targets, { mrr_monthly: served });
    expect(all).toBe(targets[0]);
    expect(ent).toEqual({
      ...targets[1],
      value: null,
      message: 'mrr_monthly.logo_churn_rate [ent] in 2026-09: value suppressed (< 5 accounts)',
      suppressed: '< 5 accounts',
    });
  });

  it('the overview’s table and CSV say which mart cells of a month are suppressed', () => {
    const month = new Date('2026-09-01');
    const mrr = suppressSmallGroups(
      'mrr_monthly',
      [{ month, segment: 'ent', mrr: 900, active_accounts: 3, start_accounts: 3 }],
      5,
    );
    const nps = [{ month, segment: 'ent', responses: 7, nps: 40 }];
    const rows = kpiTable({ mrr, nps, csat: [], ttv: [] }, { segment: 'ent', range: null });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mrr: null, nps: 40, suppressed: 'mrr_monthly < 5 accounts' });
    expect(kpiTableColumns(rows).at(-1)).toBe('suppressed');
    // Off: no such column, as before.
    const plain = kpiTable(
      { mrr: [{ month, segment: 'ent', mrr: 900 }], nps: [], csat: [], ttv: [] },
      {
        segment: 'ent',
        range: null,
      },
    );
    expect(kpiTableColumns(plain)).not.toContain('suppressed');
    expect(plain[0]).not.toHaveProperty('suppressed');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModelWarehouse, Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models, project } from '../../src/project.js';
import { ALL_MARTS_AS_OF, allMartsFixture } from '../support/all-marts-fixture.js';
import { ALL_SOURCES, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';
import { runBuildOnTestEngine, TEST_ENGINE } from '../support/test-engine.js';

/**
 * G8, column by column, written out from METRICS.md (one entry per mart, columns in the order the spec
 * lists them): counts and months_since INTEGER; money, rates, days, hours and scores DOUBLE; month,
 * cohort_month, signup_month DATE; signup_at, first_value_at TIMESTAMP (not TIMESTAMPTZ); flags BOOLEAN;
 * ids, names, movement, band, segment, channel VARCHAR. And "Tables are sorted by their key".
 *
 * On both engines (support/test-engine.ts): in the `models-postgres` project the marts are built on the
 * server and exported as `pulse build --engine postgres` exports them, and the Parquet files must be the
 * same to the type. The warehouse's own types are then the server's, read as Pulse's contract check reads
 * them (`PostgresWarehouse.relation`: int4 is INTEGER, float8 DOUBLE, text and varchar VARCHAR, bool
 * BOOLEAN, date DATE, timestamp TIMESTAMP, and timestamptz would be `TIMESTAMP WITH TIME ZONE`, a failure),
 * and a table's stored order is its heap order (`ctid`) where DuckDB has `rowid`.
 */
type G8 = 'INTEGER' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'VARCHAR';
interface MartSpec {
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, G8>>;
}

const I = 'INTEGER';
const D = 'DOUBLE';
const V = 'VARCHAR';

const SPEC: Record<string, MartSpec> = {
  mrr_account_months: {
    key: ['account_id', 'month'],
    columns: { account_id: V, month: 'DATE', mrr: D, prev_mrr: D, movement: V, mrr_change: D },
  },
  mrr_monthly: {
    key: ['month', 'segment'],
    columns: {
      month: 'DATE',
      segment: V,
      mrr: D,
      arr: D,
      active_accounts: I,
      start_accounts: I,
      start_mrr: D,
      new_accounts: I,
      new_mrr: D,
      reactivated_accounts: I,
      reactivation_mrr: D,
      expansion_mrr: D,
      contraction_mrr: D,
      churned_accounts: I,
      churned_mrr: D,
      net_new_mrr: D,
      arpa: D,
      logo_churn_rate: D,
      customer_retention_rate: D,
      gross_mrr_churn_rate: D,
      net_mrr_churn_rate: D,
      nrr: D,
      grr: D,
      nrr_12m: D,
      grr_12m: D,
      quick_ratio: D,
      mrr_growth_rate: D,
      is_partial_month: 'BOOLEAN',
    },
  },
  cohort_retention: {
    key: ['cohort_month', 'segment', 'months_since'],
    columns: {
      cohort_month: 'DATE',
      segment: V,
      months_since: I,
      cohort_accounts: I,
      active_accounts: I,
      logo_retention: D,
      cohort_mrr: D,
      mrr: D,
      revenue_retention: D,
      cumulative_revenue_per_account: D,
    },
  },
  clv_monthly: {
    key: ['month', 'segment'],
    columns: {
      month: 'DATE',
      segment: V,
      arpa: D,
      avg_logo_churn_rate: D,
      clv: D,
      gross_margin: D,
      clv_gross: D,
    },
  },
  ttv_accounts: {
    key: ['account_id'],
    columns: {
      account_id: V,
      segment: V,
      signup_at: 'TIMESTAMP',
      signup_month: 'DATE',
      first_value_at: 'TIMESTAMP',
      ttv_days: D,
      reached: 'BOOLEAN',
    },
  },
  ttv_cohorts: {
    key: ['signup_month', 'segment'],
    columns: {
      signup_month: 'DATE',
      segment: V,
      accounts: I,
      reached_accounts: I,
      reached_rate: D,
      reached_7d_rate: D,
      reached_30d_rate: D,
      median_ttv_days: D,
      p75_ttv_days: D,
      p90_ttv_days: D,
    },
  },
  nps_monthly: {
    key: ['month', 'segment'],
    columns: { month: 'DATE', segment: V, responses: I, promoters: I, passives: I, detractors: I, nps: D },
  },
  csat_monthly: {
    key: ['month', 'segment'],
    columns: { month: 'DATE', segment: V, responses: I, satisfied: I, csat: D },
  },
  cac_monthly: {
    key: ['month', 'channel'],
    columns: {
      month: 'DATE',
      channel: V,
      spend: D,
      new_accounts: I,
      new_mrr: D,
      cac: D,
      arpa_new: D,
      payback_months: D,
    },
  },
  support_monthly: {
    key: ['month', 'segment'],
    columns: {
      month: 'DATE',
      segment: V,
      tickets_created: I,
      tickets_resolved: I,
      mean_resolution_hours: D,
      median_resolution_hours: D,
      p90_resolution_hours: D,
      median_first_response_hours: D,
      open_backlog: I,
    },
  },
  renewals_monthly: {
    key: ['month', 'segment'],
    columns: {
      month: 'DATE',
      segment: V,
      renewals_due: I,
      renewed: I,
      lost: I,
      pending: I,
      renewal_rate: D,
    },
  },
  renewals_upcoming: {
    key: ['renewal_date', 'subscription_id'],
    columns: {
      renewal_date: 'DATE',
      subscription_id: V,
      account_id: V,
      account_name: V,
      segment: V,
      billing_interval: V,
      days_until_renewal: D,
      arr_at_stake: D,
      health_score: D,
      health_band: V,
      days_since_last_activity: D,
    },
  },
  engagement_account_months: {
    key: ['account_id', 'month'],
    columns: { account_id: V, month: 'DATE', active_users: I, active_days: I, events: I },
  },
  engagement_monthly: {
    key: ['month', 'segment'],
    columns: {
      month: 'DATE',
      segment: V,
      active_accounts: I,
      mau: I,
      avg_dau: D,
      stickiness: D,
      events: I,
    },
  },
  mrr_movers: {
    key: ['month', 'segment', 'movement', 'account_id'],
    columns: {
      month: 'DATE',
      segment: V,
      movement: V,
      account_id: V,
      account_name: V,
      mrr_change: D,
      prev_mrr: D,
      mrr: D,
      rank: I,
    },
  },
  renewals: {
    key: ['subscription_id', 'renewal_date'],
    columns: { subscription_id: V, account_id: V, renewal_date: 'DATE', month: 'DATE', status: V },
  },
  account_pages: {
    key: ['account_id'],
    columns: {
      account_id: V,
      account_name: V,
      segment: V,
      mrr: D,
      mrr_rank: I,
      score: D,
      band: V,
      churned_month: 'DATE',
      churned_mrr: D,
      is_top_mrr: 'BOOLEAN',
      is_at_risk: 'BOOLEAN',
      is_recent_churn: 'BOOLEAN',
      page_reason: V,
      page_priority: I,
      has_page: 'BOOLEAN',
    },
  },
  account_tickets: {
    key: ['ticket_id'],
    columns: {
      ticket_id: V,
      account_id: V,
      created_at: 'TIMESTAMP',
      priority: V,
      channel: V,
      first_response_at: 'TIMESTAMP',
      resolved_at: 'TIMESTAMP',
      first_response_hours: D,
      resolution_hours: D,
      is_open: 'BOOLEAN',
    },
  },
  account_survey_responses: {
    key: ['response_id'],
    columns: {
      response_id: V,
      account_id: V,
      user_id: V,
      survey: V,
      score: I,
      category: V,
      responded_at: 'TIMESTAMP',
      comment: V,
    },
  },
  health_scores: {
    key: ['account_id', 'month'],
    columns: {
      account_id: V,
      month: 'DATE',
      segment: V,
      score: D,
      band: V,
      engagement_score: D,
      usage_trend_score: D,
      sentiment_score: D,
      support_score: D,
      financial_score: D,
      mrr: D,
    },
  },
};

/** How each G8 type is stored in Parquet: physical type and converted type (the logical annotation). */
const PARQUET: Record<G8, { type: string; converted_type: string | null }> = {
  INTEGER: { type: 'INT32', converted_type: 'INT_32' },
  DOUBLE: { type: 'DOUBLE', converted_type: null },
  DATE: { type: 'INT32', converted_type: 'DATE' },
  TIMESTAMP: { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' },
  BOOLEAN: { type: 'BOOLEAN', converted_type: null },
  VARCHAR: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
};

const marts = models.filter(
  (model) => project.exportLayers?.includes(model.layer) ?? model.layer === 'marts',
);
const quote = (name: string) => `"${name}"`;

/** Every source present; and only the two required ones (most marts empty, components NULL). */
const fixtures: [string, RawFixture, string[]][] = [
  ['every source', allMartsFixture, ALL_SOURCES.slice()],
  [
    'only accounts and subscriptions',
    { accounts: allMartsFixture.accounts, subscriptions: allMartsFixture.subscriptions },
    [],
  ],
];

for (const [fixtureName, fixture, presentSources] of fixtures)
  describe(`G8: types and order of every mart, in the warehouse and in its Parquet export (${fixtureName})`, () => {
    /** The local DuckDB warehouse: the fixture's raw tables, and the reader of the Parquet files. */
    let warehouse: Warehouse;
    /** Where the marts were built: the same warehouse, or the PostgreSQL database. */
    let builtIn: ModelWarehouse;
    let exportDir: string;
    beforeAll(async () => {
      exportDir = await mkdtemp(join(tmpdir(), 'pulse-g8-'));
      warehouse = await Warehouse.open(':memory:');
      await loadRawFixture(warehouse, fixture);
      const built = await runBuildOnTestEngine({
        warehouse,
        models,
        vars: customerVars({ asOf: ALL_MARTS_AS_OF, presentSources }),
        exportDir,
        exportLayers: project.exportLayers,
      });
      builtIn = built.builtIn;
      const failed = built.run.nodes.filter((node) => node.status !== 'success');
      expect(failed.map((node) => `${node.name}: ${node.message}`)).toEqual([]);
    });
    afterAll(async () => {
      await warehouse.close();
      await rm(exportDir, { recursive: true, force: true });
    });

    it('built the marts on the engine of the test project', async () => {
      expect(builtIn.engine).toBe(TEST_ENGINE);
      if (TEST_ENGINE === 'postgres') {
        const [server] = await builtIn.query<{ version: string }>('select version()');
        expect(server!.version).toMatch(/^PostgreSQL/);
      }
    });

    it('has a spec entry for exactly the marts of the project, with its key as grain', () => {
      expect(marts.map((mart) => mart.name).sort()).toEqual(Object.keys(SPEC).sort());
      for (const mart of marts) expect([mart.name, mart.grain]).toEqual([mart.name, SPEC[mart.name]!.key]);
    });

    for (const [name, spec] of Object.entries(SPEC)) {
      const expected = Object.entries(spec.columns);

      it(`${name}: warehouse column types`, async () => {
        if (TEST_ENGINE === 'postgres') {
          const relation = await builtIn.relation('marts', name);
          expect(relation?.columns.map((column) => [column.name, column.dataType])).toEqual(expected);
          return;
        }
        const columns = await warehouse.query<{ column_name: string; data_type: string }>(
          `select column_name, data_type from information_schema.columns
         where table_schema = 'marts' and table_name = $1 order by ordinal_position`,
          [name],
        );
        expect(columns.map((column) => [column.column_name, column.data_type])).toEqual(expected);
      });

      it(`${name}: Parquet column types`, async () => {
        const file = join(exportDir, `${name}.parquet`).replaceAll("'", "''");
        const described = await warehouse.query<{ column_name: string; column_type: string }>(
          `describe select * from read_parquet('${file}')`,
        );
        expect(described.map((column) => [column.column_name, column.column_type])).toEqual(expected);
        const schema = await warehouse.query<{
          name: string;
          type: string | null;
          converted_type: string | null;
          logical_type: string | null;
        }>(
          `select name, type, converted_type, logical_type from parquet_schema('${file}') where type is not null`,
        );
        expect(schema.map(({ name, type, converted_type }) => [name, { type, converted_type }])).toEqual(
          expected.map(([column, g8]) => [column, PARQUET[g8]]),
        );
        // TIMESTAMP is UTC wall time, not an instant: never annotated isAdjustedToUTC (that is TIMESTAMPTZ).
        for (const column of schema.filter((c) => c.converted_type === 'TIMESTAMP_MICROS'))
          expect(column.logical_type).toContain('isAdjustedToUTC=0');
      });

      it(`${name}: table and Parquet rows sorted by (${spec.key.join(', ')})`, async () => {
        const key = spec.key.map(quote).join(', ');
        const file = join(exportDir, `${name}.parquet`).replaceAll("'", "''");
        // The stored order: DuckDB's rowid, PostgreSQL's heap order (ctid) of the table as it was written.
        const stored = TEST_ENGINE === 'postgres' ? 'ctid' : 'rowid';
        const [table] = await builtIn.query<{ rows: number; table_out_of_order: number }>(
          `select
           (select count(*) from marts.${name})::integer as rows,
           (select count(*) from (
              select row_number() over (order by ${stored}) as stored, row_number() over (order by ${key}) as sorted
              from marts.${name}) as numbered where stored <> sorted)::integer as table_out_of_order`,
        );
        const [parquet] = await warehouse.query<{ parquet_out_of_order: number }>(
          `select
           (select count(*) from (
              select file_row_number + 1 as stored, row_number() over (order by ${key}) as sorted
              from read_parquet('${file}', file_row_number = true)) where stored <> sorted)::integer
             as parquet_out_of_order`,
        );
        if (presentSources.length) expect(table!.rows).toBeGreaterThan(1);
        expect({ ...table, ...parquet }).toMatchObject({ table_out_of_order: 0, parquet_out_of_order: 0 });
      });
    }
  });

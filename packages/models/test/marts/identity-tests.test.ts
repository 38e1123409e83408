import { runTests, Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models } from '../../src/project.js';
import { ALL_MARTS_AS_OF, allMartsFixture } from '../support/all-marts-fixture.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture } from '../support/raw-fixture.js';

/**
 * Every declared data test of every mart (the METRICS.md identities and ranges) fails on a deliberately
 * broken row of a correct build, and names what broke: one corruption per test, each undone afterwards.
 * The implied tests (unique grain, not null) are the engine's and tested there.
 */
interface Corruption {
  readonly mart: string;
  /** What the corruption breaks, in words. */
  readonly breaks: string;
  readonly update: string;
  /** Exactly the tests of the mart that must fail. */
  readonly fails: readonly string[];
}

const corruptions: Corruption[] = [
  {
    mart: 'mrr_account_months',
    breaks: 'mrr = prev_mrr + mrr_change',
    update: "set mrr_change = mrr_change + 10 where account_id = 'A1' and month = '2024-03-01'",
    fails: ['mrr_account_months_change_adds_up'],
  },
  {
    mart: 'mrr_account_months',
    breaks: 'a reactivation labelled expansion',
    update: "set movement = 'expansion' where account_id = 'A3' and month = '2024-05-01'",
    fails: ['mrr_account_months_movement_follows_rules'],
  },
  {
    mart: 'mrr_account_months',
    breaks: 'prev_mrr is the previous month mrr',
    update:
      "set prev_mrr = prev_mrr + 1, mrr_change = mrr_change - 1 where account_id = 'A1' and month = '2024-02-01'",
    fails: ['mrr_account_months_movement_follows_rules'],
  },
  {
    mart: 'mrr_monthly',
    breaks: 'net_new_mrr = mrr − Σ prev_mrr (the all row kept the sum of the segments)',
    update: "set net_new_mrr = net_new_mrr + 5 where month = '2024-04-01' and segment in ('all', 'smb')",
    fails: ['mrr_monthly_net_new_mrr_identity'],
  },
  {
    mart: 'mrr_monthly',
    breaks: 'active = start + new + reactivated − churned',
    update:
      "set active_accounts = active_accounts + 1 where month = '2024-05-01' and segment in ('all', 'enterprise')",
    fails: ['mrr_monthly_active_accounts_identity'],
  },
  {
    mart: 'mrr_monthly',
    breaks: '0 ≤ logo_churn_rate ≤ 1',
    update: "set logo_churn_rate = 1.25 where month = '2024-04-01' and segment = 'all'",
    fails: ['mrr_monthly_logo_churn_rate_in_0_1'],
  },
  {
    mart: 'mrr_monthly',
    breaks: 'grr ≤ 1',
    update: "set grr = 1.1 where month = '2024-03-01' and segment = 'smb'",
    fails: ['mrr_monthly_grr_in_0_1'],
  },
  {
    mart: 'mrr_monthly',
    breaks: 'the all row is the sum of the segments (churned_mrr)',
    update:
      "set churned_mrr = churned_mrr - 1, net_new_mrr = net_new_mrr - 1, mrr = mrr - 1 where month = '2024-04-01' and segment = 'all'",
    fails: ['mrr_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'cohort_retention',
    breaks: 'logo_retention = 1 at months_since 0',
    update:
      "set logo_retention = 0.5 where cohort_month = '2024-01-01' and segment = 'all' and months_since = 0",
    fails: ['cohort_retention_is_whole_at_age_0'],
  },
  {
    mart: 'cohort_retention',
    breaks: 'revenue_retention = 1 at months_since 0',
    update:
      "set revenue_retention = 1.01 where cohort_month = '2024-02-01' and segment = 'smb' and months_since = 0",
    fails: ['cohort_retention_is_whole_at_age_0'],
  },
  {
    mart: 'cohort_retention',
    breaks: 'the all row is the sum of the segments',
    update: "set mrr = mrr + 1 where cohort_month = '2024-01-01' and segment = 'all' and months_since = 2",
    fails: ['cohort_retention_all_row_is_sum_of_segments'],
  },
  {
    mart: 'clv_monthly',
    breaks: 'the churn mean is a rate in [0, 1]',
    update: "set avg_logo_churn_rate = 1.5 where month = '2024-06-01' and segment = 'all'",
    fails: ['clv_monthly_churn_mean_in_0_1'],
  },
  {
    mart: 'cac_monthly',
    breaks: 'the all channel is the sum of the channels',
    update: "set new_accounts = new_accounts + 1 where month = '2024-01-01' and channel = 'all'",
    fails: ['cac_monthly_all_row_is_sum_of_channels'],
  },
  {
    mart: 'cac_monthly',
    breaks: 'an all row with no channel row beside it (nothing to add up) is not all zero',
    update: "set month = '2030-01-01' where month = '2024-01-01' and channel = 'all'",
    fails: ['cac_monthly_all_row_is_sum_of_channels'],
  },
  {
    mart: 'renewals_monthly',
    breaks: 'renewals_due = renewed + lost + pending',
    update: "set renewed = renewed + 1 where month = '2024-04-01' and segment in ('all', 'enterprise')",
    fails: ['renewals_monthly_outcomes_add_up'],
  },
  {
    mart: 'renewals_monthly',
    breaks: 'the all row is the sum of the segments',
    update:
      "set lost = lost + 1, renewals_due = renewals_due + 1 where month = '2024-05-01' and segment = 'all'",
    fails: ['renewals_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'renewals_upcoming',
    breaks: 'a renewal outside (as_of, as_of + 90 days]',
    update: "set days_until_renewal = 91 where subscription_id = 's2'",
    fails: ['renewals_upcoming_within_window'],
  },
  {
    mart: 'renewals_upcoming',
    breaks: 'a negative ARR at stake',
    update: "set arr_at_stake = -1 where subscription_id = 's2'",
    fails: ['renewals_upcoming_arr_not_negative'],
  },
  {
    mart: 'renewals_upcoming',
    breaks: 'activity after as_of',
    update: "set days_since_last_activity = -2 where subscription_id = 's2'",
    fails: ['renewals_upcoming_activity_not_after_as_of'],
  },
  {
    mart: 'renewals_upcoming',
    breaks: 'a monthly plan listed as a contract',
    update: "set billing_interval = 'month' where subscription_id = 's2'",
    fails: ['accepted_values_renewals_upcoming_billing_interval'],
  },
  {
    mart: 'renewals_upcoming',
    breaks: 'an unknown health band',
    update: "set health_band = 'fine' where subscription_id = 's2'",
    fails: ['accepted_values_renewals_upcoming_health_band'],
  },
  {
    mart: 'engagement_account_months',
    breaks: 'more active days than events',
    update: "set active_days = events + 1 where account_id = 'A1' and month = '2024-01-01'",
    fails: [
      'expression_engagement_account_months_active_users_1_and_active_days_between_1_and_31_and_events_a',
    ],
  },
  {
    mart: 'engagement_monthly',
    breaks: 'the all row is the sum of the segments',
    update: "set events = events + 1 where month = '2024-02-01' and segment = 'all'",
    fails: ['engagement_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'engagement_monthly',
    breaks: 'the all row is the sum of the segments (avg_dau, off by one part in a million)',
    update: "set avg_dau = avg_dau * (1 - 1e-6) where month = '2024-02-01' and segment = 'all'",
    fails: ['engagement_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'engagement_monthly',
    breaks: 'avg_dau ≤ mau (in the only active segment and the all row, so they still add up)',
    update: "set avg_dau = mau + 1 where month = '2024-04-01' and segment in ('all', 'smb')",
    fails: ['expression_engagement_monthly_active_accounts_mau_and_avg_dau_mau'],
  },
  {
    mart: 'engagement_monthly',
    breaks: 'stickiness in [0, 1]',
    update: "set stickiness = 1.5 where month = '2024-03-01' and segment = 'all'",
    fails: ['expression_engagement_monthly_stickiness_is_null_or_stickiness_between_0_and_1'],
  },
  {
    mart: 'ttv_accounts',
    breaks: 'ttv_days ≥ 0',
    update: "set ttv_days = -1 where account_id = 'A1'",
    fails: ['expression_ttv_accounts_ttv_days_is_null_or_ttv_days_0'],
  },
  {
    mart: 'ttv_accounts',
    breaks: 'reached iff there is a first value event',
    update: "set reached = false where account_id = 'A2'",
    fails: ['expression_ttv_accounts_reached_first_value_at_is_not_null_and_reached_ttv_days_is_n'],
  },
  {
    mart: 'ttv_cohorts',
    breaks: 'the all row is the sum of the segments',
    update: "set accounts = accounts + 1 where signup_month = '2024-03-01' and segment = 'all'",
    fails: ['ttv_cohorts_all_row_is_sum_of_segments'],
  },
  {
    mart: 'ttv_cohorts',
    breaks: 'reached_accounts ≤ accounts',
    update:
      "set reached_accounts = accounts + 1 where signup_month = '2024-04-01' and segment in ('all', 'smb')",
    fails: ['expression_ttv_cohorts_reached_accounts_accounts'],
  },
  {
    mart: 'ttv_cohorts',
    breaks: 'reached within 7 days ≤ within 30 days ≤ ever',
    update: "set reached_7d_rate = 1 where signup_month = '2024-02-01' and segment = 'all'",
    fails: ['expression_ttv_cohorts_reached_rate_is_null_or_reached_7d_rate_reached_30d_rate_and'],
  },
  {
    mart: 'ttv_cohorts',
    breaks: 'median ≤ p75 ≤ p90',
    update: "set median_ttv_days = p90_ttv_days + 1 where signup_month = '2024-01-01' and segment = 'all'",
    fails: ['expression_ttv_cohorts_median_ttv_days_is_null_or_median_ttv_days_p75_ttv_days_and_'],
  },
  {
    mart: 'nps_monthly',
    breaks: 'the all row is the sum of the segments',
    update:
      "set promoters = promoters + 1, responses = responses + 1 where month = '2024-02-01' and segment = 'all'",
    fails: ['nps_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'nps_monthly',
    breaks: '−100 ≤ nps ≤ 100',
    update: "set nps = -101 where month = '2024-03-01' and segment = 'enterprise'",
    fails: ['nps_monthly_nps_in_range'],
  },
  {
    mart: 'nps_monthly',
    breaks: 'responses = promoters + passives + detractors',
    update: "set passives = passives + 1 where month = '2024-03-01' and segment in ('all', 'enterprise')",
    fails: ['expression_nps_monthly_responses_promoters_passives_detractors'],
  },
  {
    mart: 'csat_monthly',
    breaks: 'the all row is the sum of the segments',
    update: "set responses = responses + 1 where month = '2024-01-01' and segment = 'all'",
    fails: ['csat_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'csat_monthly',
    breaks: '0 ≤ csat ≤ 100',
    update: "set csat = 101 where month = '2024-02-01' and segment = 'all'",
    fails: ['csat_monthly_csat_in_range'],
  },
  {
    mart: 'csat_monthly',
    breaks: 'satisfied ≤ responses',
    update: "set satisfied = responses + 1 where month = '2024-03-01' and segment in ('all', 'smb')",
    fails: ['expression_csat_monthly_satisfied_responses'],
  },
  {
    mart: 'support_monthly',
    breaks: 'the all row is the sum of the segments',
    update: "set open_backlog = open_backlog + 1 where month = '2024-03-01' and segment = 'all'",
    fails: ['support_monthly_all_row_is_sum_of_segments'],
  },
  {
    mart: 'support_monthly',
    breaks: '0 ≤ median ≤ p90 resolution hours',
    update:
      "set median_resolution_hours = p90_resolution_hours + 1 where month = '2024-01-01' and segment = 'all'",
    fails: ['expression_support_monthly_median_resolution_hours_is_null_or_median_resolution_hours_0'],
  },
  {
    mart: 'support_monthly',
    breaks: 'a mean resolution time exactly when tickets were resolved',
    update: "set mean_resolution_hours = null where month = '2024-02-01' and segment = 'all'",
    fails: ['expression_support_monthly_tickets_resolved_0_mean_resolution_hours_is_null'],
  },
  {
    mart: 'support_monthly',
    breaks: 'open_backlog ≥ 0',
    update: "set open_backlog = -1 where month = '2024-04-01' and segment in ('all', 'smb')",
    fails: ['expression_support_monthly_open_backlog_0'],
  },
  {
    mart: 'health_scores',
    breaks: 'score in [0, 100]',
    update: "set score = 120, band = 'healthy' where account_id = 'A1' and month = '2024-01-01'",
    fails: ['health_scores_score_in_range'],
  },
  {
    mart: 'health_scores',
    breaks: 'components in [0, 100]',
    update: "set engagement_score = 150 where account_id = 'A1' and month = '2024-02-01'",
    fails: ['health_scores_components_in_range'],
  },
  {
    mart: 'health_scores',
    breaks: 'band from the score',
    update: "set band = 'healthy' where account_id = 'A2' and month = '2024-02-01'",
    fails: ['health_scores_band_follows_score'],
  },
  {
    mart: 'health_scores',
    breaks: 'score rounded to 1 decimal',
    update: "set score = 53.25 where account_id = 'A1' and month = '2024-01-01'",
    fails: ['health_scores_score_rounded'],
  },
  {
    mart: 'health_scores',
    breaks: 'only active accounts (mrr > 0)',
    update: "set mrr = 0 where account_id = 'A5' and month = '2024-03-01'",
    fails: ['expression_health_scores_mrr_0'],
  },
  {
    mart: 'health_scores',
    breaks: 'band is one of critical, at_risk, healthy',
    update: "set band = 'great' where account_id = 'A5' and month = '2024-04-01'",
    fails: ['accepted_values_health_scores_band', 'health_scores_band_follows_score'],
  },
  {
    mart: 'mrr_movers',
    breaks: 'a mover that did not move (and so its bar)',
    update:
      "set mrr_change = 0 where segment = 'all' and movement = 'new' and rank = 1 and month = (select min(month) from marts.mrr_movers)",
    fails: [
      'mrr_movers_every_mover_moved',
      'mrr_movers_sign_follows_movement',
      'mrr_movers_add_up_to_mrr_monthly',
    ],
  },
  {
    mart: 'mrr_movers',
    breaks: 'a new account that removed MRR (and so its bar)',
    update:
      "set mrr_change = -mrr_change where segment = 'all' and movement = 'new' and rank = 1 and month = (select min(month) from marts.mrr_movers)",
    fails: ['mrr_movers_sign_follows_movement', 'mrr_movers_add_up_to_mrr_monthly'],
  },
  {
    mart: 'mrr_movers',
    breaks: 'the movers of a bar add up to it, to the cent',
    update:
      "set mrr_change = mrr_change + 0.01 where segment = 'all' and movement = 'new' and rank = 1 and month = (select min(month) from marts.mrr_movers)",
    fails: ['mrr_movers_add_up_to_mrr_monthly'],
  },
  {
    mart: 'renewals',
    breaks: 'a renewal is renewed, lost or pending',
    update: "set status = 'maybe' where renewal_date = (select min(renewal_date) from marts.renewals)",
    fails: ['accepted_values_renewals_status'],
  },
  {
    mart: 'account_pages',
    breaks: 'every account page has a reason',
    update:
      // The last account by priority, made healthy with no churn so that only the missing reason is wrong
      // (its page_reason, top_mrr, is what the flags give, and comes last anyway).
      "set is_top_mrr = false, is_at_risk = false, is_recent_churn = false, band = 'healthy', page_reason = 'top_mrr', churned_month = null, churned_mrr = null where page_priority = (select max(page_priority) from marts.account_pages)",
    fails: ['account_pages_every_page_has_a_reason'],
  },
  {
    mart: 'account_pages',
    breaks: 'a churned MRR only for a recent churn',
    update:
      'set churned_mrr = 10 where account_id = (select min(account_id) from marts.account_pages where not is_recent_churn)',
    fails: ['account_pages_churned_mrr_for_recent_churns'],
  },
  {
    mart: 'account_pages',
    breaks: 'a page reason is one of the four',
    update: "set page_reason = 'vip' where page_priority = 1",
    fails: ['accepted_values_account_pages_page_reason', 'account_pages_reason_is_the_first_that_holds'],
  },
  {
    mart: 'account_pages',
    breaks: 'the page reason is the first that holds',
    // The last account with another reason than top_mrr: only top_mrr ones follow it, so the order holds.
    update:
      "set page_reason = 'top_mrr' where page_priority = (select max(page_priority) from marts.account_pages where page_reason <> 'top_mrr')",
    fails: ['account_pages_reason_is_the_first_that_holds'],
  },
  {
    mart: 'account_pages',
    breaks: 'priorities run 1, 2, … without a gap',
    update:
      'set page_priority = page_priority + 1 where page_priority = (select max(page_priority) from marts.account_pages)',
    fails: ['account_pages_priority_follows_reasons_and_cap'],
  },
  {
    mart: 'account_pages',
    breaks: 'the first account_pages_max accounts have a page',
    update: 'set has_page = false where page_priority = 1',
    fails: ['account_pages_priority_follows_reasons_and_cap'],
  },
  {
    mart: 'account_pages',
    breaks: 'a top account by MRR has a rank',
    update: 'set mrr_rank = null where is_top_mrr',
    fails: ['account_pages_rank_only_for_paying_accounts'],
  },
  {
    mart: 'account_tickets',
    breaks: 'resolution time is never negative',
    update: "set resolution_hours = -1 where ticket_id = 't1'",
    fails: ['account_tickets_resolution_not_negative'],
  },
  {
    mart: 'account_tickets',
    breaks: 'open means not resolved',
    update: "set is_open = not is_open where ticket_id = 't1'",
    fails: ['account_tickets_open_means_unresolved'],
  },
  {
    mart: 'account_survey_responses',
    breaks: 'a response category is one of the five',
    update: "set category = 'fan' where response_id = 'n1'",
    fails: ['accepted_values_account_survey_responses_category'],
  },
];

/**
 * METRICS.md: "the `all` row equals the sum of the segment rows for every additive column" (counts, money
 * sums and avg_dau, never ratios). Each mart's additive columns by the spec, and an `all` row to break:
 * every one of them must fail an all-row test of its mart when that row is off by one.
 */
const additiveBySpec: readonly { mart: string; allRow: string; columns: readonly string[] }[] = [
  {
    mart: 'mrr_monthly',
    allRow: "month = '2024-04-01' and segment = 'all'",
    columns: [
      'mrr',
      'arr',
      'active_accounts',
      'start_accounts',
      'start_mrr',
      'new_accounts',
      'new_mrr',
      'reactivated_accounts',
      'reactivation_mrr',
      'expansion_mrr',
      'contraction_mrr',
      'churned_accounts',
      'churned_mrr',
      'net_new_mrr',
    ],
  },
  {
    mart: 'cohort_retention',
    allRow: "cohort_month = '2024-01-01' and months_since = 2 and segment = 'all'",
    columns: ['cohort_accounts', 'active_accounts', 'cohort_mrr', 'mrr'],
  },
  {
    mart: 'cac_monthly',
    allRow: "month = '2024-01-01' and channel = 'all'",
    columns: ['spend', 'new_accounts', 'new_mrr'],
  },
  {
    mart: 'renewals_monthly',
    allRow: "month = '2024-05-01' and segment = 'all'",
    columns: ['renewals_due', 'renewed', 'lost', 'pending'],
  },
  {
    mart: 'engagement_monthly',
    allRow: "month = '2024-02-01' and segment = 'all'",
    columns: ['active_accounts', 'mau', 'avg_dau', 'events'],
  },
  {
    mart: 'ttv_cohorts',
    allRow: "signup_month = '2024-03-01' and segment = 'all'",
    columns: ['accounts', 'reached_accounts'],
  },
  {
    mart: 'nps_monthly',
    allRow: "month = '2024-02-01' and segment = 'all'",
    columns: ['responses', 'promoters', 'passives', 'detractors'],
  },
  {
    mart: 'csat_monthly',
    allRow: "month = '2024-01-01' and segment = 'all'",
    columns: ['responses', 'satisfied'],
  },
  {
    mart: 'support_monthly',
    allRow: "month = '2024-03-01' and segment = 'all'",
    columns: ['tickets_created', 'tickets_resolved', 'open_backlog'],
  },
];

const vars = customerVars({ asOf: ALL_MARTS_AS_OF });
const marts = models.filter((model) => model.layer === 'marts').map((model) => model.name);
const implied = (name: string) => name.startsWith('unique_') || name.startsWith('not_null_');

describe('identity data tests of every mart fail on a broken row', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, allMartsFixture);
    // Every test of every model passes on the correct build (buildAndCheck throws otherwise).
    await buildAndCheck(warehouse, models, vars);
  });
  afterAll(() => warehouse.close());

  it('has a corruption for every declared test of every mart', async () => {
    const declared: string[] = [];
    const run = await runTests({ warehouse, models, vars, select: marts });
    for (const node of run.nodes) {
      expect(node.tests.every((test) => test.status === 'pass')).toBe(true);
      declared.push(...node.tests.map((test) => test.name).filter((name) => !implied(name)));
    }
    expect(run.nodes.map((node) => node.name).sort()).toEqual([...marts].sort());
    const covered = new Set(corruptions.flatMap((corruption) => corruption.fails));
    expect(declared.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('lists every mart with an all-row test in the spec table of additive columns', async () => {
    const run = await runTests({ warehouse, models, vars, select: marts });
    const withAllRowTest = run.nodes
      .filter((node) => node.tests.some((test) => test.name.includes('_all_row_')))
      .map((node) => node.name);
    expect(additiveBySpec.map((entry) => entry.mart).sort()).toEqual(withAllRowTest.sort());
  });

  for (const { mart, allRow, columns } of additiveBySpec) {
    it.each(columns)(`${mart}: the all row is the sum of the segments for %s`, async (column) => {
      const table = `marts.${mart}`;
      await warehouse.exec(`create or replace temp table correct as from ${table}`);
      try {
        await warehouse.exec(`update ${table} set ${column} = ${column} + 1 where ${allRow}`);
        const [changed] = await warehouse.query<{ n: number }>(
          `select count(*)::integer as n from (from ${table} except all from correct)`,
        );
        expect(changed!.n, 'the update changed no row').toBe(1);
        const run = await runTests({ warehouse, models, vars, select: mart });
        const failed = run.nodes[0]!.tests.filter((test) => test.status !== 'pass').map((test) => test.name);
        // Other identities may break too (e.g. net_new_mrr = mrr − start_mrr): an all-row test must.
        expect(failed.filter((name) => name.includes('_all_row_'))).not.toEqual([]);
      } finally {
        await warehouse.exec(`delete from ${table}; insert into ${table} from correct; drop table correct`);
      }
    });
  }

  for (const corruption of corruptions) {
    it(`${corruption.mart}: ${corruption.breaks}`, async () => {
      const table = `marts.${corruption.mart}`;
      await warehouse.exec(`create or replace temp table correct as from ${table}`);
      try {
        await warehouse.exec(`update ${table} ${corruption.update}`);
        const [changed] = await warehouse.query<{ n: number }>(
          `select count(*)::integer as n from (from ${table} except all from correct)`,
        );
        expect(changed!.n, 'the update changed no row').toBeGreaterThan(0);
        const run = await runTests({ warehouse, models, vars, select: corruption.mart });
        const failed = run.nodes[0]!.tests.filter((test) => test.status !== 'pass');
        expect(failed.map((test) => test.name).sort()).toEqual([...corruption.fails].sort());
        for (const test of failed) {
          expect(test).toMatchObject({ status: 'fail', severity: 'error' });
          expect(test.failures).toBeGreaterThan(0);
          expect(test.message).toMatch(/failing rows?/);
        }
      } finally {
        await warehouse.exec(`delete from ${table}; insert into ${table} from correct; drop table correct`);
      }
    });
  }
});

import type { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFolder, generateInto, openGenerated } from './support/generated-data.js';

/** Behaviour the metrics must be able to see: each mechanism of the simulation shows up in the data. */
let folder: GeneratedFolder;
let warehouse: Warehouse;
const END = '2025-09-12';
const one = async <R>(sql: string) => (await warehouse.query<R>(sql))[0]!;
const count = async (sql: string) => Number((await one<{ n: number }>(sql)).n);

beforeAll(async () => {
  folder = await generateInto({ accounts: 300, months: 14, seed: 5, end: END });
  warehouse = await openGenerated(folder.dir);
  await warehouse.exec(`
    create table periods as
    select *, amount::decimal(12, 2) amt, start_date::date sd, end_date::date ed, is_trial in ('true', '1') trial,
           lag(plan) over w prev_plan, lag(amount::decimal(12, 2)) over w prev_amount,
           lag(billing_interval) over w prev_interval
      from subscriptions window w as (partition by subscription_id order by start_date)`);
  // Accounts that paid, and whether they still had a paid product period at the end.
  await warehouse.exec(`
    create table paying as
    select account_id, bool_or(ed is null or ed > date '${END}') retained
      from periods where not trial and amt > 0 and plan <> 'analytics_addon' group by account_id`);
});
afterAll(async () => {
  await warehouse?.close();
  await folder?.dispose();
});

describe('generate: lifecycle', () => {
  it('bills monthly, quarterly and yearly plans, with trials that convert and trials that do not', async () => {
    const intervals = await warehouse.query<{ i: string }>(
      'select distinct billing_interval i from periods where not trial order by 1',
    );
    expect(intervals.map((row) => row.i)).toEqual(['month', 'quarter', 'year']);
    expect(
      await count(
        'select count(*) n from periods where prev_plan is not null and trial = false and subscription_id in (select subscription_id from periods where trial)',
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        `select count(*) n from periods p where trial and ed <= date '${END}' and not exists (select 1 from periods q where q.subscription_id = p.subscription_id and q.sd >= p.ed)`,
      ),
    ).toBeGreaterThan(0);
  });

  it('changes plans up and down and grows seats, each change starting a new period', async () => {
    const rank = (column: string) => `list_position(['starter', 'growth', 'pro', 'enterprise'], ${column})`;
    expect(
      await count(`select count(*) n from periods where ${rank('plan')} > ${rank('prev_plan')}`),
    ).toBeGreaterThan(0);
    expect(
      await count(`select count(*) n from periods where ${rank('plan')} < ${rank('prev_plan')}`),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'select count(*) n from periods where plan = prev_plan and billing_interval = prev_interval and amt > prev_amount',
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'select count(*) n from periods where plan = prev_plan and billing_interval = prev_interval and amt < prev_amount',
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        `select count(*) n from periods where prev_interval = 'month' and billing_interval = 'year'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('gives some accounts two subscriptions at once, and brings some churned accounts back on a new one', async () => {
    const overlapping = `
      select count(distinct a.account_id) n from periods a join periods b
        on a.account_id = b.account_id and a.subscription_id < b.subscription_id
       where a.sd < coalesce(b.ed, date '9999-12-31') and b.sd < coalesce(a.ed, date '9999-12-31')`;
    expect(await count(overlapping)).toBeGreaterThan(0);
    const reactivated = `
      select count(distinct b.account_id) n from periods a join periods b
        on a.account_id = b.account_id and a.subscription_id <> b.subscription_id
       where not a.trial and b.sd >= a.ed + interval 1 month and b.plan <> 'analytics_addon'`;
    expect(await count(reactivated)).toBeGreaterThan(0);
  });

  it('makes low-usage accounts churn more, rate the product lower and leave more tickets open', async () => {
    const byOutcome = await warehouse.query<{
      retained: boolean;
      events_per_account: number;
      nps: number;
      open_share: number;
    }>(`
      select p.retained,
             count(e.account_id) / count(distinct p.account_id) events_per_account,
             (select avg(score::int) from survey_responses s join paying q using (account_id)
               where q.retained = p.retained and survey = 'nps') nps,
             (select avg((resolved_at is null)::int) from tickets t join paying q using (account_id)
               where q.retained = p.retained) open_share
        from paying p left join events e using (account_id)
       group by p.retained order by p.retained`);
    const [churned, retained] = byOutcome;
    expect(churned!.retained).toBe(false);
    expect(churned!.events_per_account).toBeLessThan(retained!.events_per_account);
    expect(churned!.nps).toBeLessThan(retained!.nps);
    expect(churned!.open_share).toBeGreaterThan(retained!.open_share);
  });

  it('bills EUR and GBP accounts, with rates that move', async () => {
    expect(
      await count(`select count(distinct account_id) n from periods where upper(currency) = 'EUR'`),
    ).toBeGreaterThan(0);
    expect(
      await count(`select count(distinct account_id) n from periods where upper(currency) = 'GBP'`),
    ).toBeGreaterThan(0);
    const spread = await one<{ lo: number; hi: number }>(
      `select min(rate::double) lo, max(rate::double) hi from fx_rates where upper(currency) = 'EUR'`,
    );
    expect(spread.hi - spread.lo).toBeGreaterThan(0.01);
  });

  it('issues mostly paid invoices, some open, void and refunded, and negative credit notes', async () => {
    const statuses = await warehouse.query<{ status: string; frac: number }>(
      'select status, count(*) / sum(count(*)) over () frac from invoices group by 1 order by 1',
    );
    expect(statuses.map((row) => row.status)).toEqual(['open', 'paid', 'refunded', 'void']);
    expect(statuses.find((row) => row.status === 'paid')!.frac).toBeGreaterThan(0.85);
    expect(
      await count(
        `select count(*) n from invoices where amount::decimal(12, 2) < 0 and invoice_id like 'CN-%'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('reaches value hours to weeks after signup for some accounts and never for others', async () => {
    const ttv = await one<{ accounts: number; reached: number; fastest: number; slowest: number }>(`
      with first_value as (
        select account_id, min(occurred_at::timestamptz) first_at from events where event_name = 'value_moment' group by 1)
      select count(*) accounts, count(f.first_at) reached,
             min(epoch(f.first_at - a.created_at::timestamptz) / 3600) filter (where f.first_at > a.created_at::timestamptz) fastest,
             max(epoch(f.first_at - a.created_at::timestamptz) / 86400) slowest
        from accounts a left join first_value f using (account_id)`);
    expect(ttv.reached).toBeGreaterThan(ttv.accounts * 0.3);
    expect(ttv.reached).toBeLessThan(ttv.accounts * 0.9);
    expect(ttv.fastest).toBeLessThan(24);
    expect(ttv.slowest).toBeGreaterThan(14);
  });

  it('resolves tickets in hours to days, answers most, and leaves a few open', async () => {
    const tickets = await one<{ median: number; p90: number; answered: number; unresolved: number }>(`
      select quantile_cont(epoch(resolved_at::timestamptz - created_at::timestamptz) / 3600, 0.5) median,
             quantile_cont(epoch(resolved_at::timestamptz - created_at::timestamptz) / 3600, 0.9) p90,
             avg((first_response_at is not null)::int) answered, avg((resolved_at is null)::int) unresolved
        from tickets`);
    expect(tickets.median).toBeGreaterThan(4);
    expect(tickets.median).toBeLessThan(72);
    expect(tickets.p90).toBeGreaterThan(48);
    expect(tickets.answered).toBeGreaterThan(0.85);
    expect(tickets.unresolved).toBeGreaterThan(0.01);
    expect(tickets.unresolved).toBeLessThan(0.25);
  });

  it('has several users per account, named events, and quiet Decembers and weekends', async () => {
    expect(
      await count(
        'select max(users) n from (select count(distinct user_id) users from events group by account_id)',
      ),
    ).toBeGreaterThan(5);
    const names = await warehouse.query<{ event_name: string }>(
      'select distinct event_name from events order by 1',
    );
    expect(names.map((row) => row.event_name)).toEqual(
      expect.arrayContaining(['login', 'view_dashboard', 'export_report', 'invite_user', 'value_moment']),
    );
    const perDay = await one<{ weekday: number; weekend: number; december: number; january: number }>(`
      with e as (select (occurred_at::timestamptz)::date d, account_id from events)
      select count(*) filter (where dayofweek(d) between 1 and 5) / 5.0 weekday,
             count(*) filter (where dayofweek(d) in (0, 6)) / 2.0 weekend,
             count(*) filter (where month(d) = 12) / count(distinct account_id) filter (where month(d) = 12) december,
             count(*) filter (where month(d) = 1) / count(distinct account_id) filter (where month(d) = 1) january
        from e`);
    expect(perDay.weekend).toBeLessThan(perDay.weekday / 2);
    expect(perDay.december).toBeLessThan(perDay.january);
  });

  it('spends on marketing and sales every month in every acquisition channel', async () => {
    const grid = await one<{ n_months: number }>(`
      select count(distinct left(month, 7)) n_months from spend
       where channel in ('organic', 'paid_search', 'partner', 'outbound')`);
    expect(grid.n_months).toBe(14);
    const channels = await warehouse.query<{ channel: string }>(
      'select distinct acquisition_channel channel from accounts where acquisition_channel is not null order by 1',
    );
    expect(channels.map((row) => row.channel)).toEqual(['organic', 'outbound', 'paid_search', 'partner']);
    expect(await count(`select count(distinct channel || category) n from spend`)).toBeGreaterThanOrEqual(7);
  });
});

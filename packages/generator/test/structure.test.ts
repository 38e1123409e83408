import type { Warehouse } from '@pulse/core';
import { sources } from '@pulse/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFolder, generateInto, openGenerated } from './support/generated-data.js';

/** Each source's declared columns (packages/models/src/sources) and, of those, the required ones. */
const DECLARED = sources.map((source) => ({
  source: source.name,
  columns: source.columns.map((column) => column.name),
  required: source.columns.filter((column) => column.required).map((column) => column.name),
}));
const END = '2025-06-20';

let folder: GeneratedFolder;
let warehouse: Warehouse;
const count = async (sql: string) => Number((await warehouse.query<{ n: number }>(sql))[0]!.n);

beforeAll(async () => {
  folder = await generateInto({ accounts: 300, months: 14, seed: 11, end: END });
  warehouse = await openGenerated(folder.dir);
});
afterAll(async () => {
  await warehouse?.close();
  await folder?.dispose();
});

describe('generate: structure', () => {
  it('gives every source each declared column, with no required value empty', async () => {
    for (const { source, columns, required } of DECLARED) {
      const header = (await warehouse.query<{ header: string }>(`select header from ${source}_columns`)).map(
        (row) => row.header.trim().toLowerCase(),
      );
      expect(header, source).toEqual(expect.arrayContaining(columns));
      const empty = required.map((column) => `"${column}" is null or trim("${column}") = ''`).join(' or ');
      expect(await count(`select count(*) n from ${source} where ${empty}`), source).toBe(0);
    }
  });

  it('keeps unique ids unique and references only existing accounts', async () => {
    for (const [source, id] of [
      ['accounts', 'account_id'],
      ['invoices', 'invoice_id'],
      ['tickets', 'ticket_id'],
      ['survey_responses', 'response_id'],
    ] as const) {
      expect(await count(`select count(*) - count(distinct ${id}) n from ${source}`), source).toBe(0);
    }
    for (const source of ['subscriptions', 'invoices', 'events', 'tickets', 'survey_responses']) {
      const orphans = `select count(*) n from ${source} where account_id not in (select account_id from accounts)`;
      expect(await count(orphans), source).toBe(0);
    }
    expect(await count('select count(*) n from accounts')).toBe(300);
  });

  it('writes subscription periods that end after they start and never overlap within a subscription', async () => {
    expect(await count('select count(*) n from subscriptions where end_date::date <= start_date::date')).toBe(
      0,
    );
    const overlaps = `
      select count(*) n from subscriptions a join subscriptions b
        on a.subscription_id = b.subscription_id and a.start_date < b.start_date
       where a.end_date is null or a.end_date::date > b.start_date::date`;
    expect(await count(overlaps)).toBe(0);
    // A change ends one period the day the next starts: no gap inside a subscription.
    const gaps = `
      select count(*) n from (
        select end_date, lead(start_date) over (partition by subscription_id order by start_date) next_start
          from subscriptions) where next_start is not null and next_start <> end_date`;
    expect(await count(gaps)).toBe(0);
  });

  it('uses valid enums, amounts and scores', async () => {
    const invalid = {
      subscriptions: `billing_interval not in ('month', 'quarter', 'year') or amount::decimal(12, 2) < 0
        or coalesce(is_trial, '') not in ('true', 'false', '1', '0', '')`,
      invoices: `status not in ('paid', 'open', 'void', 'refunded')
        or (amount::decimal(12, 2) < 0 and invoice_id not like 'CN-%')`,
      tickets: `priority not in ('low', 'normal', 'high', 'urgent')
        or first_response_at::timestamptz < created_at::timestamptz
        or resolved_at::timestamptz < created_at::timestamptz`,
      survey_responses: `survey not in ('nps', 'csat') or score::int < case survey when 'nps' then 0 else 1 end
        or score::int > case survey when 'nps' then 10 else 5 end`,
      spend: `category not in ('marketing', 'sales') or amount::decimal(12, 2) < 0`,
      fx_rates: 'rate::double <= 0',
    };
    for (const [source, where] of Object.entries(invalid)) {
      expect(await count(`select count(*) n from ${source} where ${where}`), source).toBe(0);
    }
  });

  it('writes ISO currency codes, with an fx rate on or before every non-USD date that needs one', async () => {
    const codes = await warehouse.query<{ code: string }>(`
      select distinct upper(currency) code from (
        select currency from subscriptions union all select currency from invoices
        union all select currency from spend union all select currency from fx_rates) order by 1`);
    expect(codes.map((row) => row.code)).toEqual(['EUR', 'GBP', 'USD']);
    const uncovered = `
      with needs as (
        select upper(currency) currency, start_date::date d from subscriptions
        union all select upper(currency), (issued_at::timestamptz)::date from invoices
        union all select upper(currency), (left(month, 7) || '-01')::date from spend)
      select count(*) n from needs
       where currency <> 'USD'
         and not exists (select 1 from fx_rates f where upper(f.currency) = needs.currency and f.date::date <= needs.d)`;
    expect(await count(uncovered)).toBe(0);
    // At least monthly: the longest gap between two rates of a currency is a weekend.
    const longestGap = `
      select max(gap) n from (
        select date::date - lag(date::date) over (partition by upper(currency) order by date) gap from fx_rates)`;
    expect(await count(longestGap)).toBeLessThanOrEqual(3);
  });

  it('parses every timestamp and dates nothing after the end day, which itself has data', async () => {
    const stamps = {
      accounts: ['created_at'],
      invoices: ['issued_at'],
      events: ['occurred_at'],
      tickets: ['created_at', 'first_response_at', 'resolved_at'],
      survey_responses: ['responded_at'],
    };
    for (const [source, columns] of Object.entries(stamps)) {
      for (const column of columns) {
        const unparsable = `select count(*) n from ${source} where ${column} is not null and try_cast(${column} as timestamptz) is null`;
        expect(await count(unparsable), `${source}.${column}`).toBe(0);
        const late = `select count(*) n from ${source} where ${column}::timestamptz >= timestamptz '${END} 00:00:00+00' + interval 1 day`;
        expect(await count(late), `${source}.${column}`).toBe(0);
      }
    }
    expect(await count(`select count(*) n from subscriptions where start_date > '${END}'`)).toBe(0);
    const lastEvent = await warehouse.query<{ d: string }>(
      `select strftime(max(occurred_at::timestamptz), '%Y-%m-%d') d from events`,
    );
    expect(lastEvent[0]!.d).toBe(END);
  });
});

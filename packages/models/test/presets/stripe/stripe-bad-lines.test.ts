import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDataFolder,
  quarantineOf,
  type ScenarioBuild,
  subscriptionsOf,
} from '../stripe-scenarios/scenario-build.js';
import { csv, LINE_HEADER } from './stripe-harness.js';

/**
 * Line items the contract rejects take no part in ordering, trimming and merging: each reaches the contract
 * as its own row and is quarantined at its own line, and the good lines form periods as if it were absent.
 * Periods never merge across accounts. One real `pulse build`; MRR is read on each month's last day.
 */
const FILES = {
  'stripe/customer.csv': csv(
    'id,name,email,created,metadata',
    'cus_A,Alpha,,2025-01-01 00:00:00,{}',
    'cus_B,Beta,,2025-01-01 00:00:00,{}',
    'cus_C,Gamma,,2025-01-01 00:00:00,{}',
    'cus_D,Delta,,2025-01-01 00:00:00,{}',
    'cus_E,Epsilon,,2025-01-01 00:00:00,{}',
  ),
  'stripe/price.csv': csv(
    'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency',
    'price_m,Pro,,month,1,10000,usd',
    'price_addon,Add-on,,month,1,5000,usd',
  ),
  'stripe/invoice.csv': csv(
    'id,customer_id,created,status,total,tax,currency',
    'in_A1,cus_A,2025-01-01 00:00:00,paid,15000,0,usd',
    'in_A2,cus_A,2025-02-01 00:00:00,paid,10000,0,usd',
    'in_B1,cus_B,2025-01-01 00:00:00,paid,10000,0,usd',
    'in_C2,cus_C,2025-02-05 00:00:00,paid,10000,0,usd',
    'in_D1,cus_D,2025-01-01 00:00:00,paid,10000,0,usd',
    'in_E2,cus_E,2025-02-01 00:00:00,paid,10000,0,usd',
  ),
  'stripe/invoice_line_item.csv': csv(
    LINE_HEADER,
    // 1. An end before its start: it cut si_A1 short at Jan 20 (and was merged away, unreported).
    'il_1,in_A1,subscription,sub_A,si_A1,price_m,10000,usd,1,false,2025-01-01 00:00:00,2025-02-01 00:00:00',
    'il_2,in_A2,subscription,sub_A,si_A1,price_m,10000,usd,1,false,2025-02-01 00:00:00,2025-01-20 00:00:00',
    'il_3,in_A2,subscription,sub_A,si_A1,price_m,10000,usd,1,false,2025-02-01 00:00:00,2025-03-01 00:00:00',
    // 2. A line whose invoice is not in the export, after a good one: it stretched si_A2 to Mar 1.
    'il_4,in_A1,subscription,sub_A,si_A2,price_addon,5000,usd,1,false,2025-01-01 00:00:00,2025-02-01 00:00:00',
    'il_5,in_gone,subscription,sub_A,si_A2,price_addon,5000,usd,1,false,2025-02-01 00:00:00,2025-03-01 00:00:00',
    // 3. A line whose invoice is not in the export, before a good one: it took si_C1's good line with it.
    'il_6,in_gone,subscription,sub_C,si_C1,price_m,10000,usd,1,false,2025-01-05 00:00:00,2025-02-05 00:00:00',
    'il_7,in_C2,subscription,sub_C,si_C1,price_m,10000,usd,1,false,2025-02-05 00:00:00,2025-03-05 00:00:00',
    // 4. One subscription item on invoices of two customers: never merged into the first one's period.
    'il_8,in_D1,subscription,sub_D,si_D1,price_m,10000,usd,1,false,2025-01-01 00:00:00,2025-02-01 00:00:00',
    'il_9,in_E2,subscription,sub_D,si_D1,price_m,10000,usd,1,false,2025-02-01 00:00:00,2025-03-01 00:00:00',
    // A zero-length line touching a good period is quarantined, not merged into it.
    'il_10,in_B1,subscription,sub_B,si_B1,price_m,10000,usd,1,false,2025-01-01 00:00:00,2025-02-01 00:00:00',
    'il_11,in_B1,subscription,sub_B,si_B1,price_m,10000,usd,1,false,2025-02-01 00:00:00,2025-02-01 06:00:00',
    // No period end (Stripe always has one): a gap in the export, not a period still in force.
    'il_12,in_B1,subscription,sub_B,si_B2,price_addon,5000,usd,1,false,2025-01-01 00:00:00,',
    // 5. A currency of three letters that ISO 4217 does not list: it cut si_B3 short at Jan 15.
    'il_13,in_B1,subscription,sub_B,si_B3,price_addon,5000,usd,1,false,2025-01-01 00:00:00,2025-03-01 00:00:00',
    'il_14,in_B1,subscription,sub_B,si_B3,price_addon,5000,xyz,1,false,2025-01-15 00:00:00,2025-02-15 00:00:00',
  ),
};

const ACCOUNTS = ['cus_A', 'cus_B', 'cus_C', 'cus_D', 'cus_E'];

describe('stripe preset: line items the contract rejects stay out of the periods of good lines', () => {
  let root: string;
  let build: ScenarioBuild;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-stripe-bad-lines-'));
    build = await buildDataFolder(root, FILES, {
      reporting_currency: 'USD',
      as_of: '2025-03-31',
      presets: { stripe: { path: 'stripe/' } },
    });
  });
  afterAll(async () => {
    await build?.warehouse.close();
    await rm(root, { recursive: true, force: true });
  });

  it('each bad line is quarantined at its own line, for its own reason', async () => {
    expect(await quarantineOf(build.warehouse, 'subscriptions')).toEqual([
      { file: 'stripe/invoice_line_item.csv', line: 3, column: 'end_date', reason_code: 'bad_period' },
      {
        file: 'stripe/invoice_line_item.csv',
        line: 6,
        column: 'account_id',
        reason_code: 'missing_required',
      },
      {
        file: 'stripe/invoice_line_item.csv',
        line: 7,
        column: 'account_id',
        reason_code: 'missing_required',
      },
      { file: 'stripe/invoice_line_item.csv', line: 12, column: 'end_date', reason_code: 'bad_period' },
      { file: 'stripe/invoice_line_item.csv', line: 13, column: 'end_date', reason_code: 'wrong_type' },
      { file: 'stripe/invoice_line_item.csv', line: 15, column: 'currency', reason_code: 'wrong_type' },
    ]);
  });

  it('the good lines form their periods as if the bad ones were absent, one account each', async () => {
    const periods = (await subscriptionsOf(build.warehouse, ACCOUNTS)).map(
      ({ subscription_id, account_id, amount, start_date, end_date }) => [
        subscription_id,
        account_id,
        amount,
        start_date,
        end_date,
      ],
    );
    expect(periods).toEqual([
      ['si_A1', 'cus_A', 100, '2025-01-01', '2025-03-01'], // il_1 and il_3 merged
      ['si_A2', 'cus_A', 50, '2025-01-01', '2025-02-01'],
      ['si_B1', 'cus_B', 100, '2025-01-01', '2025-02-01'],
      ['si_B3', 'cus_B', 50, '2025-01-01', '2025-03-01'],
      ['si_C1', 'cus_C', 100, '2025-02-05', '2025-03-05'],
      ['si_D1', 'cus_D', 100, '2025-01-01', '2025-02-01'],
      ['si_D1', 'cus_E', 100, '2025-02-01', '2025-03-01'],
    ]);
  });

  it('MRR by account and month (read on the last day of the month)', async () => {
    const rows = await build.warehouse.query<{ account_id: string; month: string; mrr: number }>(
      `select account_id, strftime(month, '%Y-%m') as month, round(mrr, 6)::DOUBLE as mrr
       from marts.mrr_account_months where mrr <> 0 order by account_id, month`,
    );
    expect(rows.map(({ account_id, month, mrr }) => [account_id, month, mrr])).toEqual([
      ['cus_A', '2025-01', 150], // si_A1 100 + si_A2 50
      ['cus_A', '2025-02', 100], // si_A1 only: si_A2 ended Feb 1
      ['cus_B', '2025-01', 150], // si_B1 100 + si_B3 50
      ['cus_B', '2025-02', 50], // si_B3 only: the line in xyz did not cut it
      ['cus_C', '2025-02', 100], // Feb 28 is in [Feb 5, Mar 5)
      ['cus_D', '2025-01', 100],
      ['cus_E', '2025-02', 100],
    ]);
    expect(build.failures).toEqual([]);
  });
});

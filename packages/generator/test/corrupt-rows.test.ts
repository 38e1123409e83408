import type { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFolder, generateInto, openGenerated } from './support/generated-data.js';

/** One query per quarantine reason: how many rows of the dataset have that problem. */
const PROBLEMS: Record<string, string> = {
  negative_amount: `select count(*) n from subscriptions where try_cast(amount as decimal(12, 2)) < 0`,
  unknown_interval: `select count(*) n from subscriptions where billing_interval not in ('month', 'quarter', 'year')`,
  orphan_account: `select count(*) n from invoices where account_id not in (select account_id from accounts)`,
  bad_date: `select count(*) n from tickets where try_cast(created_at as timestamptz) is null`,
  score_out_of_range: `select count(*) n from survey_responses where survey = 'nps' and score::int > 10`,
  bad_order: `select count(*) n from tickets where try_cast(resolved_at as timestamptz) < try_cast(created_at as timestamptz)`,
  duplicate_id: `select count(*) - count(distinct invoice_id) n from invoices`,
  bad_period: `select count(*) n from subscriptions where end_date <= start_date`,
};

async function problems(warehouse: Warehouse): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const [name, sql] of Object.entries(PROBLEMS)) {
    found[name] = Number((await warehouse.query<{ n: number }>(sql))[0]!.n);
  }
  return found;
}

const folders: GeneratedFolder[] = [];
const warehouses: Warehouse[] = [];
async function dataset(corruptRows: number): Promise<Warehouse> {
  const folder = await generateInto({ accounts: 40, months: 6, seed: 9, corruptRows });
  folders.push(folder);
  const warehouse = await openGenerated(folder.dir);
  warehouses.push(warehouse);
  return warehouse;
}

let clean: Warehouse;
let six: Warehouse;
let eight: Warehouse;
beforeAll(async () => {
  [clean, six, eight] = [await dataset(0), await dataset(6), await dataset(8)];
});
afterAll(async () => {
  for (const warehouse of warehouses) await warehouse.close();
  await Promise.all(folders.map((folder) => folder.dispose()));
});

describe('generate: corrupt rows', () => {
  it('writes no invalid row unless asked', async () => {
    expect(Object.values(await problems(clean)).every((n) => n === 0)).toBe(true);
  });

  it('injects the first kinds in order: negative amount, unknown interval, orphan account, bad date, …', async () => {
    expect(await problems(six)).toEqual({
      negative_amount: 1,
      unknown_interval: 1,
      orphan_account: 1,
      bad_date: 1,
      score_out_of_range: 1,
      bad_order: 1,
      duplicate_id: 0,
      bad_period: 0,
    });
  });

  it('injects one of every kind with eight, each row otherwise valid', async () => {
    expect(Object.values(await problems(eight))).toEqual(Array(8).fill(1));
    // Only the orphan row references a missing account: the others have exactly one problem each.
    const orphans = await eight.query<{ account_id: string }>(
      `select account_id from (select account_id from subscriptions union all select account_id from tickets
        union all select account_id from survey_responses union all select account_id from invoices)
        where account_id not in (select account_id from accounts)`,
    );
    expect(orphans).toEqual([{ account_id: 'ACME-404-1' }]);
  });
});

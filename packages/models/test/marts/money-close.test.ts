// The money identities' tolerance. mrr_monthly's `net_new_mrr = mrr - start_mrr` compared the difference
// with itself: at an MRR of 2.5e10 (a 1.5M USD book reported in IDR) the subtraction's rounding alone
// exceeded it, the test failed the build and mrr_monthly and the marts after it were not published.
import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyClose } from '../../src/marts/all-row-is-sum-of-parts.js';

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
});
afterAll(() => warehouse.close());

async function holds(condition: string): Promise<boolean> {
  const [row] = await warehouse.query<{ holds: boolean }>(
    `select (${condition}) as holds from (select 25000000000.3::DOUBLE as mrr, 25000000000.2::DOUBLE as start_mrr,
       0.1::DOUBLE as net_new_mrr, 0.6::DOUBLE as wrong_net_new_mrr)`,
  );
  return row!.holds;
}

describe('moneyClose', () => {
  it('holds a difference of large amounts up to their rounding, given their size', async () => {
    expect(await holds('mrr - start_mrr <> net_new_mrr')).toBe(true); // the rounding is real
    expect(await holds(moneyClose('net_new_mrr', 'mrr - start_mrr', ['mrr', 'start_mrr']))).toBe(true);
  });

  it('still fails a difference that is wrong by more than rounding', async () => {
    expect(await holds(moneyClose('net_new_mrr', '0.7'))).toBe(false);
    expect(await holds(moneyClose('net_new_mrr + 100', 'mrr - start_mrr', ['mrr', 'start_mrr']))).toBe(false);
  });
});

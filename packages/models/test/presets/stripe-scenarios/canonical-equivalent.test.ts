import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  ALL_SUBSCRIPTIONS,
  MRR_MONTHLY_ALL,
  ORPHAN_INVOICE,
  ORPHAN_SUBSCRIPTION,
  SCENARIOS,
} from './expected-canonical.js';
import {
  accountsOf,
  buildDataFolder,
  invoicesOf,
  mrrMonthlyAll,
  mrrOf,
  quarantineOf,
  type ScenarioBuild,
  subscriptionsOf,
} from './scenario-build.js';
import { AS_OF, csvText, FX_RATES_CSV, stripeDataFolder } from './stripe-export.js';

/**
 * Self-check of the Stripe scenarios' hand arithmetic: the canonical rows the preset must derive
 * (expected-canonical.ts), written as canonical CSVs and built by the real `pulse build`, give exactly the
 * expected MRR. So when stripe-scenarios.test.ts fails, it is the derivation from Stripe tables that differs,
 * not the MRR arithmetic.
 */
describe('Stripe scenarios self-check: the expected canonical rows give the expected MRR', () => {
  let root: string;
  let build: ScenarioBuild;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-stripe-canonical-'));
    const invoices = Object.values(SCENARIOS).flatMap((scenario) =>
      'invoices' in scenario ? scenario.invoices : [],
    );
    build = await buildDataFolder(
      root,
      {
        'accounts.csv': csvText(
          ['account_id', 'name', 'created_at', 'segment', 'region', 'acquisition_channel'],
          ACCOUNTS.map((row) => ({ ...row })),
        ),
        // The orphan second, so its line is 3.
        'subscriptions.csv': csvText(
          [
            'subscription_id',
            'account_id',
            'plan',
            'billing_interval',
            'amount',
            'currency',
            'start_date',
            'end_date',
            'is_trial',
          ],
          [ALL_SUBSCRIPTIONS[0]!, ORPHAN_SUBSCRIPTION, ...ALL_SUBSCRIPTIONS.slice(1)].map((row) => ({
            ...row,
            is_trial: row.is_trial ? 'true' : 'false',
          })),
        ),
        'invoices.csv': csvText(
          ['invoice_id', 'account_id', 'issued_at', 'amount', 'currency', 'status'],
          [...invoices, ORPHAN_INVOICE].map((row) => ({ ...row })),
        ),
        'fx_rates.csv': FX_RATES_CSV,
      },
      { reporting_currency: 'USD', as_of: AS_OF },
    );
  });
  afterAll(async () => {
    await build?.warehouse.close();
    await rm(root, { recursive: true, force: true });
  });

  it('builds every model', () => {
    expect(build.failures).toEqual([]);
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`${name}: periods, MRR per account-month and invoices`, async () => {
      expect(await subscriptionsOf(build.warehouse, scenario.accounts)).toEqual(scenario.subscriptions);
      expect(await mrrOf(build.warehouse, scenario.accounts)).toEqual(scenario.mrr);
      if ('invoices' in scenario)
        expect(await invoicesOf(build.warehouse, scenario.accounts)).toEqual(scenario.invoices);
    });
  }

  it('orphan: quarantined as orphan_account, account_id', async () => {
    expect(await quarantineOf(build.warehouse, 'subscriptions')).toEqual([
      { file: 'subscriptions.csv', line: 3, column: 'account_id', reason_code: 'orphan_account' },
    ]);
  });

  it('the Stripe tables are well-formed CSVs: every row splits into the columns of its header', async () => {
    const db = await Warehouse.open(':memory:');
    try {
      const dir = await mkdtemp(join(root, 'stripe-'));
      const counts: Record<string, number> = {};
      for (const [name, text] of Object.entries(stripeDataFolder())) {
        const file = join(dir, name.replaceAll('/', '_'));
        await writeFile(file, text);
        const [row] = await db.query<{ n: number }>(
          `select count(*)::INTEGER as n from read_csv('${file}', all_varchar = true, header = true, strict_mode = true)`,
        );
        counts[name] = row!.n;
      }
      expect(counts).toEqual({
        'stripe/customer.csv': 13,
        'stripe/price.csv': 9,
        'stripe/product.csv': 5,
        'stripe/invoice.csv': 42,
        'stripe/invoice_line_item.csv': 50,
        'stripe/subscription.csv': 12,
        'stripe/credit_note.csv': 4,
        'fx_rates.csv': 4,
      });
    } finally {
      await db.close();
    }
  });

  it('accounts and mrr_monthly', async () => {
    expect(await accountsOf(build.warehouse)).toEqual(ACCOUNTS);
    expect(await mrrMonthlyAll(build.warehouse)).toEqual(MRR_MONTHLY_ALL);
  });
});

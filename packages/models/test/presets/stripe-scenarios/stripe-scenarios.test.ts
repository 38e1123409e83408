import { describe, expect, it } from 'vitest';
import { ACCOUNTS, INVOICE_COUNT, MRR_MONTHLY_ALL, SCENARIOS, type Scenario } from './expected-canonical.js';
import {
  accountsOf,
  buildForSuite,
  countOf,
  invoicesOf,
  mrrMonthlyAll,
  mrrOf,
  quarantineOf,
  subscriptionsOf,
} from './scenario-build.js';
import { INVOICE_ROWS, LINE_ROWS, lineOf, STRIPE_CONFIG, stripeDataFolder } from './stripe-export.js';

/**
 * The Stripe preset (ADAPTERS.md §2) end to end: one real `pulse build` over a data folder holding only
 * Fivetran-layout Stripe tables under stripe/ (and canonical fx rates), with
 * `{"presets": {"stripe": {"path": "stripe/"}}}`. Each scenario has its own customers; its expected
 * canonical periods and MRR are computed by hand in expected-canonical.ts (and proven on the real marts by
 * canonical-equivalent.test.ts).
 */
describe('Stripe preset scenarios (Fivetran layout → canonical sources → MRR)', () => {
  const published = buildForSuite('the Stripe export', stripeDataFolder, STRIPE_CONFIG);
  /** The published warehouse; a build that published nothing fails every test with its message. */
  const warehouse = () => published().warehouse;

  async function expectScenario(scenario: Scenario) {
    const db = warehouse();
    expect(await subscriptionsOf(db, scenario.accounts)).toEqual(scenario.subscriptions);
    expect(await mrrOf(db, scenario.accounts)).toEqual(scenario.mrr);
    if (scenario.invoices) expect(await invoicesOf(db, scenario.accounts)).toEqual(scenario.invoices);
  }

  it('builds every model (the metric identities hold on the derived rows)', () => {
    warehouse();
    expect(published().failures).toEqual([]);
  });

  it('1. monthly plan upgraded mid-cycle: the proration debit starts the new price at its full amount', async () => {
    await expectScenario(SCENARIOS.upgrade);
  });

  it('2. downgrade mid-cycle: credit for the unused higher price, a smaller debit starting the lower one', async () => {
    await expectScenario(SCENARIOS.downgrade);
  });

  it('3. immediate cancellation: subscription.ended_at (epoch seconds) ends the MRR that UTC day', async () => {
    await expectScenario(SCENARIOS.cancellation);
  });

  it('4. add-on item beside a base item: each subscription item is its own canonical subscription', async () => {
    await expectScenario(SCENARIOS.addOn);
  });

  it('5. trial then paid: the 0 line before subscription.trial_end is a trial period', async () => {
    await expectScenario(SCENARIOS.trial);
  });

  it('6. quarterly (month × 3) and annual (year × 1) prices, normalised to a month', async () => {
    await expectScenario(SCENARIOS.quarterlyAndAnnual);
  });

  it('7. JPY (zero decimals) and KWD (three decimals), converted at the period start rate', async () => {
    await expectScenario(SCENARIOS.currencies);
  });

  it('8. void and draft invoices: their lines give nothing; the void invoice is a row, the draft none', async () => {
    await expectScenario(SCENARIOS.voidAndDraft);
  });

  it('9. an uncollectible invoice: its lines count, the invoice row is open', async () => {
    await expectScenario(SCENARIOS.uncollectible);
  });

  it('10. credit notes: negative paid invoice rows by the three amount rules; a void one gives nothing', async () => {
    await expectScenario(SCENARIOS.creditNotes);
  });

  it('11. a derived row breaking the contract is quarantined at its Stripe file and physical line', async () => {
    const db = warehouse();
    // il_gh_1 is the line of in_gh_1, whose customer cus_ghost is not in customer.csv. Its period is the
    // only subscription row quarantined; the invoice row is quarantined at in_gh_1's line of invoice.csv.
    expect(await quarantineOf(db, 'subscriptions')).toEqual([
      {
        file: 'stripe/invoice_line_item.csv',
        line: lineOf(LINE_ROWS, 'il_gh_1'),
        column: 'account_id',
        reason_code: 'orphan_account',
      },
    ]);
    expect(await quarantineOf(db, 'invoices')).toEqual([
      {
        file: 'stripe/invoice.csv',
        line: lineOf(INVOICE_ROWS, 'in_gh_1'),
        column: 'account_id',
        reason_code: 'orphan_account',
      },
    ]);
    expect(await subscriptionsOf(db, ['cus_ghost'])).toEqual([]);
    expect(await invoicesOf(db, ['cus_ghost'])).toEqual([]);
    // Sanity of the fixture: line 1 is the header, so the physical lines are the row indexes + 2.
    expect(lineOf(LINE_ROWS, 'il_gh_1')).toBe(45);
    expect(lineOf(INVOICE_ROWS, 'in_gh_1')).toBe(37);
  });

  it('accounts from customer: name else email, metadata keys segment/region/acquisition_channel, deleted kept', async () => {
    // Reading: without a `metadata` option the keys are the column names themselves.
    expect(await accountsOf(warehouse())).toEqual(ACCOUNTS);
    expect(await quarantineOf(warehouse(), 'accounts')).toEqual([]);
  });

  it('invoices: every non-draft invoice and non-void credit note, and nothing else', async () => {
    expect(await countOf(warehouse(), 'raw.invoices')).toBe(INVOICE_COUNT);
  });

  it('derived periods: no other subscription row, none quarantined but the orphan', async () => {
    const all = Object.values(SCENARIOS).flatMap((scenario) => scenario.subscriptions);
    expect(await countOf(warehouse(), 'raw.subscriptions')).toBe(all.length);
  });

  it('mrr_monthly (all segments) adds up the scenarios month by month from 2023-11', async () => {
    expect(await mrrMonthlyAll(warehouse())).toEqual(MRR_MONTHLY_ALL);
  });

  it('a merged period keeps the file and line of the line item that starts it', async () => {
    // Reading: raw._file / raw._line of a derived row are its Stripe file and physical line, as quarantine's.
    const rows = await warehouse().query<{
      subscription_id: string;
      start_date: string;
      _file: string;
      _line: number;
    }>(
      `select subscription_id, strftime(start_date, '%Y-%m-%d') as start_date, _file, _line::INTEGER as _line
       from raw.subscriptions where account_id in ('cus_up', 'cus_trial', 'cus_unc') order by subscription_id, start_date`,
    );
    const at = (id: string) => ({ _file: 'stripe/invoice_line_item.csv', _line: lineOf(LINE_ROWS, id) });
    expect(rows).toEqual([
      { subscription_id: 'si_tr', start_date: '2024-01-25', ...at('il_tr_1') },
      { subscription_id: 'si_tr', start_date: '2024-02-08', ...at('il_tr_2') },
      // Basic [01-10, 02-25) starts with il_up_1; Pro [02-25, 07-10) with the proration debit il_up_3b.
      { subscription_id: 'si_up', start_date: '2024-01-10', ...at('il_up_1') },
      { subscription_id: 'si_up', start_date: '2024-02-25', ...at('il_up_3b') },
      { subscription_id: 'sub_un', start_date: '2024-05-05', ...at('il_un_1') },
    ]);
  });
});

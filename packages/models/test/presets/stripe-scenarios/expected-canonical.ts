/**
 * What the Stripe export of stripe-export.ts must become, computed by hand from ADAPTERS.md §2 and
 * METRICS.md (MRR), with the arithmetic in comments. Used twice: against the Stripe preset's build, and
 * written back as canonical CSVs (canonical-equivalent.test.ts) to prove this arithmetic on the real marts.
 *
 * as_of = 2024-06-30. MRR is read on snap(m) = the month's last day: a period [start, end) counts on d iff
 * start <= d < end. Month values are the first day of the month.
 */

export interface SubscriptionRow {
  subscription_id: string;
  account_id: string;
  plan: string;
  billing_interval: 'month' | 'quarter' | 'year';
  amount: number;
  currency: string;
  start_date: string;
  end_date: string | null;
  is_trial: boolean;
}

export interface MrrRow {
  account_id: string;
  month: string;
  mrr: number;
  movement: string;
}

export interface InvoiceRow {
  invoice_id: string;
  account_id: string;
  issued_at: string;
  amount: number;
  currency: string;
  status: string;
}

export interface AccountRow {
  account_id: string;
  name: string | null;
  created_at: string;
  segment: string;
  region: string;
  acquisition_channel: string;
}

export interface Scenario {
  readonly accounts: readonly string[];
  readonly subscriptions: readonly SubscriptionRow[];
  readonly mrr: readonly MrrRow[];
  readonly invoices?: readonly InvoiceRow[];
}

function sub(
  subscription_id: string,
  account_id: string,
  plan: string,
  billing_interval: SubscriptionRow['billing_interval'],
  amount: number,
  currency: string,
  start_date: string,
  end_date: string | null,
  is_trial = false,
): SubscriptionRow {
  return {
    subscription_id,
    account_id,
    plan,
    billing_interval,
    amount,
    currency,
    start_date,
    end_date,
    is_trial,
  };
}

/** One MRR row per [month, mrr, movement]. */
function mrr(account_id: string, rows: [string, number, string][]): MrrRow[] {
  return rows.map(([month, value, movement]) => ({ account_id, month, mrr: value, movement }));
}

function inv(
  invoice_id: string,
  account_id: string,
  issued_at: string,
  amount: number,
  currency: string,
  status: string,
): InvoiceRow {
  return { invoice_id, account_id, issued_at, amount, currency, status };
}

export const SCENARIOS = {
  /**
   * 1. Upgrade mid-cycle. Lines of si_up: Basic [01-10, 02-10) 30, Basic [02-10, 03-10) 30, proration credit
   * −14.48 (no period), proration debit +43.45 on Pro from 02-25 → a Pro period from 02-25 at the full price
   * 9000 × 1 = 90.00 (not 43.45), then Pro cycles [03-10, 04-10) … [06-10, 07-10) at 90.
   * Ordered by start, each period ends at the next one's start: Basic [02-10, 02-25). Merging touching
   * equal periods: Basic 30 [01-10, 02-25), Pro 90 [02-25, 07-10).
   */
  upgrade: {
    accounts: ['cus_up'],
    subscriptions: [
      sub('si_up', 'cus_up', 'Basic', 'month', 30, 'USD', '2024-01-10', '2024-02-25'),
      sub('si_up', 'cus_up', 'Pro', 'month', 90, 'USD', '2024-02-25', '2024-07-10'),
    ],
    // Jan 31: Basic 30 (new). Feb 29: Pro 90 (since 02-25): +60 expansion. Mar–Jun: Pro 90.
    mrr: mrr('cus_up', [
      ['2024-01-01', 30, 'new'],
      ['2024-02-01', 90, 'expansion'],
      ['2024-03-01', 90, 'none'],
      ['2024-04-01', 90, 'none'],
      ['2024-05-01', 90, 'none'],
      ['2024-06-01', 90, 'none'],
    ]),
    // amount = (total − tax) / 100. in_up_3: subtotal −1448 + 4345 + 9000 = 11897, tax 1190,
    // total 13087 → (13087 − 1190) / 100 = 118.97.
    invoices: [
      inv('in_up_1', 'cus_up', '2024-01-10 10:00:00', 30, 'USD', 'paid'),
      inv('in_up_2', 'cus_up', '2024-02-10 10:00:00', 30, 'USD', 'paid'),
      inv('in_up_3', 'cus_up', '2024-03-10 10:00:00', 118.97, 'USD', 'paid'),
      inv('in_up_4', 'cus_up', '2024-04-10 10:00:00', 90, 'USD', 'paid'),
      inv('in_up_5', 'cus_up', '2024-05-10 10:00:00', 90, 'USD', 'paid'),
      inv('in_up_6', 'cus_up', '2024-06-10 10:00:00', 90, 'USD', 'paid'),
    ],
  },

  /**
   * 2. Downgrade mid-cycle. Pro [01-15, 02-15), Pro [02-15, 03-15), proration credit −43.45 on Pro (no
   * period), proration debit +14.48 on Basic from 03-01 → Basic at the full price 3000 × 1 = 30.00 from
   * 03-01, then Basic cycles [03-15, 04-15) … [06-15, 07-15). Pro [02-15, 03-15) is cut at 03-01.
   * Merged: Pro 90 [01-15, 03-01), Basic 30 [03-01, 07-15).
   */
  downgrade: {
    accounts: ['cus_down'],
    subscriptions: [
      sub('si_dn', 'cus_down', 'Pro', 'month', 90, 'USD', '2024-01-15', '2024-03-01'),
      sub('si_dn', 'cus_down', 'Basic', 'month', 30, 'USD', '2024-03-01', '2024-07-15'),
    ],
    // Feb 29 is still Pro (the Basic period starts 03-01). Mar 31: 30, contraction 30 − 90 = −60.
    mrr: mrr('cus_down', [
      ['2024-01-01', 90, 'new'],
      ['2024-02-01', 90, 'none'],
      ['2024-03-01', 30, 'contraction'],
      ['2024-04-01', 30, 'none'],
      ['2024-05-01', 30, 'none'],
      ['2024-06-01', 30, 'none'],
    ]),
    // in_dn_3: −4345 + 1448 + 3000 = 103 → 1.03.
    invoices: [
      inv('in_dn_1', 'cus_down', '2024-01-15 08:00:00', 90, 'USD', 'paid'),
      inv('in_dn_2', 'cus_down', '2024-02-15 08:00:00', 90, 'USD', 'paid'),
      inv('in_dn_3', 'cus_down', '2024-03-15 08:00:00', 1.03, 'USD', 'paid'),
      inv('in_dn_4', 'cus_down', '2024-04-15 08:00:00', 30, 'USD', 'paid'),
      inv('in_dn_5', 'cus_down', '2024-05-15 08:00:00', 30, 'USD', 'paid'),
      inv('in_dn_6', 'cus_down', '2024-06-15 08:00:00', 30, 'USD', 'paid'),
    ],
  },

  /**
   * 3. Immediate cancellation. Team 50 cycles [02-05, 03-05), [03-05, 04-05), [04-05, 05-05) merge into
   * [02-05, 05-05); subscription.ended_at = 1713655800 = 2024-04-20 23:30:00 UTC → no period runs past
   * 2024-04-20: [02-05, 04-20). (23:30 UTC is already 04-21 in Asia/Kolkata: the date must be the UTC one.)
   */
  cancellation: {
    accounts: ['cus_cancel'],
    subscriptions: [sub('si_cx', 'cus_cancel', 'Team', 'month', 50, 'USD', '2024-02-05', '2024-04-20')],
    // Apr 30: nothing in effect (it would still be 50 up to 05-05 without ended_at) → churn −50; zero rows
    // continue to the as-of month.
    mrr: mrr('cus_cancel', [
      ['2024-02-01', 50, 'new'],
      ['2024-03-01', 50, 'none'],
      ['2024-04-01', 0, 'churn'],
      ['2024-05-01', 0, 'none'],
      ['2024-06-01', 0, 'none'],
    ]),
  },

  /**
   * 4. Add-on item beside a base item: each subscription_item_id is its own canonical subscription.
   * si_ad_base: Pro 90 cycles [03-01 … 07-01) merged. si_ad_seats: a proration debit (+22.50) from 04-16
   * opens a period at the full price unit_amount × quantity = 1500 × 3 = 4500 → 45.00, then cycles of 45 from
   * 05-01 and 06-01: merged [04-16, 07-01).
   */
  addOn: {
    accounts: ['cus_addon'],
    subscriptions: [
      sub('si_ad_base', 'cus_addon', 'Pro', 'month', 90, 'USD', '2024-03-01', '2024-07-01'),
      sub('si_ad_seats', 'cus_addon', 'Extra seats', 'month', 45, 'USD', '2024-04-16', '2024-07-01'),
    ],
    // Mar 31: 90. Apr 30: 90 + 45 = 135 (+45 expansion). May, Jun: 135 (Jun 30 < 07-01).
    mrr: mrr('cus_addon', [
      ['2024-03-01', 90, 'new'],
      ['2024-04-01', 135, 'expansion'],
      ['2024-05-01', 135, 'none'],
      ['2024-06-01', 135, 'none'],
    ]),
  },

  /**
   * 5. Trial then paid. subscription.trial_end = 1707393600 = 2024-02-08 12:00:00 UTC. The 0 trial line
   * [01-25, 02-08): start 01-25 < 02-08 → is_trial. Paid Basic 30 cycles from 02-08 (not before 02-08 → not
   * a trial) merge into [02-08, 07-08). The trial and paid periods differ (amount, is_trial): no merge.
   */
  trial: {
    accounts: ['cus_trial'],
    subscriptions: [
      sub('si_tr', 'cus_trial', 'Basic', 'month', 0, 'USD', '2024-01-25', '2024-02-08', true),
      sub('si_tr', 'cus_trial', 'Basic', 'month', 30, 'USD', '2024-02-08', '2024-07-08'),
    ],
    // Jan 31: only the trial → 0, never active yet → no January row. Feb 29: 30 new; then 30.
    mrr: mrr('cus_trial', [
      ['2024-02-01', 30, 'new'],
      ['2024-03-01', 30, 'none'],
      ['2024-04-01', 30, 'none'],
      ['2024-05-01', 30, 'none'],
      ['2024-06-01', 30, 'none'],
    ]),
  },

  /**
   * 6. Quarterly (month × 3) and annual (year × 1) prices. Team 270/quarter [01-20, 04-20) and
   * [04-20, 07-20) merge. Pro annual 1200 [2023-11-01, 2024-11-01) (its line names the price in plan_id only).
   */
  quarterlyAndAnnual: {
    accounts: ['cus_qtr', 'cus_year'],
    subscriptions: [
      sub('si_q', 'cus_qtr', 'Team', 'quarter', 270, 'USD', '2024-01-20', '2024-07-20'),
      sub('si_y', 'cus_year', 'Pro', 'year', 1200, 'USD', '2023-11-01', '2024-11-01'),
    ],
    // Quarterly: 270 / 3 = 90 a month. Annual: 1200 / 12 = 100 a month, from November 2023.
    mrr: [
      ...mrr('cus_qtr', [
        ['2024-01-01', 90, 'new'],
        ['2024-02-01', 90, 'none'],
        ['2024-03-01', 90, 'none'],
        ['2024-04-01', 90, 'none'],
        ['2024-05-01', 90, 'none'],
        ['2024-06-01', 90, 'none'],
      ]),
      ...mrr('cus_year', [
        ['2023-11-01', 100, 'new'],
        ['2023-12-01', 100, 'none'],
        ['2024-01-01', 100, 'none'],
        ['2024-02-01', 100, 'none'],
        ['2024-03-01', 100, 'none'],
        ['2024-04-01', 100, 'none'],
        ['2024-05-01', 100, 'none'],
        ['2024-06-01', 100, 'none'],
      ]),
    ],
  },

  /**
   * 7. Zero- and three-decimal currencies. JPY (exponent 0): 120000 minor = ¥120000, month × 12 → year;
   * plan = the price id (its product is not in product.csv, no nickname). KWD (exponent 3): 15500 minor =
   * 15.5 KWD; plan = the nickname (product missing). The four KWD cycles [03-10 … 07-10) merge into one
   * period, so it converts once, at its start_date's rate.
   */
  currencies: {
    accounts: ['cus_jpy', 'cus_kwd'],
    subscriptions: [
      sub('si_jp', 'cus_jpy', 'price_jpy_annual', 'year', 120000, 'JPY', '2024-02-01', '2025-02-01'),
      sub('si_kw', 'cus_kwd', 'Pro (KWD)', 'month', 15.5, 'KWD', '2024-03-10', '2024-07-10'),
    ],
    // JPY: 120000 / 12 = 10000 a month × 0.0070 (rate of 2024-01-01, the latest on or before 02-01) = 70.
    // KWD: 15.5 × 3.25 (rate of 2024-01-01, latest on or before 03-10) = 50.375, fixed for the whole merged
    // period: the 3.30 of 2024-04-01 never applies (unmerged, April would read 15.5 × 3.30 = 51.15).
    mrr: [
      ...mrr('cus_jpy', [
        ['2024-02-01', 70, 'new'],
        ['2024-03-01', 70, 'none'],
        ['2024-04-01', 70, 'none'],
        ['2024-05-01', 70, 'none'],
        ['2024-06-01', 70, 'none'],
      ]),
      ...mrr('cus_kwd', [
        ['2024-03-01', 50.375, 'new'],
        ['2024-04-01', 50.375, 'none'],
        ['2024-05-01', 50.375, 'none'],
        ['2024-06-01', 50.375, 'none'],
      ]),
    ],
    // JPY: (132000 − 12000) / 10^0 = 120000. KWD: 15500 / 10^3 = 15.5.
    invoices: [
      inv('in_jp_1', 'cus_jpy', '2024-02-01 03:00:00', 120000, 'JPY', 'paid'),
      inv('in_kw_1', 'cus_kwd', '2024-03-10 06:00:00', 15.5, 'KWD', 'paid'),
      inv('in_kw_2', 'cus_kwd', '2024-04-10 06:00:00', 15.5, 'KWD', 'paid'),
      inv('in_kw_3', 'cus_kwd', '2024-05-10 06:00:00', 15.5, 'KWD', 'paid'),
      inv('in_kw_4', 'cus_kwd', '2024-06-10 06:00:00', 15.5, 'KWD', 'paid'),
    ],
  },

  /**
   * 8. Void and draft invoices: their lines give no period. Only in_vd_1's Basic line: [04-01, 05-01). Its
   * `invoiceitem` line (one-off onboarding fee) is not a subscription line.
   */
  voidAndDraft: {
    accounts: ['cus_void'],
    subscriptions: [sub('si_vd', 'cus_void', 'Basic', 'month', 30, 'USD', '2024-04-01', '2024-05-01')],
    // Apr 30: 30 new. May 31: nothing (the void May line counts for nothing) → churn.
    mrr: mrr('cus_void', [
      ['2024-04-01', 30, 'new'],
      ['2024-05-01', 0, 'churn'],
      ['2024-06-01', 0, 'none'],
    ]),
    // in_vd_1: 3000 + 5000 = 8000 → 80. The void invoice is a row (status void); the draft none.
    invoices: [
      inv('in_vd_1', 'cus_void', '2024-04-01 00:00:00', 80, 'USD', 'paid'),
      inv('in_vd_2', 'cus_void', '2024-05-01 00:00:00', 30, 'USD', 'void'),
    ],
  },

  /**
   * 9. An uncollectible invoice: its line counts. Lines have no subscription_item_id: subscription_id =
   * the line's subscription_id sub_un. [05-05, 06-05) and [06-05, 07-05) merge.
   */
  uncollectible: {
    accounts: ['cus_unc'],
    subscriptions: [sub('sub_un', 'cus_unc', 'Basic', 'month', 30, 'USD', '2024-05-05', '2024-07-05')],
    mrr: mrr('cus_unc', [
      ['2024-05-01', 30, 'new'],
      ['2024-06-01', 30, 'none'],
    ]),
    // uncollectible → open.
    invoices: [
      inv('in_un_1', 'cus_unc', '2024-05-05 00:00:00', 30, 'USD', 'paid'),
      inv('in_un_2', 'cus_unc', '2024-06-05 00:00:00', 30, 'USD', 'open'),
    ],
  },

  /**
   * 10. Credit notes → invoice rows, status paid, the credited invoice's customer, amount negative:
   * cn_1 has subtotal 1000 (it wins over its tax_amounts) → −10; cn_2 has no subtotal: −(2200 − (150 + 50))
   * = −2000 → −20; cn_3 has neither: −550 → −5.5; cn_4 is void → no row. created is in epoch seconds.
   * Basic cycles [01-05 … 04-05) merge; ended_at 2024-04-05 (at period end) changes nothing.
   */
  creditNotes: {
    accounts: ['cus_cn'],
    subscriptions: [sub('si_cn', 'cus_cn', 'Basic', 'month', 30, 'USD', '2024-01-05', '2024-04-05')],
    // Credit notes do not touch MRR. Apr 30: nothing in effect → churn.
    mrr: mrr('cus_cn', [
      ['2024-01-01', 30, 'new'],
      ['2024-02-01', 30, 'none'],
      ['2024-03-01', 30, 'none'],
      ['2024-04-01', 0, 'churn'],
      ['2024-05-01', 0, 'none'],
      ['2024-06-01', 0, 'none'],
    ]),
    // Invoices: (3300 − 300) / 100 = 30 each.
    invoices: [
      inv('cn_1', 'cus_cn', '2024-01-20 23:45:00', -10, 'USD', 'paid'),
      inv('cn_2', 'cus_cn', '2024-02-20 09:00:00', -20, 'USD', 'paid'),
      inv('cn_3', 'cus_cn', '2024-03-20 23:45:00', -5.5, 'USD', 'paid'),
      inv('in_cn_1', 'cus_cn', '2024-01-05 00:00:00', 30, 'USD', 'paid'),
      inv('in_cn_2', 'cus_cn', '2024-02-05 00:00:00', 30, 'USD', 'paid'),
      inv('in_cn_3', 'cus_cn', '2024-03-05 00:00:00', 30, 'USD', 'paid'),
    ],
  },
} satisfies Record<string, Scenario>;

/**
 * 11. cus_ghost is not in customer.csv: its period (Basic 30 [03-03, 04-03), from il_gh_1) is an
 * orphan_account at that line of stripe/invoice_line_item.csv, and its invoice at in_gh_1's line of
 * stripe/invoice.csv. As canonical rows (for the self-check):
 */
export const ORPHAN_SUBSCRIPTION = sub(
  'si_gh',
  'cus_ghost',
  'Basic',
  'month',
  30,
  'USD',
  '2024-03-03',
  '2024-04-03',
);
export const ORPHAN_INVOICE = inv('in_gh_1', 'cus_ghost', '2024-03-03 00:00:00', 30, 'USD', 'paid');

/**
 * accounts ← customer: name, else email; created; metadata keys segment / region / acquisition_channel
 * (absent key, `{}` or no metadata → unknown). Deleted customers (cus_cancel) are kept. Sorted by id.
 */
export const ACCOUNTS: AccountRow[] = [
  acc('cus_addon', 'Addon GmbH', '2024-02-28 16:00:00', 'enterprise', 'emea', 'sales'),
  acc('cus_cancel', 'Cancel Inc', '2024-02-05 07:00:00', 'unknown', 'unknown', 'unknown'),
  acc('cus_cn', 'Credit Co', '2024-01-04 18:00:00', 'unknown', 'unknown', 'referral'),
  acc('cus_down', 'billing@downgrade.example', '2024-01-15 07:00:00', 'mid_market', 'unknown', 'unknown'),
  acc('cus_jpy', 'Tokyo KK', '2024-02-01 02:00:00', 'mid_market', 'apac', 'organic'),
  acc('cus_kwd', 'Kuwait Trading', '2024-03-10 05:00:00', 'smb', 'mea', 'ads'),
  acc('cus_lead', null, '2024-06-20 10:00:00', 'smb', 'unknown', 'unknown'),
  acc('cus_qtr', 'Quarterly LLC', '2024-01-20 13:00:00', 'smb', 'na', 'organic'),
  acc('cus_trial', 'Trial Labs', '2024-01-25 11:00:00', 'unknown', 'unknown', 'unknown'),
  acc('cus_unc', 'Unpaid Corp', '2024-05-04 20:00:00', 'smb', 'unknown', 'unknown'),
  acc('cus_up', 'Upgrade Co', '2024-01-10 09:00:00', 'smb', 'emea', 'ads'),
  acc('cus_void', 'Void Ventures', '2024-03-31 22:00:00', 'unknown', 'na', 'unknown'),
  acc('cus_year', 'Annual SA', '2023-10-30 12:00:00', 'enterprise', 'latam', 'partner'),
];

function acc(
  account_id: string,
  name: string | null,
  created_at: string,
  segment: string,
  region: string,
  acquisition_channel: string,
): AccountRow {
  return { account_id, name, created_at, segment, region, acquisition_channel };
}

/**
 * Invoices of the scenarios without an `invoices` list, for the whole-table count: cus_cancel 3, cus_addon 4,
 * cus_trial 6 (in_tr_1 is a paid 0 invoice), cus_qtr 2, cus_year 1. With the listed ones (6 + 6 + 5 + 2 + 2
 * + 6 = 27): 27 + 16 = 43 rows in raw.invoices; in_gh_1 is quarantined, in_vd_3 (draft) and cn_4 (void
 * credit note) give nothing.
 */
export const INVOICE_COUNT = 43;

/**
 * marts.mrr_monthly, segment `all`, mrr per month = Σ of the account MRRs above. The range starts in
 * 2023-11, cus_year's first active month.
 */
export const MRR_MONTHLY_ALL: [string, number][] = [
  ['2023-11-01', 100], // year 100
  ['2023-12-01', 100],
  ['2024-01-01', 340], // up 30 + down 90 + qtr 90 + year 100 + cn 30
  ['2024-02-01', 550], // up 90 + down 90 + cancel 50 + trial 30 + qtr 90 + year 100 + jpy 70 + cn 30
  // up 90 + down 30 + cancel 50 + addon 90 + trial 30 + qtr 90 + year 100 + jpy 70 + kwd 50.375 + cn 30
  ['2024-03-01', 630.375],
  // up 90 + down 30 + addon 135 + trial 30 + qtr 90 + year 100 + jpy 70 + kwd 50.375 + void 30
  ['2024-04-01', 625.375],
  // up 90 + down 30 + addon 135 + trial 30 + qtr 90 + year 100 + jpy 70 + kwd 50.375 + unc 30
  ['2024-05-01', 625.375],
  ['2024-06-01', 625.375], // as May
];

export const ALL_SUBSCRIPTIONS: SubscriptionRow[] = Object.values(SCENARIOS).flatMap((scenario) => [
  ...scenario.subscriptions,
]);

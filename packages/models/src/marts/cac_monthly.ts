import {
  countOrZero,
  dateValue,
  defineModel,
  exactSum,
  moneyOrZero,
  safeRatio,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intChannels } from '../intermediate/int_channels.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { ALL_GROUPS } from '../staging/all-groups-name.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSpend } from '../staging/stg_spend.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * G3: spend often precedes the first paying customer, so the range starts at the earlier of the first
 * revenue month and the first spend month; without a spend export there are no rows at all.
 */
export const cacMonthly = defineModel({
  name: 'cac_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Customer acquisition cost and payback per month and acquisition channel: spend against the new paying accounts it brought.',
  grain: ['month', 'channel'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month.'),
    channel: z.string().describe('Acquisition channel (`unknown` when an account has none), or `all`.'),
    spend: z
      .number()
      .describe('Marketing and sales spend of the month on the channel, in the reporting currency.'),
    new_accounts: z.int().describe('Accounts of the channel paying for the first time this month.'),
    new_mrr: z.number().describe('MRR those new accounts started with.'),
    cac: z.number().nullable().describe('Customer acquisition cost: spend / new accounts.'),
    arpa_new: z
      .number()
      .nullable()
      .describe('Average starting MRR of a new account: new MRR / new accounts.'),
    payback_months: z
      .number()
      .nullable()
      .describe(
        'Months of gross profit needed to earn the CAC back: CAC / (ARPA of new accounts × gross margin).',
      ),
  }),
  tests: [allRowIsSumOfParts('cac_monthly', ['month'], 'channel', ['spend', 'new_accounts', 'new_mrr'])],
  inputs: [intChannels, intMonthSpine, intOptionalSources, mrrAccountMonths, stgAccounts, stgSpend],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('range_start', (qb) =>
        qb
          .selectFrom('int_optional_sources as src')
          .where('src.source', '=', 'spend')
          .where('src.is_present', '=', true)
          .select((eb) =>
            eb
              .fn<string | null>('least', [
                eb.selectFrom('int_month_spine').select((sb) => sb.fn.min('month').as('month')),
                eb.selectFrom('stg_spend').select((sb) => sb.fn.min('month').as('month')),
              ])
              .as('month'),
          ),
      )
      .with('months', (qb) =>
        qb
          .selectFrom('range_start')
          .select((eb) =>
            unnestMonths(eb.ref('month'), truncateToMonth(eb, dateValue(vars.asOf))).as('month'),
          ),
      )
      .with('spend_totals', (qb) =>
        qb
          .selectFrom('stg_spend as s')
          .innerJoin('int_channels as c', (join) =>
            join.on((eb) => eb('c.channel', 'in', [eb.ref('s.channel'), eb.val(ALL_GROUPS)])),
          )
          .select((eb) => ['s.month', 'c.channel', exactSum(eb, 's.amount_reporting').as('spend')])
          .groupBy(['s.month', 'c.channel']),
      )
      .with('new_totals', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
          .innerJoin('int_channels as c', (join) =>
            join.on((eb) => eb('c.channel', 'in', [eb.ref('a.acquisition_channel'), eb.val(ALL_GROUPS)])),
          )
          .where('r.movement', '=', 'new')
          .select((eb) => [
            'r.month',
            'c.channel',
            eb.fn.countAll<number>().as('new_accounts'),
            exactSum(eb, 'r.mrr_change').as('new_mrr'),
          ])
          .groupBy(['r.month', 'c.channel']),
      )
      .with('filled', (qb) =>
        qb
          .selectFrom('months as m')
          .crossJoin('int_channels as c')
          .leftJoin('spend_totals as s', (join) =>
            join.onRef('s.month', '=', 'm.month').onRef('s.channel', '=', 'c.channel'),
          )
          .leftJoin('new_totals as n', (join) =>
            join.onRef('n.month', '=', 'm.month').onRef('n.channel', '=', 'c.channel'),
          )
          .select((eb) => [
            'm.month',
            'c.channel',
            moneyOrZero(eb, 's.spend').as('spend'),
            countOrZero(eb, 'n.new_accounts').as('new_accounts'),
            moneyOrZero(eb, 'n.new_mrr').as('new_mrr'),
          ]),
      )
      .selectFrom('filled')
      .select((eb) => [
        'month',
        'channel',
        'spend',
        'new_accounts',
        'new_mrr',
        safeRatio(eb, 'spend', 'new_accounts').as('cac'),
        safeRatio(eb, 'new_mrr', 'new_accounts').as('arpa_new'),
        safeRatio(
          eb,
          eb.parens(safeRatio(eb, 'spend', 'new_accounts')),
          eb(safeRatio(eb, 'new_mrr', 'new_accounts'), '*', eb.val(vars.grossMargin)),
        ).as('payback_months'),
      ]),
});

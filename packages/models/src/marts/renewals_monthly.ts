import { countOrZero, countWhere, defineModel, expression, safeRatio } from '@pulse/core';
import { z } from 'zod';
import {
  countsInSegment,
  intAccountSegments,
  reportingSegments,
} from '../intermediate/int_account_segments.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { renewals } from './renewals.js';

/** Counts the renewal dates of `renewals` per month of the date and segment of the account. */
export const renewalsMonthly = defineModel({
  name: 'renewals_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Renewals of quarterly and annual contracts falling due each month, per segment: renewed, lost or still within the grace period.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month in which the renewal dates fall.'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    renewals_due: z
      .int()
      .describe(
        'Quarterly or annual contract terms that reached a renewal date this month, up to the as-of date.',
      ),
    renewed: z
      .int()
      .describe(
        'Renewals whose account was paying on some day from the renewal date through the grace period.',
      ),
    lost: z
      .int()
      .describe('Renewals whose account did not pay during the whole grace period after the renewal date.'),
    pending: z.int().describe('Renewals not renewed yet whose grace period runs past the as-of date.'),
    renewal_rate: z
      .number()
      .nullable()
      .describe('Renewed / (renewed + lost): pending renewals are not counted yet.'),
  }),
  tests: [
    expression('renewals_due = renewed + lost + pending', { name: 'renewals_monthly_outcomes_add_up' }),
    allRowIsSumOfParts('renewals_monthly', ['month'], 'segment', [
      'renewals_due',
      'renewed',
      'lost',
      'pending',
    ]),
  ],
  inputs: [intAccountSegments, intMonthSpine, stgAccounts, renewals],
  build: (db) =>
    db
      .with('totals', (qb) =>
        qb
          .selectFrom('renewals as j')
          .innerJoin('stg_accounts as a', 'a.account_id', 'j.account_id')
          .innerJoin(reportingSegments(qb).as('g'), (join) =>
            join.on((eb) => countsInSegment(eb, 'g.segment', 'a.segment')),
          )
          .select((eb) => [
            'j.month',
            'g.segment',
            eb.fn.countAll<number>().as('renewals_due'),
            countWhere(eb, eb('j.status', '=', 'renewed')).as('renewed'),
            countWhere(eb, eb('j.status', '=', 'lost')).as('lost'),
            countWhere(eb, eb('j.status', '=', 'pending')).as('pending'),
          ])
          .groupBy(['j.month', 'g.segment']),
      )
      .with('filled', (qb) =>
        qb
          .selectFrom('int_month_spine as m')
          .crossJoin(reportingSegments(qb).as('g'))
          .leftJoin('totals as t', (join) =>
            join.onRef('t.month', '=', 'm.month').onRef('t.segment', '=', 'g.segment'),
          )
          .select((eb) => [
            'm.month',
            'g.segment',
            countOrZero(eb, 't.renewals_due').as('renewals_due'),
            countOrZero(eb, 't.renewed').as('renewed'),
            countOrZero(eb, 't.lost').as('lost'),
            countOrZero(eb, 't.pending').as('pending'),
          ]),
      )
      .selectFrom('filled')
      .select((eb) => [
        'month',
        'segment',
        'renewals_due',
        'renewed',
        'lost',
        'pending',
        safeRatio(eb, 'renewed', eb('renewed', '+', eb.ref('lost'))).as('renewal_rate'),
      ]),
});

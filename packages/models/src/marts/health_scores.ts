import {
  acceptedValues,
  argMaxBy,
  asDate,
  asDouble,
  dayOfMonth,
  defineModel,
  endOfDay,
  expression,
  moneyOrZero,
  monthsBefore,
  roundTo,
  safeRatio,
  snapshotDay,
  sumWhere,
  toSignificantDigits,
} from '@pulse/core';
import type { Expression } from 'kysely';
import { z } from 'zod';
import { DEFAULT_HEALTH_WEIGHTS, type PulseVars } from '../config.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { onDates } from '../staging/event-partitions.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSurveyResponses } from '../staging/stg_survey_responses.js';
import { stgTickets } from '../staging/stg_tickets.js';
import { engagementAccountMonths } from './engagement_account_months.js';
import { AT_RISK_FROM, BAND_OF_SCORE_SQL, HEALTH_BANDS, HEALTHY_FROM } from './health-bands.js';
import { changedHealthMonths } from './health-score-months.js';
import { mrrAccountMonths } from './mrr_account_months.js';

const COMPONENTS = ['engagement', 'usage_trend', 'sentiment', 'support', 'financial'] as const;

/**
 * Significant digits of the weighted mean before it is rounded to 1 decimal: the few units in the last
 * place its sums and division leave (51.24999999999999 for 51.25) are absorbed, and a score that truly
 * lies near a tie is kept as it is. At 12 digits 74.949999999995 (5e-12 below 74.95) was taken for 74.95
 * and banded healthy. 14, as an account's MRR is held (int_account_months.ts).
 */
const SCORE_DIGITS = 14;

/**
 * Every component is measured on the month's snapshot day (month end, or as_of in the current month), so
 * the current month is scored on what is known today. A component without data is left out of the
 * weighted mean rather than counted as 0, so a missing source does not sink every score.
 */
export const healthScores = defineModel({
  name: 'health_scores',
  layer: 'marts',
  materialized: 'table',
  description:
    'Customer health per paying account and month: a 0–100 score blending engagement, usage trend, NPS sentiment, ' +
    'open support tickets and revenue trend, with the weights of config `health_weights`.',
  grain: ['account_id', 'month'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    month: z.iso
      .date()
      .describe('Calendar month (first day, UTC); only months in which the account pays (MRR > 0).'),
    segment: z.string().describe('Current customer segment of the account.'),
    score: z
      .number()
      .nullable()
      .describe(
        'Health score, 0–100, rounded to 1 decimal, half away from zero, as the exact decimal mean would round ' +
          '(43.75 → 43.8, even where floating-point arithmetic gives 43.7499…): the weighted mean of the components that have data, ' +
          'weights from config `health_weights` (defaults engagement 0.3, usage trend 0.2, sentiment 0.2, support 0.15, ' +
          'financial 0.15). Empty only if every component with data has weight 0.',
      ),
    band: z
      .string()
      .nullable()
      .describe(
        `From the rounded score: \`critical\` below ${AT_RISK_FROM}, \`at_risk\` from ${AT_RISK_FROM} to below ${HEALTHY_FROM}, \`healthy\` from ${HEALTHY_FROM}.`,
      ),
    engagement_score: z
      .number()
      .nullable()
      .describe(
        '100 × days with product activity in the month / days elapsed in the month (to the snapshot day); 0 without ' +
          'activity. Empty when there is no events source.',
      ),
    usage_trend_score: z
      .number()
      .nullable()
      .describe(
        "100 × this month's active users / the mean active users of the 3 previous months (months without events " +
          'count 0), capped at 100. Empty when that mean is 0.',
      ),
    sentiment_score: z
      .number()
      .nullable()
      .describe(
        "10 × the score of the account's latest NPS response up to the snapshot day. Empty before its first NPS response.",
      ),
    support_score: z
      .number()
      .nullable()
      .describe(
        '100 − 25 per support ticket open at the end of the snapshot day, never below 0 (100 with none open). ' +
          'Empty when there is no tickets source.',
      ),
    financial_score: z
      .number()
      .describe(
        "100 × this month's MRR / the MRR of 3 months earlier, capped at 100; 100 when the account was not paying 3 months earlier.",
      ),
    mrr: z.number().describe('Monthly recurring revenue of the account in the month (reporting currency).'),
  }),
  tests: [
    expression('score is null or score between 0 and 100', { name: 'health_scores_score_in_range' }),
    expression(
      COMPONENTS.map(
        (component) => `(${component}_score is null or ${component}_score between 0 and 100)`,
      ).join(' and '),
      { name: 'health_scores_components_in_range' },
    ),
    expression(`band is not distinct from ${BAND_OF_SCORE_SQL}`, {
      name: 'health_scores_band_follows_score',
    }),
    // Within 1e-6 of a tenth, written with the one-argument `round` both engines have.
    expression('score is null or abs(score * 10 - round(score * 10)) < 1e-6', {
      name: 'health_scores_score_rounded',
    }),
    expression('mrr > 0'),
    acceptedValues('band', HEALTH_BANDS),
  ],
  // A month's scores read that month and the 3 before it of the monthly marts, and what is known by its
  // snapshot day: a refresh rebuilds the months those changes reach (health-score-months.ts).
  partitionBy: { column: 'month', uniqueKeysWithinPartition: true, changed: changedHealthMonths },
  inputs: [
    engagementAccountMonths,
    intOptionalSources,
    mrrAccountMonths,
    stgAccounts,
    stgSurveyResponses,
    stgTickets,
  ],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) => {
    // resolveVars already merges config over the defaults; merging again keeps a partial object safe.
    const weights = { ...DEFAULT_HEALTH_WEIGHTS, ...vars.healthWeights };
    return db
      .with('sources', (qb) =>
        qb.selectFrom('int_optional_sources').select((eb) => {
          const present = (source: string) =>
            eb.fn.coalesce(
              eb.fn.agg<boolean>('bool_or', ['is_present']).filterWhere('source', '=', source),
              eb.lit(false),
            );
          return [present('events').as('events_present'), present('tickets').as('tickets_present')];
        }),
      )
      .with('health_months', (qb) =>
        qb
          .selectFrom('mrr_account_months as m')
          .innerJoin('stg_accounts as a', 'a.account_id', 'm.account_id')
          .select(['m.account_id', 'm.month', 'a.segment', 'm.mrr'])
          .where('m.mrr', '>', 0)
          .$if(partitions !== undefined, (q) => q.where(onDates('m.month', partitions!))),
      )
      .with('usage', (qb) =>
        qb
          .selectFrom('health_months as h')
          // This month and the three before it.
          .leftJoin('engagement_account_months as e', (join) =>
            join
              .onRef('e.account_id', '=', 'h.account_id')
              .on((eb) => eb.between('e.month', asDate(monthsBefore(eb, 'h.month', 3)), eb.ref('h.month'))),
          )
          .select((eb) => {
            const thisMonth = eb('e.month', '=', eb.ref('h.month'));
            return [
              'h.account_id',
              'h.month',
              moneyOrZero(eb, sumWhere(eb, 'e.active_days', thisMonth)).as('active_days'),
              moneyOrZero(eb, sumWhere(eb, 'e.active_users', thisMonth)).as('active_users'),
              // Divided by 3 whatever months have rows: a month without events counts as 0 users.
              eb(
                moneyOrZero(eb, sumWhere(eb, 'e.active_users', eb('e.month', '<', eb.ref('h.month')))),
                '/',
                eb.lit<number>(3),
              ).as('prior_mean_users'),
            ];
          })
          .groupBy(['h.account_id', 'h.month']),
      )
      .with('sentiment', (qb) =>
        qb
          .selectFrom('health_months as h')
          .innerJoin('stg_survey_responses as r', (join) =>
            join
              .onRef('r.account_id', '=', 'h.account_id')
              .on('r.survey', '=', 'nps')
              .on((eb) => eb('r.responded_at', '<', endOfDay(snapshotDay(eb, 'h.month', vars.asOf)))),
          )
          .select((eb) => [
            'h.account_id',
            'h.month',
            // Latest response: greatest responded_at, ties broken by the greatest response_id.
            argMaxBy(eb, 'r.score', { at: 'r.responded_at', id: 'r.response_id' }).as('latest_nps'),
          ])
          .groupBy(['h.account_id', 'h.month']),
      )
      .with('open_tickets', (qb) =>
        qb
          .selectFrom('health_months as h')
          .innerJoin('stg_tickets as t', (join) =>
            join
              .onRef('t.account_id', '=', 'h.account_id')
              .on((eb) => eb('t.created_at', '<', endOfDay(snapshotDay(eb, 'h.month', vars.asOf))))
              .on((eb) =>
                eb.or([
                  eb('t.resolved_at', 'is', null),
                  eb('t.resolved_at', '>=', endOfDay(snapshotDay(eb, 'h.month', vars.asOf))),
                ]),
              ),
          )
          .select((eb) => ['h.account_id', 'h.month', eb.fn.countAll<number>().as('open_tickets')])
          .groupBy(['h.account_id', 'h.month']),
      )
      .with('components', (qb) =>
        qb
          .selectFrom('health_months as h')
          .crossJoin('sources as s')
          .innerJoin('usage as u', (join) =>
            join.onRef('u.account_id', '=', 'h.account_id').onRef('u.month', '=', 'h.month'),
          )
          .leftJoin('sentiment as n', (join) =>
            join.onRef('n.account_id', '=', 'h.account_id').onRef('n.month', '=', 'h.month'),
          )
          .leftJoin('open_tickets as o', (join) =>
            join.onRef('o.account_id', '=', 'h.account_id').onRef('o.month', '=', 'h.month'),
          )
          .leftJoin('mrr_account_months as p', (join) =>
            join
              .onRef('p.account_id', '=', 'h.account_id')
              .on((eb) => eb('p.month', '=', asDate(monthsBefore(eb, 'h.month', 3)))),
          )
          .select((eb) => {
            const capped = (value: Expression<number>) => eb.fn<number>('least', [eb.lit(1), value]);
            return [
              'h.account_id',
              'h.month',
              'h.segment',
              'h.mrr',
              eb
                .case()
                .when(eb.ref('s.events_present'))
                .then(
                  eb(
                    eb(eb.lit<number>(100), '*', eb.ref('u.active_days')),
                    '/',
                    dayOfMonth(snapshotDay(eb, 'h.month', vars.asOf)),
                  ),
                )
                .end()
                .as('engagement_score'),
              eb
                .case()
                .when(eb.and([eb.ref('s.events_present'), eb('u.prior_mean_users', '>', eb.lit(0))]))
                .then(
                  eb(
                    eb.lit<number>(100),
                    '*',
                    capped(eb('u.active_users', '/', eb.ref('u.prior_mean_users'))),
                  ),
                )
                .end()
                .as('usage_trend_score'),
              eb(eb.lit<number>(10), '*', asDouble(eb.ref('n.latest_nps'))).as('sentiment_score'),
              // The count is never NULL here, so greatest() cannot turn a missing value into 0.
              eb
                .case()
                .when(eb.ref('s.tickets_present'))
                .then(
                  asDouble(
                    eb.fn('greatest', [
                      eb.lit(0),
                      eb(
                        eb.lit<number>(100),
                        '-',
                        eb(eb.lit<number>(25), '*', eb.fn.coalesce('o.open_tickets', eb.lit(0))),
                      ),
                    ]),
                  ),
                )
                .end()
                .as('support_score'),
              asDouble(
                eb
                  .case()
                  .when(eb.fn.coalesce('p.mrr', eb.lit(0)), '>', eb.lit(0))
                  .then(eb(eb.lit<number>(100), '*', capped(eb('h.mrr', '/', eb.ref('p.mrr')))))
                  .else(eb.lit<number>(100))
                  .end(),
              ).as('financial_score'),
            ];
          }),
      )
      .with('scored', (qb) =>
        qb.selectFrom('components').select((eb) => {
          const sum = (terms: Expression<number>[]) => terms.reduce((total, term) => eb(total, '+', term));
          const weighted = COMPONENTS.map((c) =>
            eb.fn.coalesce(eb(asDouble(eb.val(weights[c])), '*', eb.ref(`${c}_score`)), eb.lit(0)),
          );
          const weightOf = COMPONENTS.map((c) =>
            eb
              .case()
              .when(`${c}_score`, 'is not', null)
              .then(asDouble(eb.val(weights[c])))
              .else(eb.lit<number>(0))
              .end(),
          );
          return [
            'account_id',
            'month',
            'segment',
            'mrr',
            'engagement_score',
            'usage_trend_score',
            'sentiment_score',
            'support_score',
            'financial_score',
            // Held to SCORE_DIGITS significant digits first: a score of exactly 51.25 in decimals is
            // 51.24999999999999 in binary floating point, and rounds half away from zero only as 51.25.
            roundTo(
              toSignificantDigits(safeRatio(eb, eb.parens(sum(weighted)), sum(weightOf)), SCORE_DIGITS),
              1,
            ).as('score'),
          ];
        }),
      )
      .selectFrom('scored')
      .select((eb) => [
        'account_id',
        'month',
        'segment',
        'score',
        eb
          .case()
          .when('score', '<', eb.lit(AT_RISK_FROM))
          .then('critical')
          .when('score', '<', eb.lit(HEALTHY_FROM))
          .then('at_risk')
          .when('score', '>=', eb.lit(HEALTHY_FROM))
          .then('healthy')
          .end()
          .as('band'),
        'engagement_score',
        'usage_trend_score',
        'sentiment_score',
        'support_score',
        'financial_score',
        'mrr',
      ]);
  },
});

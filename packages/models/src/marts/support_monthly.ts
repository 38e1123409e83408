import {
  asDouble,
  countOrZero,
  dateValue,
  defineModel,
  endOfDay,
  expression,
  hoursBetween,
  microsecondsBetween,
  monthStart,
  quantileCont,
  snapshotDay,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountSegments, reportingSegments } from '../intermediate/int_account_segments.js';
import { stgTickets } from '../staging/stg_tickets.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';

/**
 * Each measure is bucketed by the month of its own timestamp (created, resolved, first response), so a
 * ticket opened in March and closed in April counts in both months. The backlog is a snapshot at the end
 * of the month's snapshot day, so the as-of month shows today's backlog, not a future month-end one.
 */
export const supportMonthly = defineModel({
  name: 'support_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Support load and speed per month and segment (plus `all`), from the first month with a ticket to the as-of month.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('Calendar month (first day, UTC).'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    tickets_created: z.int().describe('Tickets opened in the month.'),
    tickets_resolved: z.int().describe('Tickets resolved in the month, whenever they were opened.'),
    mean_resolution_hours: z
      .number()
      .nullable()
      .describe('Mean hours from opening to resolution, over the tickets resolved in the month.'),
    median_resolution_hours: z
      .number()
      .nullable()
      .describe(
        'Median hours from opening to resolution, over the tickets resolved in the month (interpolated).',
      ),
    p90_resolution_hours: z
      .number()
      .nullable()
      .describe(
        '90th percentile of hours from opening to resolution, over the tickets resolved in the month (interpolated).',
      ),
    median_first_response_hours: z
      .number()
      .nullable()
      .describe(
        'Median hours from opening to the first reply, over the tickets first answered in the month (interpolated).',
      ),
    open_backlog: z
      .int()
      .describe(
        'Tickets open at the end of the snapshot day (month end, or as_of in the current month): opened by then and not resolved by then.',
      ),
  }),
  tests: [
    allRowIsSumOfParts('support_monthly', ['month'], 'segment', [
      'tickets_created',
      'tickets_resolved',
      'open_backlog',
    ]),
    expression(
      'median_resolution_hours is null or (median_resolution_hours >= 0 and median_resolution_hours <= p90_resolution_hours)',
    ),
    expression('(tickets_resolved = 0) = (mean_resolution_hours is null)'),
    expression('open_backlog >= 0'),
  ],
  inputs: [intAccountSegments, stgTickets],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('months', (qb) =>
        qb
          .selectFrom('stg_tickets')
          .select((eb) =>
            unnestMonths(
              eb.fn.min(truncateToMonth(eb, 'created_at')),
              truncateToMonth(eb, dateValue(vars.asOf)),
            ).as('month'),
          ),
      )
      .with('tickets', (qb) =>
        qb
          .selectFrom('stg_tickets as t')
          .innerJoin('int_account_segments as s', 's.account_id', 't.account_id')
          .select((eb) => [
            's.segment',
            't.created_at',
            't.resolved_at',
            't.first_response_at',
            monthStart(eb, 't.created_at').as('created_month'),
            monthStart(eb, 't.resolved_at').as('resolved_month'),
            monthStart(eb, 't.first_response_at').as('first_response_month'),
            hoursBetween(eb, 't.created_at', 't.resolved_at').as('resolution_hours'),
            hoursBetween(eb, 't.created_at', 't.first_response_at').as('first_response_hours'),
            // Exact integer microseconds: their sum does not depend on how DuckDB splits the aggregation
            // across threads, so the mean is the same to the last bit on every build.
            microsecondsBetween(eb, 't.created_at', 't.resolved_at').as('resolution_us'),
          ]),
      )
      .with('created', (qb) =>
        qb
          .selectFrom('tickets')
          .select((eb) => [
            'created_month as month',
            'segment',
            eb.fn.countAll<number>().as('tickets_created'),
          ])
          .groupBy(['created_month', 'segment']),
      )
      .with('resolved', (qb) =>
        qb
          .selectFrom('tickets')
          .select((eb) => [
            'resolved_month as month',
            'segment',
            eb.fn.countAll<number>().as('tickets_resolved'),
            eb(
              eb(asDouble(eb.fn.sum('resolution_us')), '/', eb.fn.countAll<number>()),
              '/',
              eb.lit<number>(3600e6),
            ).as('mean_resolution_hours'),
            quantileCont(eb, 'resolution_hours', 0.5).as('median_resolution_hours'),
            quantileCont(eb, 'resolution_hours', 0.9).as('p90_resolution_hours'),
          ])
          .where('resolved_month', 'is not', null)
          .groupBy(['resolved_month', 'segment']),
      )
      .with('first_responses', (qb) =>
        qb
          .selectFrom('tickets')
          .select((eb) => [
            'first_response_month as month',
            'segment',
            quantileCont(eb, 'first_response_hours', 0.5).as('median_first_response_hours'),
          ])
          .where('first_response_month', 'is not', null)
          .groupBy(['first_response_month', 'segment']),
      )
      .with('backlog', (qb) =>
        qb
          .selectFrom('months as m')
          // End of the snapshot day, exclusive: snap(m) + 1 day.
          .innerJoin('tickets as t', (join) =>
            join.on((eb) =>
              eb.and([
                eb('t.created_at', '<', endOfDay(snapshotDay(eb, 'm.month', vars.asOf))),
                eb.or([
                  eb('t.resolved_at', 'is', null),
                  eb('t.resolved_at', '>=', endOfDay(snapshotDay(eb, 'm.month', vars.asOf))),
                ]),
              ]),
            ),
          )
          .select((eb) => ['m.month', 't.segment', eb.fn.countAll<number>().as('open_backlog')])
          .groupBy(['m.month', 't.segment']),
      )
      .selectFrom('months as m')
      .crossJoin(reportingSegments(db).as('g'))
      .leftJoin('created as c', (join) =>
        join.onRef('c.month', '=', 'm.month').onRef('c.segment', '=', 'g.segment'),
      )
      .leftJoin('resolved as r', (join) =>
        join.onRef('r.month', '=', 'm.month').onRef('r.segment', '=', 'g.segment'),
      )
      .leftJoin('first_responses as f', (join) =>
        join.onRef('f.month', '=', 'm.month').onRef('f.segment', '=', 'g.segment'),
      )
      .leftJoin('backlog as b', (join) =>
        join.onRef('b.month', '=', 'm.month').onRef('b.segment', '=', 'g.segment'),
      )
      .select((eb) => [
        'm.month',
        'g.segment',
        countOrZero(eb, 'c.tickets_created').as('tickets_created'),
        countOrZero(eb, 'r.tickets_resolved').as('tickets_resolved'),
        'r.mean_resolution_hours',
        'r.median_resolution_hours',
        'r.p90_resolution_hours',
        'f.median_first_response_hours',
        countOrZero(eb, 'b.open_backlog').as('open_backlog'),
      ]),
});

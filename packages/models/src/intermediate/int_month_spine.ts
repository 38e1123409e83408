import {
  asDate,
  dateValue,
  defineModel,
  lastDayOfMonth,
  snapshotDay,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';

/**
 * G3/G4: the revenue month range starts at the first month in which any account has MRR > 0 on its
 * snapshot day, never at a fixed date. A paying period that starts in month m is in effect on a
 * snapshot day iff it is in effect on snap(m) (later snapshots are a full month on), so that month is
 * found from the periods alone, without building account months first.
 */
export const intMonthSpine = defineModel({
  name: 'int_month_spine',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'One row per month from the first month any account has recurring revenue up to the as-of month, with its snapshot day.',
  grain: ['month'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month.'),
    snapshot_date: z.iso
      .date()
      .describe('Day the month is measured on: its last day, or the as-of date in the as-of month.'),
    is_partial_month: z
      .boolean()
      .describe('True when the as-of date falls before the last day of the month.'),
  }),
  inputs: [stgSubscriptions],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('first_revenue', (qb) =>
        qb
          .selectFrom('stg_subscriptions')
          .select((eb) => asDate(eb.fn.min(truncateToMonth(eb, 'start_date'))).as('month'))
          .where('mrr', '>', 0)
          // A period scheduled after as_of (stg_subscriptions keeps them) has no snapshot day.
          .where('start_date', '<=', dateValue(vars.asOf))
          .where((eb) =>
            eb.or([
              eb('end_date', 'is', null),
              eb('end_date', '>', snapshotDay(eb, 'start_date', vars.asOf)),
            ]),
          ),
      )
      .with('months', (qb) =>
        qb
          .selectFrom('first_revenue')
          .select((eb) =>
            unnestMonths(eb.ref('month'), truncateToMonth(eb, dateValue(vars.asOf))).as('month'),
          ),
      )
      .selectFrom('months')
      .select((eb) => [
        'month',
        snapshotDay(eb, 'month', vars.asOf).as('snapshot_date'),
        eb(dateValue(vars.asOf), '<', lastDayOfMonth(eb, 'month')).as('is_partial_month'),
      ]),
});

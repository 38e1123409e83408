import { custom, dateValue, defineModel, endOfDay } from '@pulse/core';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawEvents } from '../sources/raw-tables.js';
import { changedEventMonths, eventMonthOf } from './event-month-partitions.js';
import { stgAccounts } from './stg_accounts.js';

/**
 * Product events as they count for engagement and time to value. Trackers resend events, so a repeated
 * event_id is one event: the first copy (earliest occurred_at, then file order) wins. Rows without an
 * event_id cannot be told apart and all count.
 */
export const stgEvents = defineModel({
  name: 'stg_events',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per tracked product event that happened by the end of the as_of day, for accounts that exist by then; ' +
    'repeated event_ids are counted once.',
  grain: ['source_file', 'source_line'],
  columns: z.object({
    event_id: z
      .string()
      .nullable()
      .describe('Event identifier from the export; empty when the tracker sent none.'),
    account_id: z.string().describe('Account the event belongs to.'),
    user_id: z.string().describe('User who triggered the event (unique within the account).'),
    event_name: z.string().describe('Name of the tracked event, e.g. `report_viewed`.'),
    occurred_at: z.date().describe('When the event happened (UTC).'),
    event_date: z.iso.date().describe('UTC calendar day of occurred_at.'),
    event_month: z.iso.date().describe('First day of the UTC month of occurred_at.'),
    source_file: z.string().describe('Export file the event was read from (relative to the data folder).'),
    source_line: z.int().describe('Line of that file (row index for Parquet) holding the event.'),
  }),
  tests: [
    // After a partial rebuild only the rebuilt months' ids can be repeated now.
    custom('stg_events_event_id_counted_once', (db: Kysely<any>, _vars, partitions?: readonly string[]) =>
      db
        .selectFrom('stg_events')
        .select('event_id')
        .where('event_id', 'is not', null)
        .$if(partitions !== undefined, (q) =>
          q.where(
            'event_id',
            'in',
            db
              .selectFrom('stg_events')
              .select('event_id')
              .where(sql`event_month::varchar`, 'in', partitions!),
          ),
        )
        .groupBy('event_id')
        .having(sql`count(*)`, '>', 1),
    ),
  ],
  // A refresh rebuilds only the months whose events changed (late data, a new day, a replaced file).
  // A (file, line) is one event in one month, so the grain test may look at the rebuilt months alone.
  partitionBy: { column: 'event_month', changed: changedEventMonths, uniqueKeysWithinPartition: true },
  inputs: [stgAccounts, rawEvents],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      // Only ids seen more than once need ranking: a window over every event (50M at scale) costs far
      // more than finding the few repeated ids first. For some partitions, only their events' ids.
      .with('repeated_ids', (qb) =>
        qb
          .selectFrom('raw.events')
          .select('event_id')
          .where('event_id', 'is not', null)
          .$if(partitions !== undefined, (q) =>
            q.where('event_id', 'in', (sub) =>
              sub
                .selectFrom('raw.events')
                .select('event_id')
                .where(eventMonthOf('occurred_at'), 'in', partitions!),
            ),
          )
          .groupBy('event_id')
          .having(sql`count(*)`, '>', 1),
      )
      .with('later_copies', (qb) =>
        qb
          .selectFrom((inner) =>
            inner
              .selectFrom('raw.events')
              .select([
                '_file',
                '_line',
                sql<number>`row_number() over (partition by event_id order by occurred_at, _file, _line)`.as(
                  'copy_number',
                ),
              ])
              .where('event_id', 'in', (sub) => sub.selectFrom('repeated_ids').select('event_id'))
              .as('copies'),
          )
          .select(['_file', '_line'])
          .where('copy_number', '>', 1),
      )
      .selectFrom('raw.events as e')
      .innerJoin('stg_accounts as a', 'a.account_id', 'e.account_id')
      .leftJoin('later_copies as l', (join) =>
        join.onRef('l._file', '=', 'e._file').onRef('l._line', '=', 'e._line'),
      )
      .select([
        'e.event_id',
        'e.account_id',
        'e.user_id',
        'e.event_name',
        'e.occurred_at',
        sql<string>`e.occurred_at::date`.as('event_date'),
        sql<string>`date_trunc('month', e.occurred_at)::date`.as('event_month'),
        'e._file as source_file',
        'e._line as source_line',
      ])
      .where('l._line', 'is', null)
      .where('e.occurred_at', '<', endOfDay(dateValue(vars.asOf)))
      .$if(partitions !== undefined, (q) => q.where(eventMonthOf('e.occurred_at'), 'in', partitions!)),
});

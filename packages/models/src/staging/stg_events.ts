import { asDate, custom, dateValue, defineModel, endOfDay, monthStart } from '@pulse/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawEvents } from '../sources/raw-tables.js';
import { changedEventDays, eventIdHash, onDates } from './event-partitions.js';
import { repeatedHashes } from './repeated-hashes.js';
import { stgAccounts } from './stg_accounts.js';
import { stgEventLaterCopies } from './stg_event_later_copies.js';

/**
 * Product events as they count for engagement and time to value. Trackers resend events, so a repeated
 * event_id is one event: the first copy (earliest occurred_at, then file order) wins. Rows without an
 * event_id cannot be told apart and all count.
 *
 * A view of raw.events, not a table: the events are nearly all export rows as they are, and writing 49M of
 * them a second time was half of this model's cost at L. The resent copies are found once, into the small
 * table stg_event_later_copies, and the view leaves them out by (file, line); with its readers and tests
 * that used a quarter less CPU at L than the table (bench/stg-events-as-view.ts). The id is shown as its
 * 64-bit hash, as the table stored it; the exact id is in raw.events, at the row's source_file and source_line.
 */
export const stgEvents = defineModel({
  name: 'stg_events',
  layer: 'staging',
  materialized: 'view',
  description:
    'One row per tracked product event that happened by the end of the as_of day, for accounts that exist by then; ' +
    'repeated event_ids are counted once.',
  grain: ['source_file', 'source_line'],
  columns: z.object({
    event_id_hash: z
      .bigint()
      .nullable()
      .describe(
        'A 64-bit hash of the event_id of the export, null when the tracker sent none (the id itself is in ' +
          'raw.events at this row’s file and line). Each engine has its own hash, so compare it only within one warehouse.',
      ),
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
    // Hashes first, the ids only where a hash repeats (as stg_event_later_copies finds the copies). After
    // a refresh only the changed days' ids can be repeated now.
    custom('stg_events_event_id_counted_once', (db: Kysely<any>, _vars, partitions?: readonly string[]) =>
      db
        .with('repeated_hashes', (qb) =>
          repeatedHashes(
            qb,
            qb
              .selectFrom('stg_events')
              .select('event_id_hash as id_hash')
              .$if(partitions !== undefined, (q) =>
                q.where(
                  'event_id_hash',
                  'in',
                  db
                    .selectFrom('stg_events')
                    .select('event_id_hash')
                    .where(onDates('event_date', partitions!)),
                ),
              ),
          ),
        )
        // The exact ids of the rows whose hash repeats, from the export rows they were built from.
        .selectFrom('stg_events as s')
        .innerJoin('raw.events as r', (join) =>
          join.onRef('r._file', '=', 's.source_file').onRef('r._line', '=', 's.source_line'),
        )
        .select('r.event_id')
        .where('s.event_id_hash', 'in', db.selectFrom('repeated_hashes').select('id_hash'))
        .groupBy('r.event_id')
        .having((eb) => eb.fn.countAll(), '>', 1),
    ),
  ],
  // A view: a refresh recreates it whole (it costs nothing), and tells its readers and its tests which days
  // changed (a new day, late data, a replaced file, accounts that came or went, as_of moving).
  // A (file, line) is one event on one day, so the grain test may look at the changed days alone.
  partitionBy: { column: 'event_date', changed: changedEventDays, uniqueKeysWithinPartition: true },
  inputs: [stgAccounts, stgEventLaterCopies, rawEvents],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .selectFrom('raw.events as e')
      .innerJoin('stg_accounts as a', 'a.account_id', 'e.account_id')
      .select((eb) => [
        eventIdHash('e.event_id').as('event_id_hash'),
        'e.account_id',
        'e.user_id',
        'e.event_name',
        'e.occurred_at',
        asDate(eb.ref('e.occurred_at')).as('event_date'),
        monthStart(eb, 'e.occurred_at').as('event_month'),
        'e._file as source_file',
        'e._line as source_line',
      ])
      .where('e.occurred_at', '<', endOfDay(dateValue(vars.asOf)))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('stg_event_later_copies as c')
              .select('c.source_line')
              .whereRef('c.source_file', '=', 'e._file')
              .whereRef('c.source_line', '=', 'e._line'),
          ),
        ),
      ),
});

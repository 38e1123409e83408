import { asDate, defineModel } from '@pulse/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { rawEvents } from '../sources/raw-tables.js';
import { changedCopyDays, eventIdHash, inEventDays } from './event-partitions.js';
import { repeatedHashes } from './repeated-hashes.js';

/**
 * The export rows that stg_events leaves out as resent copies: trackers resend events, and a repeated
 * event_id is one event. The first copy (earliest occurred_at, then file order) is the event; every other
 * copy of the same exact id is a row here. A handful of rows next to the events themselves: stg_events is a
 * view of raw.events without these rows, so the 50M events are not written a second time (at L that write
 * was half of the old stg_events table's cost).
 */
export const stgEventLaterCopies = defineModel({
  name: 'stg_event_later_copies',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per export row that repeats the event_id of an earlier row (earliest occurred_at, then file order): ' +
    'a resent copy, which stg_events leaves out.',
  grain: ['source_file', 'source_line'],
  columns: z.object({
    source_file: z
      .string()
      .describe('Export file the resent copy was read from (relative to the data folder).'),
    source_line: z.int().describe('Line of that file (row index for Parquet) holding the resent copy.'),
    event_date: z.iso.date().describe('UTC calendar day of the copy’s occurred_at.'),
  }),
  // A refresh recomputes only the days whose copies can have changed: the days of changed files' rows and
  // of every copy of their ids. Which copy is first does not depend on as_of or on the accounts.
  partitionBy: { column: 'event_date', changed: changedCopyDays, uniqueKeysWithinPartition: true },
  inputs: [rawEvents],
  // No reader needs the order: stg_events leaves these rows out by (file, line).
  sortedByGrain: false,
  build: (db, { partitions }: { partitions?: readonly string[] }) =>
    laterCopies(db, partitions)
      .selectFrom('ranked_copies')
      .select((eb) => [
        '_file as source_file',
        '_line as source_line',
        asDate(eb.ref('occurred_at')).as('event_date'),
      ])
      .where('copy_number', '>', 1)
      .$if(partitions !== undefined, (q) => q.where(inEventDays('occurred_at', partitions!))),
});

/** The first copy is the earliest, then in file order. */
const COPY_ORDER = ['occurred_at', '_file', '_line'] as const;

/**
 * `ranked_copies`: every raw row whose id may repeat, with its rank among the copies of its exact
 * event_id (`copy_number`). Sorting 64-bit hashes is far cheaper than grouping 50M ids: only the ids whose
 * hash repeats can repeat, and only their rows are ranked, by the exact id (a hash collision of two ids
 * gives each its own partition, so neither is taken for a copy of the other).
 *
 * For a refresh's days, the rows that can matter are those days' rows and the other copies of their ids:
 * `candidates` holds them all (every raw row whose id hash some row of those days carries), written once,
 * and the ranking reads it instead of raw.events. A flat `in` on purpose: under a window, or below an outer
 * filter, DuckDB built the semi-join's hash table on all 49M raw ids instead of the days' (L: 6 s → 17-23 s).
 */
function laterCopies(db: Kysely<any>, days: readonly string[] | undefined) {
  const ranked = (qb: Kysely<any>, from: 'raw.events' | 'candidates') =>
    qb
      .selectFrom(from)
      .select(['event_id', ...COPY_ORDER])
      .select((eb) =>
        eb.fn
          .agg<number>('row_number', [])
          .over((ob) => COPY_ORDER.reduce((o, column) => o.orderBy(column), ob.partitionBy('event_id')))
          .as('copy_number'),
      );
  if (days === undefined)
    return db
      .with('repeated_hashes', (qb) =>
        repeatedHashes(
          qb,
          qb
            .selectFrom('raw.events')
            .select(eventIdHash('event_id').as('id_hash'))
            .where('event_id', 'is not', null),
        ),
      )
      .with('ranked_copies', (qb) =>
        ranked(qb as Kysely<any>, 'raw.events')
          .where('event_id', 'is not', null)
          .where((eb) =>
            eb(eventIdHash('event_id'), 'in', eb.selectFrom('repeated_hashes').select('id_hash')),
          ),
      );
  return db
    .with(
      (cte) => cte('candidates').materialized(),
      (qb) =>
        qb
          .selectFrom('raw.events')
          .select([eventIdHash('event_id').as('id_hash'), 'event_id', ...COPY_ORDER])
          .where('event_id', 'is not', null)
          .where((eb) =>
            eb(
              eventIdHash('event_id'),
              'in',
              eb
                .selectFrom('raw.events')
                .select(eventIdHash('event_id').as('id_hash'))
                .where('event_id', 'is not', null)
                .where(inEventDays('occurred_at', days)),
            ),
          ),
    )
    .with('repeated_hashes', (qb) =>
      qb
        .selectFrom('candidates')
        .select('id_hash')
        .groupBy('id_hash')
        .having((eb) => eb.fn.countAll(), '>', 1),
    )
    .with('ranked_copies', (qb) =>
      ranked(qb as Kysely<any>, 'candidates').where((eb) =>
        eb('id_hash', 'in', eb.selectFrom('repeated_hashes').select('id_hash')),
      ),
    );
}

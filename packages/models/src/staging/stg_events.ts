import { asDate, type DatabaseOf, dateValue, defineModel, endOfDay, monthStart } from '@pulse/core';
import type { ExpressionBuilder, Kysely, QueryCreator } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawEvents } from '../sources/raw-tables.js';
import { changedEventDays, eventIdHash, inEventDays, onDates } from './event-partitions.js';
import { repeatedHashes } from './repeated-hashes.js';
import { stgAccounts } from './stg_accounts.js';

/**
 * Product events as they count for engagement and time to value. Trackers resend events, so a repeated
 * event_id is one event: the first copy (earliest occurred_at, then file order) wins. Rows without an
 * event_id cannot be told apart and all count. Only the events of accounts that exist by the end of the
 * as_of day take part (G2: the rows of an account created later are left out of every source), so a copy
 * of a later account's never hides the copy of an account that exists. Stored unsorted (`sortedByGrain: false`): every reader
 * counts, distinct-counts or takes a minimum. The id itself is kept as its 64-bit hash: no reader needs the
 * text, and writing 50M unique strings was a quarter of this table's cost at L; the exact id stays in
 * raw.events, at the row's source_file and source_line.
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
    // Hashes first, the ids only where a hash repeats (see build). After a partial rebuild only the
    // rebuilt days' ids can be repeated now.
    {
      kind: 'custom',
      name: 'stg_events_event_id_counted_once',
      query: (db, _vars, partitions) =>
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
          .where((eb) => eb('s.event_id_hash', 'in', eb.selectFrom('repeated_hashes').select('id_hash')))
          .groupBy('r.event_id')
          .having((eb) => eb.fn.countAll(), '>', 1),
    },
  ],
  // A refresh rebuilds only the days whose events changed (a new day, late data, a replaced file).
  // A (file, line) is one event on one day, so the grain test may look at the rebuilt days alone.
  partitionBy: { column: 'event_date', changed: changedEventDays, uniqueKeysWithinPartition: true },
  inputs: [stgAccounts, rawEvents],
  // 50M rows at L: sorting them cost more than the rest of the build of this table, and no reader needs
  // the order (counts, distinct counts and min over events; the refresh digests are order-free).
  sortedByGrain: false,
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    (partitions === undefined ? firstCopiesOfAll(db) : firstCopiesOnDays(db, partitions))
      .selectFrom('first_copies as e')
      .innerJoin('stg_accounts as a', 'a.account_id', 'e.account_id')
      .select((eb) => [
        'e.event_id_hash',
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
      .$if(partitions !== undefined, (q) => q.where(inEventDays('e.occurred_at', partitions!))),
});

/** What the first copies are found in: the model's own inputs. */
type EventsDatabase = DatabaseOf<[typeof stgAccounts, typeof rawEvents]>;
type RawEvent = EventsDatabase['raw.events'];

/**
 * The inputs and `first_copies`: a raw event kept as the first copy of its id, its id as a hash. Each
 * helper's CTEs are typed inside it; its result is cast to this, which leaves out the helper's own
 * intermediate CTEs (Kysely's query creator is invariant in its tables, so the two differ otherwise).
 */
type WithFirstCopies = QueryCreator<
  EventsDatabase & {
    first_copies: Omit<RawEvent, 'event_id'> & { event_id_hash: bigint | null };
  }
>;

/**
 * A row's rank among the copies of its exact event_id (`copy_number`, partitioned by event_id): the first
 * copy is the earliest, then in file order, among the copies of accounts in stg_accounts. Both tables
 * ranked (raw.events, `candidates`) carry these columns.
 */
const COPY_ORDER = ['occurred_at', '_file', '_line'] as const;

/**
 * Copies of accounts in stg_accounts: only they are ranked, so the copy of an account created after as_of
 * (left out below by the join to stg_accounts) cannot take first place from another account's copy. The
 * hashes that repeat are still found over every raw row: a hash that repeats only through such a copy just
 * ranks a row alone, which keeps it.
 */
const ofExistingAccounts = (eb: ExpressionBuilder<any, any>) =>
  eb('account_id', 'in', eb.selectFrom('stg_accounts').select('account_id'));

/** The columns of raw.events a kept copy carries on, with its id as the hash stg_events stores. */
const copyColumns = ['account_id', 'user_id', 'event_name', 'occurred_at', '_file', '_line'] as const;

/**
 * `first_copies`: every raw event that is the first copy of its event_id, or has none. Sorting 50M
 * 64-bit hashes is far cheaper than grouping the ids: only the ids whose hash repeats can be repeated,
 * and only their rows are ranked, by the exact id (a hash collision of two ids gives each its own
 * partition, so both rows stay).
 */
function firstCopiesOfAll(db: Kysely<EventsDatabase>): WithFirstCopies {
  return (
    db
      .with('repeated_hashes', (qb) =>
        repeatedHashes(
          qb,
          qb
            .selectFrom('raw.events')
            .select(eventIdHash('event_id').as('id_hash'))
            .where('event_id', 'is not', null),
        ),
      )
      // Every row whose id may repeat, with its rank among the copies of its exact id.
      .with('ranked_copies', (qb) =>
        qb
          .selectFrom('raw.events')
          .selectAll()
          .select((eb) =>
            eb.fn
              .agg<number>('row_number', [])
              .over((ob) => COPY_ORDER.reduce((o, column) => o.orderBy(column), ob.partitionBy('event_id')))
              .as('copy_number'),
          )
          .where('event_id', 'is not', null)
          .where((eb) =>
            eb(eventIdHash('event_id'), 'in', eb.selectFrom('repeated_hashes').select('id_hash')),
          )
          .where(ofExistingAccounts),
      )
      // Every event of an id seen once (or without an id), and the first of the ranked ones.
      .with('first_copies', (qb) =>
        qb
          .selectFrom('raw.events as e')
          .select([
            eventIdHash('e.event_id').as('event_id_hash'),
            ...copyColumns.map((c) => `e.${c}` as const),
          ])
          // Uncorrelated on purpose: a correlated `not exists` inside the `or` made DuckDB group every
          // distinct id to decorrelate it, the very cost the hashes avoid.
          .where((eb) =>
            eb.or([
              eb('e.event_id', 'is', null),
              eb(eventIdHash('e.event_id'), 'not in', eb.selectFrom('repeated_hashes').select('id_hash')),
            ]),
          )
          .unionAll((qb) =>
            qb
              .selectFrom('ranked_copies')
              .select([eventIdHash('event_id').as('event_id_hash'), ...copyColumns])
              .where('copy_number', '=', 1),
          ),
      ) as unknown as WithFirstCopies
  );
}

/**
 * `first_copies` for a refresh's days: the same rows as `firstCopiesOfAll` on those days (the caller
 * filters them), read with one pass over the raw ids. The rows that can matter are those days' rows
 * and the other copies of their ids: `candidates` holds them all (every raw row whose id hash some row of
 * those days carries), written once, and everything after reads it instead of raw.events. L's month,
 * measured alone on one warehouse (five runs each, alternated): 8.2–9.2 s (16.2–18.1 CPU-s) with a second
 * scan of the 49M raw ids for the ranked copies, 6.8–7.5 s (13.4–14.8) this way. A flat `in` on purpose:
 * under a window, or below an outer filter, DuckDB built the semi-join's hash table on all 49M raw ids
 * instead of the rebuilt rows' (L: the insert 6 s → 17-23 s).
 */
function firstCopiesOnDays(db: Kysely<EventsDatabase>, days: readonly string[]): WithFirstCopies {
  return db
    .with(
      (cte) => cte('candidates').materialized(),
      (qb) =>
        qb
          .selectFrom('raw.events')
          .select([eventIdHash('event_id').as('id_hash'), 'event_id', ...copyColumns])
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
      qb
        .selectFrom('candidates')
        .selectAll()
        .select((eb) =>
          eb.fn
            .agg<number>('row_number', [])
            .over((ob) => COPY_ORDER.reduce((o, column) => o.orderBy(column), ob.partitionBy('event_id')))
            .as('copy_number'),
        )
        .where((eb) => eb('id_hash', 'in', eb.selectFrom('repeated_hashes').select('id_hash')))
        .where(ofExistingAccounts),
    )
    .with('first_copies', (qb) =>
      qb
        .selectFrom('raw.events')
        .select([eventIdHash('event_id').as('event_id_hash'), ...copyColumns])
        .where('event_id', 'is', null)
        .where(inEventDays('occurred_at', days))
        .unionAll((qb) =>
          qb
            .selectFrom('candidates')
            .select(['id_hash as event_id_hash', ...copyColumns])
            .where((eb) => eb('id_hash', 'not in', eb.selectFrom('repeated_hashes').select('id_hash'))),
        )
        .unionAll((qb) =>
          qb
            .selectFrom('ranked_copies')
            .select(['id_hash as event_id_hash', ...copyColumns])
            .where('copy_number', '=', 1),
        ),
    ) as unknown as WithFirstCopies;
}

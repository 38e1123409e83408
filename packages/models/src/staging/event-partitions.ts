import { asDate, asText, dateValue, hashOf, type PartitionChanges, relationOf, sqlString } from '@pulse/core';
import { type Expression, expressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { PulseVars } from '../config.js';
import { otherVarsChanged } from '../vars-changes.js';
import { stgAccounts } from './stg_accounts.js';

/** The 64-bit hash of an event id (`hashOf`: each engine's own; NULL without an id), kept in stg_events. */
export const eventIdHash = (column: string) => hashOf(expressionBuilder<any, any>(), column);

/** The UTC day of an event, as the partition value of stg_events (`event_date::VARCHAR`). */
export const eventDayOf = (column: string) => asText(asDate(expressionBuilder<any, any>().ref(column)));

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Days (`YYYY-MM-DD`) as half-open ranges of consecutive days: `[first, day after last)`. A refresh that
 * rebuilds a whole replaced file's 700 days filters with one range, not 700.
 */
export function dayRanges(days: readonly string[]): { from: string; until: string }[] {
  const sorted = [...new Set(days.map(dayNumber))].sort((a, b) => a - b);
  const ranges: { from: number; until: number }[] = [];
  for (const day of sorted) {
    const last = ranges.at(-1);
    if (last && last.until === day) last.until = day + 1;
    else ranges.push({ from: day, until: day + 1 });
  }
  return ranges.map((range) => ({ from: dayText(range.from), until: dayText(range.until) }));
}

/**
 * Whether a TIMESTAMP column falls on one of these event days (partition values `YYYY-MM-DD`): the same
 * rows as `eventDayOf(column) in (days)`, written as half-open ranges on the column itself. A range
 * compares the stored value, so DuckDB filters it inside the scan (and skips row groups by their min/max);
 * the day as text formats every row first, which at 50M events cost seconds per use in a refresh.
 */
export function inEventDays(column: string, days: readonly string[]): Expression<SqlBool> {
  const eb = expressionBuilder<any, any>();
  if (days.length === 0) return eb.lit(false);
  return eb.or(
    dayRanges(days).map(({ from, until }) =>
      eb.and([eb(eb.ref(column), '>=', dateValue(from)), eb(eb.ref(column), '<', dateValue(until))]),
    ),
  );
}

/**
 * Rows of the given partition values by a stored DATE column (`event_date` of stg_events, the month of the
 * tables aggregated from it): the DATE compared as is, so DuckDB filters inside the scan and skips row groups.
 */
export function onDates(column: string, dates: readonly string[]): Expression<SqlBool> {
  const eb = expressionBuilder<any, any>();
  return eb(
    eb.ref(column),
    'in',
    dates.map((date) => dateValue(date)),
  );
}

/** The months (`YYYY-MM-01`) of these days, each once, in order: what a monthly aggregate of them rebuilds. */
export function monthsOfDays(days: readonly string[] | 'all'): readonly string[] | 'all' {
  if (days === 'all') return 'all';
  return [...new Set(days.map((day) => `${day.slice(0, 7)}-01`))].sort();
}

/**
 * The days whose events go in or out when as_of moves from one day to another: a day's events count when
 * the day is on or before as_of, so the days after the earlier as_of up to the later one. The earlier
 * as_of day itself counted before and still does.
 */
export function daysAsOfMovedOver(before: string, now: string): string[] {
  const [first, last] = [dayNumber(before), dayNumber(now)].sort((x, y) => x - y) as [number, number];
  return Array.from({ length: last - first }, (_, i) => dayText(first + 1 + i));
}

/**
 * The event days whose stg_events rows may differ from the published warehouse's. stg_events is a view,
 * so it already shows this run's rows; the days are what its readers rebuild and what its tests check:
 * - days of the rows of every events file added, replaced or dropped, before and after, and of every copy
 *   of an event_id those rows carry (`daysOfChangedFiles`);
 * - days after the earlier of the previous and the current as_of, up to the later (the as_of filter
 *   moved). Not the earlier as_of day: its events counted before and still do;
 * - when stg_accounts changed, the days of the events of accounts that went or came (accountChangeDays).
 * Days, not months: a nightly refresh adds one day, and rebuilding its month rewrote ~2.3M rows at L
 * (of int_account_daily_activity and, when stg_events was a table, of stg_events) to change ~0.18M.
 * `all` when events were read whole or another var changed.
 */
export async function changedEventDays(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  const files = changes.changedSources.get('events') ?? [];
  if (files === 'all' || !changes.previousVars) return 'all';
  // Only as_of is understood below: any other var that changed may change any day.
  if (otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  const accountsChanged = changes.changedModels.has('stg_accounts');
  const days = new Set(daysAsOfMovedOver(changes.previousVars.asOf, changes.vars.asOf));
  if (files.length === 0 && !accountsChanged) return [...days].sort();
  if (!changes.publishedWarehouse) return 'all';
  const found = await withPublished(db, changes.publishedWarehouse, async () => {
    const fromAccounts = accountsChanged ? await accountChangeDays(db) : [];
    if (fromAccounts === 'all') return 'all';
    return [...(files.length > 0 ? await daysOfChangedFiles(db, files) : []), ...fromAccounts];
  });
  if (found === 'all') return 'all';
  for (const day of found) days.add(day);
  return [...days].sort();
}

/**
 * The days whose resent copies (stg_event_later_copies) may differ from the published warehouse's: those
 * of changed events files (`daysOfChangedFiles`). Which copy of an id comes first depends on the export
 * rows alone, not on as_of or the accounts.
 */
export async function changedCopyDays(
  db: Kysely<any>,
  changes: PartitionChanges<unknown>,
): Promise<readonly string[] | 'all'> {
  const files = changes.changedSources.get('events') ?? [];
  if (files === 'all' || !changes.previousVars) return 'all';
  if (files.length === 0) return [];
  if (!changes.publishedWarehouse) return 'all';
  return withPublished(db, changes.publishedWarehouse, () => daysOfChangedFiles(db, files));
}

/** The catalog name the published warehouse is attached under while its rows are read. */
const PUBLISHED = 'pulse_published';

/**
 * Runs `read` with the published warehouse attached (read only) as PUBLISHED; `all` when that file has no
 * raw.events (written by a version that kept none), whose rows before the change are then unknown. The
 * published file is only read: a refresh publishes by renaming its copy over it.
 */
async function withPublished<T>(
  db: Kysely<any>,
  publishedWarehouse: string,
  read: () => Promise<T>,
): Promise<T | 'all'> {
  await sql`attach ${sql.raw(sqlString(publishedWarehouse))} as ${sql.raw(PUBLISHED)} (read_only)`.execute(
    db,
  );
  try {
    const [published] = (
      await sql<{ tables: number }>`
        select cast(count(*) as integer) as tables from duckdb_tables()
        where database_name = ${PUBLISHED} and schema_name = 'raw' and table_name = 'events'`.execute(db)
    ).rows;
    if (published!.tables === 0) return 'all';
    return await read();
  } finally {
    await sql`detach ${sql.raw(PUBLISHED)}`.execute(db);
  }
}

/**
 * The days of the rows of these events files, before (in the published warehouse) and after (this run's
 * raw.events), and of every copy of an event_id those rows carry, matched by the ids' hashes (a collision
 * only adds a day). Only copies from the earliest changed row on: the kept copy is the first in
 * (occurred_at, file, line), so an added row can displace only a later copy, and a removed kept row only
 * hands over to a later one. For a new day that is one day of rows to hash instead of every event (at L
 * 2.6 s of a one-day refresh). A copy that never counted can still have decided which copy counts: the
 * first copy of an id wins before the accounts join, so the first copy of an account that did not exist by
 * as_of hid a later copy of another account; when such a row goes, only the file's rows before name its id.
 */
async function daysOfChangedFiles(db: Kysely<any>, files: readonly string[]): Promise<string[]> {
  // Raw sql: it reads the published warehouse under a name attached at run time, through Kysely<any>, so
  // the builder would check nothing; the engine-specific day is eventDayOf's.
  const list = sql.join(files);
  const rows = await sql<{ day: string }>`
    with changed_raw as (
      select ${eventIdHash('event_id')} as id_hash, occurred_at from raw.events where _file in (${list})
      union all
      select ${eventIdHash('event_id')}, occurred_at from ${sql.raw(PUBLISHED)}.raw.events where _file in (${list})),
    ids as (select distinct id_hash from changed_raw where id_hash is not null)
    select distinct day from (
      select ${eventDayOf('occurred_at')} as day from changed_raw
      union all select ${eventDayOf('occurred_at')} from raw.events
                where event_id is not null
                  and occurred_at >= (select min(occurred_at) from changed_raw)
                  and ${eventIdHash('event_id')} in (select id_hash from ids)
    ) as days`.execute(db);
  return rows.rows.map((row) => row.day);
}

/**
 * The event days whose rows may come or go because stg_accounts changed. stg_events takes nothing from an
 * account but its existence (the inner join; which copy of an id is kept is decided before it), so a
 * changed segment or name changes no event, and only the days of the events of accounts that went (in the
 * published stg_accounts, not in this run's) or came (the other way) can. Their events are read from both
 * warehouses' raw.events: an account that went may have taken its events with it.
 */
async function accountChangeDays(db: Kysely<any>): Promise<string[] | 'all'> {
  const [published] = (
    await sql<{ tables: number }>`
      select cast(count(*) as integer) as tables from duckdb_tables()
      where database_name = ${PUBLISHED} and schema_name = ${stgAccounts.layer} and table_name = ${stgAccounts.name}`.execute(
      db,
    )
  ).rows;
  if (published!.tables === 0) return 'all';
  const now = sql.raw(relationOf(stgAccounts));
  const before = sql.raw(`${PUBLISHED}.${relationOf(stgAccounts)}`);
  const rows = await sql<{ day: string }>`
    with moved as (
      (select account_id from ${before} except select account_id from ${now})
      union all
      (select account_id from ${now} except select account_id from ${before}))
    select distinct day from (
      select ${eventDayOf('occurred_at')} as day from raw.events
        where occurred_at is not null and account_id in (select account_id from moved)
      union all
      select ${eventDayOf('occurred_at')} from ${sql.raw(PUBLISHED)}.raw.events
        where occurred_at is not null and account_id in (select account_id from moved)
    ) as days`.execute(db);
  return rows.rows.map((row) => row.day);
}

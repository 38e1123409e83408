import { asDate, asText, dateValue, hashOf, type PartitionChanges, sqlString } from '@pulse/core';
import { type Expression, expressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { PulseVars } from '../config.js';
import { otherVarsChanged } from '../vars-changes.js';
import { cameOrWentAccounts } from './came-or-went-accounts.js';

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
 * The event days whose stg_events rows may differ from the relation as built:
 * - days of the rows of every events file added, replaced or dropped, before and after;
 * - days of every copy of an event_id those rows carry (a new earlier copy moves the kept one), matched by
 *   the ids' hashes (a collision only adds a day to rebuild): read
 *   from raw.events alone, because a copy kept in the relation is either still there (its file unchanged)
 *   or among the rows of a changed file above — no need to scan the relation's 50M ids too. Only copies
 *   from the earliest changed row on: the kept copy is the first in (occurred_at, file, line), so an added
 *   row can displace only a later copy, and a removed kept row only hands over to a later one. For a new
 *   day that is one day of rows to hash instead of every event (at L 2.6 s of a one-day refresh);
 * - days after the earlier of the previous and the current as_of, up to the later (the as_of filter
 *   moved). Not the earlier as_of day: at L rebuilding it too was half of a nightly refresh's insert, its
 *   rows being spread over every row group of raw.events in the generated parts.
 * Days, not months: a nightly refresh adds one day, and rebuilding its month rewrote ~2.3M rows at L to
 * change ~0.18M (measured alone on L's refreshed warehouse: the rebuild 6.3–6.8 s → 4.0 s, 12.5–13.3 →
 * 7.7 CPU-s; the delete 0.45 → 0.05 s).
 * - when stg_accounts changed, the days of the events of accounts that went or came (accountChangeDays).
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
  const days = new Set<string>();
  if (changes.changedModels.has('stg_accounts'))
    for (const day of await accountChangeDays(db, changes.relation, files)) days.add(day);
  const before = changes.previousVars.asOf;
  const now = changes.vars.asOf;
  for (const day of daysAsOfMovedOver(before, now)) days.add(day);
  if (files.length > 0) {
    if (!changes.publishedWarehouse) return 'all';
    const changedDays = await daysOfChangedFiles(db, changes.relation, changes.publishedWarehouse, files);
    if (changedDays === 'all') return 'all';
    for (const day of changedDays) days.add(day);
  }
  return [...days].sort();
}

/** The catalog name the published warehouse is attached under while its raw events are read. */
const PUBLISHED = 'pulse_published';

/**
 * The days of the rows of these events files, before and after, and of every copy of an event_id those
 * rows carry. The rows before are read from the published warehouse: the copy being built already holds
 * the files' new rows, and its relation only the rows kept, while a copy the relation never kept (a later
 * copy, or one of an account that does not exist yet) still names the ids whose days to rebuild.
 */
async function daysOfChangedFiles(
  db: Kysely<any>,
  relation: string,
  publishedWarehouse: string,
  files: readonly string[],
): Promise<readonly string[] | 'all'> {
  // Raw sql stays in this function: it reads the relation as built and the published warehouse under names
  // known only at run time, through Kysely<any>, so the builder would check nothing; the engine-specific day
  // is eventDayOf's. The published file is only read: a refresh publishes by renaming its copy over it.
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
    const list = sql.join(files);
    const rows = await sql<{ day: string }>`
      with changed_raw as (
        select ${eventIdHash('event_id')} as id_hash, occurred_at from raw.events where _file in (${list})
        union all
        select ${eventIdHash('event_id')}, occurred_at from ${sql.raw(PUBLISHED)}.raw.events where _file in (${list})),
      changed_built as (select event_id_hash as id_hash, event_date, occurred_at from ${sql.raw(relation)} where source_file in (${list})),
      ids as (select id_hash from changed_raw where id_hash is not null
              union select id_hash from changed_built where id_hash is not null)
      select distinct day from (
        select ${eventDayOf('occurred_at')} as day from changed_raw
        union all select event_date::varchar from changed_built
        union all select ${eventDayOf('occurred_at')} from raw.events
                  where event_id is not null
                    and occurred_at >= (select min(occurred_at) from (
                          select occurred_at from changed_raw union all select occurred_at from changed_built))
                    and ${eventIdHash('event_id')} in (select id_hash from ids)
      ) as days`.execute(db);
    return rows.rows.map((row) => row.day);
  } finally {
    await sql`detach ${sql.raw(PUBLISHED)}`.execute(db);
  }
}

/**
 * The event days whose rows may come or go because stg_accounts changed. stg_events takes nothing from an
 * account but its existence (the copies of accounts in stg_accounts are the ones ranked, and the inner join
 * keeps their rows), so a changed segment or name changes no event, and only these days can:
 * - days of the relation's rows whose account is no longer in stg_accounts (an account that went), and of
 *   every raw copy of their event ids: a copy that went hands the id over to the next one;
 * - days of the raw events of accounts in stg_accounts with no row in the relation: every account that
 *   came is one of them (it had none before), and so is an old account whose events were all left out
 *   for another reason (after as_of), whose days are then rebuilt to the same rows; and the days of the
 *   relation's rows carrying their event ids: a copy that came first takes the id over from the kept one
 *   (for rows of the changed events files, daysOfChangedFiles finds those days).
 * At L a nightly export with one new signup rebuilt all 49M events (43 s) for that account's days; this
 * reads the relation's account ids and id hashes once, and the raw ids only when an account went.
 */
async function accountChangeDays(
  db: Kysely<any>,
  relation: string,
  changedFiles: readonly string[],
): Promise<readonly string[]> {
  // Raw sql stays, as in changedEventDays: the relation as built, under a name known only at run time.
  const built = sql.raw(relation);
  // The accounts that came or went, found once (a distinct over the relation's 49M account ids) and kept
  // in a temp table: each CTE reference recomputed it, and a lookup whose accounts were none still read
  // all 49M ids (DuckDB did not skip that probe), which doubled this decision at L (1.1 → 2.5 s).
  const changed = sql.raw('pulse_event_accounts_changed');
  await sql`create or replace temp table ${changed} as
    with ${cameOrWentAccounts(relation)}
    select account_id, true as went from went union all select account_id, false from came`.execute(db);
  try {
    const ofAccounts = (went: boolean) =>
      sql`account_id in (select account_id from ${changed} where went = ${sql.lit(went)})`;
    const { rows } = await sql<{ day: string }>`
      select distinct day from (
        select event_date::varchar as day from ${built} where ${ofAccounts(true)}
        union all
        select ${eventDayOf('occurred_at')} from raw.events where occurred_at is not null and ${ofAccounts(false)})`.execute(
      db,
    );
    const days = rows.map((row) => row.day);
    // The copies of their ids, only when there is one to look up. A came account's rows in changed files
    // are daysOfChangedFiles' (a new signup's first events come in new files).
    const unchangedFile =
      changedFiles.length === 0 ? sql`true` : sql`_file not in (${sql.join(changedFiles)})`;
    const [lookups] = (
      await sql<{ came: boolean; went: boolean }>`
        select exists (select 1 from raw.events
                       where event_id is not null and ${ofAccounts(false)} and ${unchangedFile}) as came,
               exists (select 1 from ${built} where event_id_hash is not null and ${ofAccounts(true)}) as went`.execute(
        db,
      )
    ).rows;
    if (lookups?.came) {
      const taken = await sql<{ day: string }>`
        select distinct event_date::varchar as day from ${built}
        where event_id_hash in (select ${eventIdHash('event_id')} from raw.events
                                where event_id is not null and ${ofAccounts(false)} and ${unchangedFile})`.execute(
        db,
      );
      days.push(...taken.rows.map((row) => row.day));
    }
    if (lookups?.went) {
      const handedOver = await sql<{ day: string }>`
        select distinct ${eventDayOf('occurred_at')} as day from raw.events
        where event_id is not null and ${eventIdHash('event_id')} in (
          select event_id_hash from ${built} where event_id_hash is not null and ${ofAccounts(true)})`.execute(
        db,
      );
      days.push(...handedOver.rows.map((row) => row.day));
    }
    return days;
  } finally {
    await sql`drop table if exists ${changed}`.execute(db);
  }
}

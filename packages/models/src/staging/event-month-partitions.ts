import {
  asText,
  dateValue,
  hashOf,
  integerValue,
  monthStart,
  type PartitionChanges,
  plusMonths,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { type Expression, expressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { PulseVars } from '../config.js';

/** The 64-bit hash of an event id (`hashOf`: each engine's own; NULL without an id), kept in stg_events. */
export const eventIdHash = (column: string) => hashOf(expressionBuilder<any, any>(), column);

/** The UTC month of an event, as the partition value of stg_events (`event_month::VARCHAR`). */
export const eventMonthOf = (column: string) => asText(monthStart(expressionBuilder<any, any>(), column));

/**
 * Whether a TIMESTAMP column falls in one of these event months (partition values `YYYY-MM-01`): the same
 * rows as `eventMonthOf(column) in (months)`, written as half-open ranges on the column itself. A range
 * compares the stored value, so DuckDB filters it inside the scan (and skips row groups by their min/max);
 * the month as text formats every row first, which at 50M events cost seconds per use in a refresh.
 */
export function inEventMonths(column: string, months: readonly string[]): Expression<SqlBool> {
  const eb = expressionBuilder<any, any>();
  if (months.length === 0) return sql<SqlBool>`false`;
  return eb.or(
    months.map((month) =>
      eb.and([
        eb(eb.ref(column), '>=', dateValue(month)),
        eb(eb.ref(column), '<', plusMonths(eb, dateValue(month), integerValue(1))),
      ]),
    ),
  );
}

/**
 * Rows of the given event months by a stored month column (`event_month` of stg_events and the tables
 * aggregated from it): the DATE compared as is, so DuckDB filters inside the scan and skips row groups.
 */
export function onEventMonthDates(column: string, months: readonly string[]): Expression<SqlBool> {
  const eb = expressionBuilder<any, any>();
  return eb(
    eb.ref(column),
    'in',
    months.map((month) => dateValue(month)),
  );
}

/**
 * The event months whose stg_events rows may differ from the relation as built:
 * - months of the rows of every events file added, replaced or dropped, before and after;
 * - months of every copy of an event_id those rows carry (a new earlier copy moves the kept one), matched by
 *   the ids' hashes (a collision only adds a month to rebuild): read
 *   from raw.events alone, because a copy kept in the relation is either still there (its file unchanged)
 *   or among the rows of a changed file above — no need to scan the relation's 50M ids too. Only copies
 *   from the earliest changed row on: the kept copy is the first in (occurred_at, file, line), so an added
 *   row can displace only a later copy, and a removed kept row only hands over to a later one. For a new
 *   day that is one day of rows to hash instead of every event (at L 2.6 s of a one-day refresh);
 * - months between the previous and the current as_of (the as_of filter moved).
 * `all` when the accounts changed (the join decides which events count), events were read whole or
 * another var changed.
 */
export async function changedEventMonths(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  if (changes.changedModels.has('stg_accounts')) return 'all';
  const files = changes.changedSources.get('events') ?? [];
  if (files === 'all' || !changes.previousVars) return 'all';
  // Only as_of is understood below: any other var that changed may change any month.
  const { asOf: _now, ...otherNow } = changes.vars;
  const { asOf: _before, ...otherBefore } = changes.previousVars;
  if (JSON.stringify(otherNow) !== JSON.stringify(otherBefore)) return 'all';
  const months = new Set<string>();
  const before = changes.previousVars.asOf;
  const now = changes.vars.asOf;
  if (before !== now) {
    const rows = await db
      .selectNoFrom((eb) => {
        const dates = [dateValue(before), dateValue(now)];
        const first = truncateToMonth(eb, eb.fn('least', dates));
        const last = truncateToMonth(eb, eb.fn('greatest', dates));
        return asText(unnestMonths(first, last)).as('month');
      })
      .execute();
    for (const row of rows) months.add(row.month);
  }
  if (files.length > 0) {
    // Raw sql stays: it reads the relation as built under a name known only at run time, through
    // Kysely<any>, so the builder would check nothing; the DuckDB-specific month is eventMonthOf's.
    const relation = sql.raw(changes.relation);
    const list = sql.join(files);
    const rows = await sql<{ month: string }>`
      with changed_raw as (select ${eventIdHash('event_id')} as id_hash, occurred_at from raw.events where _file in (${list})),
      changed_built as (select event_id_hash as id_hash, event_month, occurred_at from ${relation} where source_file in (${list})),
      ids as (select id_hash from changed_raw where id_hash is not null
              union select id_hash from changed_built where id_hash is not null)
      select distinct month from (
        select ${eventMonthOf('occurred_at')} as month from changed_raw
        union all select event_month::varchar from changed_built
        union all select ${eventMonthOf('occurred_at')} from raw.events
                  where event_id is not null
                    and occurred_at >= (select min(occurred_at) from (
                          select occurred_at from changed_raw union all select occurred_at from changed_built))
                    and ${eventIdHash('event_id')} in (select id_hash from ids)
      )`.execute(db);
    for (const row of rows.rows) months.add(row.month);
  }
  return [...months].sort();
}

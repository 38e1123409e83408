import { asText, dateValue, endOfDay, monthStart, type PartitionChanges } from '@pulse/core';
import { type Expression, expressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { monthsAfter } from '../calendar-months.js';
import type { PulseVars } from '../config.js';
import { otherVarsChanged } from '../vars-changes.js';
import { cameOrWentAccounts } from './came-or-went-accounts.js';
import { stgAccounts } from './stg_accounts.js';

/**
 * Whether a TIMESTAMP column falls in one of these months (partition values `YYYY-MM-01`): half-open ranges
 * on the column itself, so the engine filters inside the scan instead of truncating every row first.
 */
export function inMonths(column: string, months: readonly string[]): Expression<SqlBool> {
  const eb = expressionBuilder<any, any>();
  if (months.length === 0) return eb.lit(false);
  return eb.or(
    months.map((month) =>
      eb.and([
        eb(eb.ref(column), '>=', dateValue(month)),
        eb(eb.ref(column), '<', dateValue(monthsAfter(month, 1))),
      ]),
    ),
  );
}

/** How a staging table of one source depends on as_of and on the accounts. */
export interface AsOfBoundSource {
  /** The source whose raw table it reads, e.g. `tickets`. */
  readonly source: string;
  /** The raw TIMESTAMP whose month is the row's partition (the table's month column, e.g. created_month). */
  readonly monthOf: string;
  /** The raw TIMESTAMPs the table cuts at the end of the as_of day: a row's value there comes or goes with as_of. */
  readonly knownBy: readonly string[];
  /** The upstream models besides stg_accounts: any change of theirs may change any row (e.g. stg_fx_rates). */
  readonly otherInputs: readonly { readonly name: string }[];
}

/**
 * The months of a staging table bound to as_of (stg_invoices, stg_tickets, stg_survey_responses) whose rows
 * may differ from the relation as built. Such a table takes a source's rows known by the end of the as_of
 * day, of accounts that exist by then. So when only as_of moved and accounts came or went:
 * - the months of the raw rows with a `knownBy` timestamp between the two ends of day (a row that comes or
 *   goes, or a reply or resolution now known or no longer known);
 * - the months of the raw rows of the accounts that came or went (cameOrWentAccounts; the source being
 *   unchanged, a gone account's rows in the relation are its raw rows).
 * `all` when the source's files changed, another input changed or another var changed. A nightly refresh
 * whose only news is a day of events then keeps the table, where it rebuilt it whole (at L 4.5 s of model
 * time for the three tables, to write the same rows).
 */
export function asOfBoundMonths(spec: AsOfBoundSource) {
  return async (
    db: Kysely<any>,
    changes: PartitionChanges<PulseVars>,
  ): Promise<readonly string[] | 'all'> => {
    // Raw sql stays in this function: the relation as built and the source's raw table are named only at
    // run time (Kysely<any>, so the builder would check nothing); the engine-specific pieces are helpers'.
    if (changes.changedSources.has(spec.source)) return 'all';
    if (spec.otherInputs.some((model) => changes.changedModels.has(model.name))) return 'all';
    if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
    const eb = expressionBuilder<any, any>();
    const monthText = asText(monthStart(eb, spec.monthOf));
    const raw = sql.raw(`raw.${spec.source}`);
    const months = new Set<string>();
    const [earlier, later] = [changes.previousVars.asOf, changes.vars.asOf].sort();
    if (earlier !== later) {
      const from = endOfDay(dateValue(earlier!));
      const until = endOfDay(dateValue(later!));
      const moved = sql.join(
        spec.knownBy.map((column) => sql`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${until})`),
        sql` or `,
      );
      const rows = await sql<{ month: string }>`
        select distinct ${monthText} as month from ${raw} where ${sql.ref(spec.monthOf)} is not null and (${moved})`.execute(
        db,
      );
      for (const row of rows.rows) months.add(row.month);
    }
    if (changes.changedModels.has(stgAccounts.name)) {
      const rows = await sql<{ month: string }>`
        with ${cameOrWentAccounts(changes.relation)}
        select distinct ${monthText} as month from ${raw}
          where ${sql.ref(spec.monthOf)} is not null
            and account_id in (select account_id from came union all select account_id from went)`.execute(
        db,
      );
      for (const row of rows.rows) months.add(row.month);
    }
    return [...months].sort();
  };
}

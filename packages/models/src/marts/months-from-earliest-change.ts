import { type AnyModel, dateValue, type PartitionChanges, relationOf } from '@pulse/core';
import { type Kysely, sql } from 'kysely';
import type { PulseVars } from '../config.js';

/**
 * Every month, from the earliest of these on, that the upstream relation or the relation as built holds:
 * what a table whose month reads its own and earlier months of upstream rebuilds when those changed. The
 * months that went are in the relation, the months that came in upstream, so both are read.
 */
export async function monthsFrom(
  db: Kysely<any>,
  earliest: string,
  relations: { readonly upstream: string; readonly built: string },
): Promise<string[]> {
  // Raw sql stays here: the relation as built is named only at run time (Kysely<any>: the builder checks nothing).
  const from = dateValue(earliest);
  const rows = await sql<{ month: string }>`
    select distinct cast(month as varchar) as month from ${sql.raw(relations.upstream)} where month >= ${from}
    union
    select distinct cast(month as varchar) from ${sql.raw(relations.built)} where month >= ${from}`.execute(
    db,
  );
  return rows.rows.map((row) => row.month).sort();
}

/**
 * The months of a table built from an upstream monthly table whose each month depends on that month and
 * the ones before it only (a lag, a running flag): every month from the earliest one upstream rebuilt.
 * `all` when upstream was rebuilt whole. mrr_account_months after a nightly export: int_account_months
 * rebuilt the as_of month, and so does it (at L ~55k of 980k rows).
 */
export function monthsFromEarliestUpstreamChange(upstream: AnyModel) {
  return async (
    db: Kysely<any>,
    changes: PartitionChanges<PulseVars>,
  ): Promise<readonly string[] | 'all'> => {
    const months = changes.changedModels.get(upstream.name) ?? [];
    if (months === 'all') return 'all';
    if (months.length === 0) return [];
    return monthsFrom(db, [...months].sort()[0]!, {
      upstream: relationOf(upstream),
      built: changes.relation,
    });
  };
}

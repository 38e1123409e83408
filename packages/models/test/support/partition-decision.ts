import type { PartitionChanges, PartitionSpec, Warehouse } from '@pulse/core';
import { CompiledQuery, type Kysely } from 'kysely';
import type { PulseVars } from '../../src/config.js';

/** Vars with this as_of, reporting in USD, and `extra`: what a partition decision reads of them. */
export const varsAsOf = (asOf: string, extra: Partial<PulseVars> = {}) =>
  ({ asOf, reportingCurrency: 'USD', ...extra }) as unknown as PulseVars;

/**
 * Asks a model's partition decision (`PartitionSpec.changed`) about the relation `relation` of the warehouse
 * `db()` returns. Nothing changed unless `defaults` or the question's changes say so. `rowsNow` is a stub: the
 * decisions tested this way read what upstream rebuilt, never the model's own query.
 */
export function askDecision(
  decision: PartitionSpec<PulseVars>['changed'],
  db: () => Warehouse,
  defaults: Partial<PartitionChanges<PulseVars>> & { readonly relation: string; readonly vars: PulseVars },
) {
  return (changes: Partial<PartitionChanges<PulseVars>> = {}) =>
    decision(db().db<any>() as Kysely<any>, {
      previousVars: defaults.vars,
      changedSources: new Map(),
      changedModels: new Map(),
      rowsNow: CompiledQuery.raw('select 1'),
      ...defaults,
      ...changes,
    });
}

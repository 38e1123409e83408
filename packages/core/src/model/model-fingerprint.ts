import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CompiledModel } from './compile-model.js';

/**
 * `withValues: false` leaves the bound values out: two builds whose fingerprints differ but whose code
 * fingerprints are equal differ only by vars (such as as_of), which a partitioned model can handle.
 *
 * A digest of everything that decides a model's relation given unchanged inputs: its compiled SQL with
 * the bound values (vars such as as_of land there), materialisation, grain, contract and tests (a custom
 * test's query function by its source text). Equal fingerprints and unchanged inputs mean a refresh may
 * keep the relation it built last time.
 */
export function modelFingerprint(compiled: CompiledModel, options: { withValues?: boolean } = {}): string {
  const { model, query } = compiled;
  const description = {
    sql: query.sql,
    parameters: options.withValues === false ? query.parameters.length : query.parameters,
    materialized: model.materialized,
    grain: model.grain ?? null,
    // Only when set, so the fingerprints of every other model stay what they were.
    ...(model.sortedByGrain === false ? { sortedByGrain: false } : {}),
    uniqueKey: model.uniqueKey ?? null,
    columns: z.toJSONSchema(model.columns, { unrepresentable: 'any' }),
    tests: model.tests ?? [],
  };
  return createHash('sha256').update(JSON.stringify(description, functionsAsSource)).digest('hex');
}

function functionsAsSource(_key: string, value: unknown): unknown {
  if (typeof value === 'function') return value.toString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

import { rawColumnType, type Warehouse } from '@pulse/core';
import { sources } from '../../src/sources/index.js';
import type { RawTables } from '../../src/sources/raw-tables.js';

/**
 * DDL of the `raw` schema as ingestion writes it, from the source declarations themselves (the types of
 * rawColumnType), so a column added to a source is in every fixture's table too: a hand-kept copy went
 * stale and failed a model reading the new column with a Binder Error.
 */
const RAW_DDL = Object.fromEntries(
  sources.map((source) => [
    `raw.${source.name}`,
    source.columns.map((column) => `${column.name} ${rawColumnType(column.type).toLowerCase()}`).join(', '),
  ]),
) as Record<keyof RawTables, string>;

/** A fixture row: any subset of the raw columns; timestamps may also be ISO strings. */
type RowOf<K extends keyof RawTables> = {
  [C in keyof RawTables[K]]?: RawTables[K][C] extends Date | null
    ? RawTables[K][C] | string
    : RawTables[K][C];
} & Record<string, unknown>;

/**
 * Raw rows for a fixture, by source name without the schema (`accounts`, `subscriptions`, …).
 * Timestamps may be given as ISO strings; missing optional columns are NULL, defaults as ingestion applies.
 */
export type RawFixture = { [K in keyof RawTables as K extends `raw.${infer S}` ? S : never]?: RowOf<K>[] };

const DEFAULTS: Record<string, Record<string, unknown>> = {
  accounts: { segment: 'unknown', region: 'unknown', acquisition_channel: 'unknown' },
  subscriptions: { is_trial: false, billing_interval: 'month', currency: 'USD', plan: 'basic' },
  invoices: { currency: 'USD', status: 'paid' },
  tickets: { priority: 'normal' },
  spend: { currency: 'USD', category: 'marketing' },
};

/** Creates every `raw.*` table (empty when the fixture has no rows for it) and inserts the fixture rows. */
export async function loadRawFixture(warehouse: Warehouse, fixture: RawFixture): Promise<void> {
  await warehouse.exec('create schema if not exists raw');
  for (const [table, columns] of Object.entries(RAW_DDL)) {
    await warehouse.exec(`create or replace table ${table} (${columns}, _file varchar, _line integer)`);
    const source = table.slice('raw.'.length);
    const rows = (fixture as Record<string, Record<string, unknown>[] | undefined>)[source] ?? [];
    const names = columns.split(', ').map((definition) => definition.split(' ')[0]!);
    const types = columns.split(', ').map((definition) => definition.split(' ')[1]!);
    for (const [index, row] of rows.entries()) {
      const full = { ...DEFAULTS[source], ...row };
      const values = names.map((name) => full[name] ?? null);
      // Through TIMESTAMPTZ so an offset in a fixture timestamp is honoured, as ingestion does.
      const placeholders = names
        .map((_, i) =>
          types[i] === 'timestamp'
            ? `cast($${i + 1}::timestamptz as timestamp)`
            : `cast($${i + 1} as ${types[i]})`,
        )
        .join(', ');
      await warehouse.exec(
        `insert into ${table} values (${placeholders}, $${names.length + 1}, $${names.length + 2})`,
        [
          ...values.map((value) => (value instanceof Date ? value.toISOString() : value)),
          `${source}.csv`,
          index + 2,
        ],
      );
    }
  }
}

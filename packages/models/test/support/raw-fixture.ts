import type { Warehouse } from '@pulse/core';
import type { RawTables } from '../../src/sources/raw-tables.js';

/** DDL of the `raw` schema exactly as ingestion writes it (see src/sources/raw-tables.ts). */
const RAW_DDL: Record<keyof RawTables, string> = {
  'raw.accounts':
    'account_id varchar, name varchar, created_at timestamp, segment varchar, region varchar, acquisition_channel varchar',
  'raw.subscriptions':
    'subscription_id varchar, account_id varchar, plan varchar, billing_interval varchar, amount double, currency varchar, start_date date, end_date date, is_trial boolean',
  'raw.invoices':
    'invoice_id varchar, account_id varchar, issued_at timestamp, amount double, currency varchar, status varchar',
  'raw.events':
    'event_id varchar, account_id varchar, user_id varchar, event_name varchar, occurred_at timestamp',
  'raw.tickets':
    'ticket_id varchar, account_id varchar, created_at timestamp, first_response_at timestamp, resolved_at timestamp, priority varchar, channel varchar',
  'raw.survey_responses':
    'response_id varchar, account_id varchar, user_id varchar, survey varchar, score integer, responded_at timestamp, comment varchar',
  'raw.spend': 'month date, channel varchar, category varchar, amount double, currency varchar',
  'raw.fx_rates': 'date date, currency varchar, rate double',
};

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

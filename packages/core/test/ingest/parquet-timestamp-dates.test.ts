// pandas and Spark write a date column as a timestamp at midnight. Read as its text
// ('2025-02-07 00:00:00'), every row of such a Parquet file was wrong_type, "is not a date", and a first
// build published with the source empty.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

describe('Parquet: a timestamp column feeding a date column', () => {
  // TIMESTAMPTZ: Spark writes instants adjusted to UTC; a midnight UTC was wrong_type where the same day
  // as a naive midnight loaded, and the account's subscription went missing from every mart.
  it.each(['TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMPTZ'])(
    'reads a midnight (UTC) %s as its day; a time of day is still wrong_type',
    async (type) => {
      const dir = await baseDataDirWith({ 'subscriptions.csv': null });
      const writer = await Warehouse.open(':memory:');
      try {
        await writer.exec(
          `copy (select * from (values
             ('S1', 'A1', 'pro', 'month', 49.9, 'USD', timestamp '2024-01-05 00:00:00', null::timestamp, false),
             ('S2', 'A2', 'team', 'year', 1200, 'USD', timestamp '2024-02-01 10:30:00', timestamp '2025-02-01', false)
           ) t(subscription_id, account_id, plan, billing_interval, amount, currency, start_date, end_date, is_trial))
           to '${join(dir, 'subscriptions.parquet')}' (format parquet)`.replaceAll(
            'timestamp ',
            `${type.toLowerCase()} `,
          ),
        );
      } finally {
        await writer.close();
      }
      await withIngested(dir, async ({ raw, quarantine }) => {
        const rows = await raw<{ subscription_id: string; start_date: unknown; _line: number }>(
          'subscriptions',
        );
        expect(rows.map((row) => [row.subscription_id, String(row.start_date), row._line])).toEqual([
          ['S1', '2024-01-05', 1],
        ]);
        const quarantined = await quarantine('subscriptions');
        expect(quarantined.map((row) => [row.line, row.column, row.reason_code])).toEqual([
          [2, 'start_date', 'wrong_type'],
        ]);
      });
    },
  );
});

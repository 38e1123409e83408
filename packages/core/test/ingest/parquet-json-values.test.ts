import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

const ID_ADVICE = 'write the id as a string or number';

describe('Parquet: a column of logical type JSON is judged value by value, as JSON Lines is', () => {
  it('an object or array is wrong_type; a string or a number is read as its value, without JSON quotes', async () => {
    const dir = await baseDataDirWith({});
    await mkdir(join(dir, 'events'));
    const writer = await Warehouse.open(':memory:');
    try {
      await writer.exec(
        `copy (select 'E' || n as event_id, user_id::JSON as user_id, 'A1' as account_id, 'login' as event_name,
                      '2024-03-01T10:00:00Z' as occurred_at
               from (values (1, '{"a":1}'), (2, '[1,2]'), (3, '"u3"'), (4, '12')) t(n, user_id) order by n)
           to '${dir}/events/a.parquet' (format parquet)`,
      );
    } finally {
      await writer.close();
    }
    const { rows, quarantined } = await withIngested(dir, async ({ raw, quarantine }) => ({
      rows: (await raw<Record<string, unknown>>('events')).map((row) => [
        row._line,
        row.event_id,
        row.user_id,
      ]),
      quarantined: (await quarantine('events')).map(({ line, column, reason_code, reason }) => ({
        line,
        column,
        reason_code,
        reason,
      })),
    }));
    expect(rows).toEqual([
      [3, 'E3', 'u3'],
      [4, 'E4', '12'],
    ]);
    expect(quarantined).toEqual([
      {
        line: 1,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `user_id '{"a":1}' is an object, not a single value: ${ID_ADVICE}`,
      },
      {
        line: 2,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `user_id '[1,2]' is an array, not a single value: ${ID_ADVICE}`,
      },
    ]);
  });
});

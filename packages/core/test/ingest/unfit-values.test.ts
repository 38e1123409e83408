import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { baseDataDirWith, type QuarantineRow, withIngested } from './support/ingest-harness.js';

/** An events record of the contract, `overrides` replacing (or, undefined, removing) its keys. */
const event = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    event_id: 'E1',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-01T10:00:00Z',
    ...overrides,
  });

/** A quarantine row without its raw text: where, and why. */
const quarantineRows = (rows: readonly QuarantineRow[]) =>
  rows.map(({ file, line, column, reason_code, reason }) => ({ file, line, column, reason_code, reason }));

async function eventsOf(files: Record<string, string>, config?: unknown) {
  return withIngested(
    await baseDataDirWith(files),
    async ({ raw, quarantine }) => ({
      rows: (await raw<Record<string, unknown>>('events')).map((row) => [
        row._line,
        row.event_id,
        row.account_id,
        row.user_id,
        row.event_name,
      ]),
      quarantined: quarantineRows(await quarantine('events')),
    }),
    { config },
  );
}

const ID_ADVICE = 'write the id as a string or number';

describe('a value that is no single value of its column (unfit-values.ts)', () => {
  it('JSON Lines: an object or array in any column is wrong_type at its line; numbers and true/false in text stay text', async () => {
    const lines = [
      event({ event_id: { a: 1 } }),
      event({ event_id: 'E2', account_id: ['00001'] }),
      '',
      event({ event_id: 'E4', user_id: 12 }),
      event({ event_id: '[1]', account_id: 'A2', event_name: true }),
      event({ event_id: 'E6', user_id: true }),
      event({ event_id: 'E7', occurred_at: { t: '2024-03-01' } }),
      // The first problem in column order: user_id (empty) before event_name (an array).
      event({ event_id: 'E8', user_id: null, event_name: ['login'] }),
      // Another spelling of the key (keys vary per line): the value read is the one tested.
      event({ event_id: undefined, Event_ID: ['E9'] }),
    ];
    const { rows, quarantined } = await eventsOf({ 'events.jsonl': `${lines.join('\n')}\n` });
    expect(rows).toEqual([
      [4, 'E4', 'A1', '12', 'login'],
      // A string that looks like JSON is text; true in free text is the word.
      [5, '[1]', 'A2', 'u1', 'true'],
    ]);
    const file = 'events.jsonl';
    expect(quarantined).toEqual([
      {
        file,
        line: 1,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `event_id '{"a":1}' is an object, not a single value: ${ID_ADVICE}`,
      },
      {
        file,
        line: 2,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `account_id '["00001"]' is an array, not a single value: ${ID_ADVICE}`,
      },
      {
        file,
        line: 6,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `user_id 'true' is a true/false value, not an id: ${ID_ADVICE}`,
      },
      {
        file,
        line: 7,
        column: 'occurred_at',
        reason_code: 'wrong_type',
        reason:
          `occurred_at '{"t":"2024-03-01"}' is an object, not a single value: ` +
          'write the timestamp as an ISO 8601 string such as 2026-03-31T09:30:00Z',
      },
      {
        file,
        line: 8,
        column: 'user_id',
        reason_code: 'missing_required',
        reason: 'user_id is empty but required',
      },
      {
        file,
        line: 9,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `event_id '["E9"]' is an array, not a single value: ${ID_ADVICE}`,
      },
    ]);
  });

  it('JSON Lines: an object reached by a dotted mapping is wrong_type, the reason naming both columns', async () => {
    const config = { sources: { events: { columns: { account_id: 'context.groupId' } } } };
    const record = (id: string, groupId: unknown) =>
      event({ event_id: id, account_id: undefined, context: { groupId } });
    const { rows, quarantined } = await eventsOf(
      { 'events.jsonl': [record('E1', 'A1'), record('E2', { id: 'A1' }), record('E3', 'A2')].join('\n') },
      config,
    );
    expect(rows).toEqual([
      [1, 'E1', 'A1', 'u1', 'login'],
      [3, 'E3', 'A2', 'u1', 'login'],
    ]);
    expect(quarantined).toEqual([
      {
        file: 'events.jsonl',
        line: 2,
        column: 'account_id',
        reason_code: 'wrong_type',
        reason: `\`context.groupId\` (events.account_id) '{"id":"A1"}' is an object, not a single value: ${ID_ADVICE}`,
      },
    ]);
  });

  it('Parquet: a struct, list or true/false column feeding an id is wrong_type on each row with a value', async () => {
    const dir = await baseDataDirWith({});
    await mkdir(join(dir, 'events'));
    const writer = await Warehouse.open(':memory:');
    const columns = `'A1' as account_id, 'login' as event_name, '2024-03-01T10:00:00Z' as occurred_at`;
    try {
      await writer.exec(
        `copy (select event_id, 'u1' as user_id, ${columns} from (values (1, {'a': 1}), (2, NULL)) t(n, event_id) order by n)
           to '${dir}/events/a.parquet' (format parquet);
         copy (select 'E3' as event_id, ['u1'] as user_id, ${columns}) to '${dir}/events/b.parquet' (format parquet);
         copy (select 'E4' as event_id, true as user_id, ${columns}) to '${dir}/events/c.parquet' (format parquet)`,
      );
    } finally {
      await writer.close();
    }
    const { rows, quarantined } = await withIngested(dir, async ({ raw, quarantine }) => ({
      rows: (await raw<Record<string, unknown>>('events')).map((row) => [row._file, row._line, row.event_id]),
      quarantined: quarantineRows(await quarantine('events')),
    }));
    // The struct column's empty row loads: only values are judged.
    expect(rows).toEqual([['events/a.parquet', 2, null]]);
    expect(quarantined).toEqual([
      {
        file: 'events/a.parquet',
        line: 1,
        column: 'event_id',
        reason_code: 'wrong_type',
        reason: `event_id '{'a': 1}' is an object, not a single value: ${ID_ADVICE}`,
      },
      {
        file: 'events/b.parquet',
        line: 1,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `user_id '[u1]' is an array, not a single value: ${ID_ADVICE}`,
      },
      {
        file: 'events/c.parquet',
        line: 1,
        column: 'user_id',
        reason_code: 'wrong_type',
        reason: `user_id 'true' is a true/false value, not an id: ${ID_ADVICE}`,
      },
    ]);
  });
});

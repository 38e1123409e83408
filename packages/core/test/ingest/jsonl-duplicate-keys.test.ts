// A JSON Lines object that gives a column twice: DuckDB's `->>` read the first value, where JSON.parse,
// Python and jq read the last, and a second spelling of the column (`Account_ID` beside `account_id`)
// won or lost by which spelling came first in the file. Either way a silent choice of account.
import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

const line = (fields: string) =>
  `{"event_id":${fields},"user_id":"u1","event_name":"login","occurred_at":"2024-03-01T10:00:00Z"}`;

describe('a JSON Lines object that gives a column twice', () => {
  it('is a malformed_row at its line; spellings that vary between lines, and unknown keys, still read', async () => {
    const dir = await baseDataDirWith({
      'events.jsonl': [
        line('"E1","account_id":"A1","account_id":"A2"'),
        line('"E2","Account_ID":"A1","account_id":"A2"'),
        line('"E3","account_id":"A1"'),
        line('"E4","Account_ID":"A2"'),
        line('"E5","account_id":"A1","note":1,"NOTE":2'),
      ].join('\n'),
    });
    await withIngested(dir, async ({ raw, quarantine }) => {
      const rows = await raw<{ event_id: string; account_id: string; _line: number }>('events');
      expect(rows.map((row) => [row.event_id, row.account_id, row._line])).toEqual([
        ['E3', 'A1', 3],
        ['E4', 'A2', 4],
        ['E5', 'A1', 5],
      ]);
      const quarantined = await quarantine('events');
      expect(quarantined.map((row) => [row.line, row.reason_code, row.reason])).toEqual(
        [1, 2].map((n) => [
          n,
          'malformed_row',
          'the object gives a column more than once (a key repeated, or spelt two ways such as "account_id" ' +
            'and "Account_ID"), so its value is not known: keep one key per column',
        ]),
      );
    });
  });
});

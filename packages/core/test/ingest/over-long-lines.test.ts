import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

/**
 * A line longer than the 16 MB DuckDB's line reader accepts (a huge text field in one row) is that row's
 * problem, not the file's: the row is quarantined as malformed_row and every other row loads, on its
 * physical line. (An events file with such a row has a rejected record, so the one-read path hands it to
 * the same staged read.) The files are written at test time (17 MB lines), never committed.
 */
const LONG = 'x'.repeat(17_000_000);
const CSV_LIMIT = 'the row is longer than the limit of 2 MB';
const JSONL_LIMIT = 'the line is longer than the limit of 16 MB';

const account = (id: string, name = 'n', created = '2024-01-05T10:00:00Z') =>
  `${id},${name},${created},smb,emea,ads`;
const ticket = (id: string, channel = 'email') =>
  JSON.stringify({ ticket_id: id, account_id: 'A1', created_at: '2024-03-01T10:00:00Z', channel });

const files = {
  // Staged path (accounts have a unique key): a blank line, a quoted newline and a bad row after the long one.
  'accounts.csv': [
    'account_id,name,created_at,segment,region,acquisition_channel',
    account('A1', 'Acme'),
    account('A9', `"${LONG}"`),
    '',
    account('A3', 'n', 'yesterday'),
    account('A4', '"two\nlines"'),
    account('A5'),
    account('A2', 'Globex'),
    '',
  ].join('\n'),
  // Two long lines in a row, then a blank line.
  'tickets.jsonl': [ticket('T1'), ticket('T2', LONG), ticket('T3', LONG), '', ticket('T4'), ''].join('\n'),
};

describe('a line longer than 16 MB', () => {
  it('quarantines its row and loads every other row on its physical line (CSV and JSON lines)', async () => {
    const result = await withIngested(await baseDataDirWith(files), async ({ raw, quarantine, report }) => ({
      accounts: (await raw<{ account_id: string; _line: number }>('accounts')).map((row) => [
        row.account_id,
        row._line,
      ]),
      accountsQuarantined: (await quarantine('accounts')).map((row) => [
        row.line,
        row.reason_code,
        row.reason,
      ]),
      tickets: (await raw<{ ticket_id: string; _line: number }>('tickets')).map((row) => [
        row.ticket_id,
        row._line,
      ]),
      ticketsQuarantined: (await quarantine('tickets')).map((row) => [
        row.line,
        row.reason_code,
        row.reason,
        row.raw.startsWith('"{\\"ticket_id\\":\\"T'),
        row.raw.length < 20_000,
      ]),
      warnings: report.sources.flatMap((source) => source.warnings),
    }));
    expect(result).toEqual({
      accounts: [
        ['A1', 2],
        ['A4', 6],
        ['A5', 8],
        ['A2', 9],
      ],
      accountsQuarantined: [
        [3, 'malformed_row', CSV_LIMIT],
        [5, 'wrong_type', expect.stringContaining("created_at 'yesterday'")],
      ],
      tickets: [
        ['T1', 1],
        ['T4', 5],
      ],
      ticketsQuarantined: [
        [2, 'malformed_row', JSONL_LIMIT, true, true],
        [3, 'malformed_row', JSONL_LIMIT, true, true],
      ],
      warnings: [],
    });
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestFileError, Warehouse } from '../../src/index.js';
import { baseDataDirWith, ingest, withIngested } from './support/ingest-harness.js';

/**
 * Event files over 1 MiB are read a few per statement and their physical lines counted beside DuckDB's
 * read (physical-lines.ts): a file with a blank line, a multi-line record or an invalid record anywhere
 * (the last one included) must still put every row and every quarantine row on its physical line.
 */
const HEADER = 'account_id,user_id,event_name,occurred_at\n';
const ROWS = 30_000; // ~1.2 MB: over the small-file limit
const row = (user: string) => `A1,${user},login,2024-03-01T10:00:00Z\n`;
const name = (index: number, gz = false) => `events/big-${index}.csv${gz ? '.gz' : ''}`;

/** A big file: rows u<index>-0 … on lines 2 …, with `change` applied to the text of its records. */
function big(index: number, change: (records: string[]) => string[] = (records) => records): string {
  const records = Array.from({ length: ROWS }, (_, k) => row(`u${index}-${k}`));
  return HEADER + change(records).join('');
}

/**
 * Files before the tested ones in path order: in a transaction the first four big files are numbered
 * ahead (csv-direct-load.ts numberAhead), so the tested ones are read in their turn.
 */
const aheadFillers = () =>
  Object.fromEntries(Array.from({ length: 4 }, (_, index) => [`events/a-${index}.csv`, big(10 + index)]));

// A staged build ingests with no transaction: its big files past the first four are judged and inserted
// on the lanes themselves; otherwise they are numbered there into Parquet for one insert.
describe.each([
  { staged: false, mode: 'in a transaction' },
  { staged: true, mode: 'staged, inserted on the lanes' },
])('big event files ($mode)', ({ staged }) => {
  it('put every row and every rejected row on its physical line', async () => {
    const files: Record<string, string | Uint8Array> = {
      [name(0)]: big(0),
      // A blank line after record 100: records from 101 on are one line lower.
      [name(1)]: big(1, (records) => [...records.slice(0, 101), '\n', ...records.slice(101)]),
      // A value with a newline in record 5: later records are one line lower.
      [name(2)]: big(2, (records) => [
        ...records.slice(0, 5),
        'A1,u2-multi,"log\nin",2024-03-01T10:00:00Z\n',
        ...records.slice(5),
      ]),
      // The last record is invalid: nothing else in the file says so.
      [name(3)]: `${big(3)}A1,u3-bad,login,not-a-time\n`,
      // CRLF and gzip, blank line at the end only.
      [name(4, true)]: gzipSync(Buffer.from(`${big(4)}\n`.replaceAll('\n', '\r\n'))),
      // gzip with a blank line in the middle.
      [name(5, true)]: gzipSync(
        Buffer.from(big(5, (records) => [...records.slice(0, 7), '\n', ...records.slice(7)])),
      ),
    };
    const threads = await defaultThreads();
    await withIngested(
      await baseDataDirWith(files),
      async ({ raw, quarantine, warehouse }) => {
        // The lanes drop the insertion order for their own session only, and turn DuckDB's worker threads
        // off only while they insert: the warehouse keeps both.
        const [setting] = await warehouse.query<{ kept: boolean; threads: number }>(
          `select current_setting('preserve_insertion_order') as kept, current_setting('threads')::integer as threads`,
        );
        expect(setting).toEqual({ kept: true, threads });
        const rows = await raw<{ _file: string; _line: number; user_id: string }>('events');
        const at = new Map(rows.map((r) => [r.user_id, [r._file, r._line]]));
        expect(rows.filter((r) => r._file.startsWith('events/big-'))).toHaveLength(6 * ROWS + 1);
        for (const k of [0, 1, 29_999]) expect(at.get(`u0-${k}`)).toEqual([name(0), k + 2]);
        expect(at.get('u1-100')).toEqual([name(1), 102]);
        expect(at.get('u1-101')).toEqual([name(1), 104]);
        expect(at.get('u1-29999')).toEqual([name(1), 30_002]);
        expect(at.get('u2-4')).toEqual([name(2), 6]);
        expect(at.get('u2-multi')).toEqual([name(2), 7]);
        expect(at.get('u2-5')).toEqual([name(2), 9]);
        expect(at.get('u3-29999')).toEqual([name(3), 30_001]);
        expect(at.get('u4-29999')).toEqual([name(4, true), 30_001]);
        expect(at.get('u5-6')).toEqual([name(5, true), 8]);
        expect(at.get('u5-7')).toEqual([name(5, true), 10]);
        const rejected = await quarantine('events');
        expect(rejected.map((r) => [r.file, r.line, r.reason_code])).toEqual([
          [name(3), 30_002, 'wrong_type'],
        ]);
      },
      { staged },
    );
  });

  // Big files are read on side connections, one file per lane at a time (csv-direct-load.ts): numbered
  // there in a transaction, judged and inserted there when staged.
  it('a record DuckDB rejects in a big file is quarantined on its line, the rest loaded', async () => {
    const files = {
      ...aheadFillers(),
      [name(6)]: big(6, (records) => [
        ...records.slice(0, 9),
        'A1,u6-extra,login,2024-03-01T10:00:00Z,one too many\n',
        ...records.slice(9),
      ]),
      [name(7)]: big(7),
    };
    await withIngested(
      await baseDataDirWith(files),
      async ({ raw, quarantine }) => {
        const rows = await raw<{ _file: string; _line: number; user_id: string }>('events');
        const at = new Map(rows.map((r) => [r.user_id, [r._file, r._line]]));
        // Each row once: what a lane inserted of the file before its reject showed was taken out again.
        expect(rows.filter((r) => r._file === name(6))).toHaveLength(ROWS);
        expect(rows.filter((r) => r._file === name(7))).toHaveLength(ROWS);
        expect(at.get('u6-8')).toEqual([name(6), 10]);
        expect(at.get('u6-9')).toEqual([name(6), 12]);
        expect(at.get('u7-29999')).toEqual([name(7), 30_001]);
        const rejected = await quarantine('events');
        expect(rejected.map((r) => [r.file, r.line, r.reason_code])).toEqual([
          [name(6), 11, 'malformed_row'],
        ]);
      },
      { staged },
    );
  });

  it('of big gzip parts, the first that cannot be read is the file named', async () => {
    // Random user ids, so each part stays over 1 MiB compressed (a big file).
    const part = () =>
      gzipSync(HEADER + Array.from({ length: 60_000 }, () => row(randomBytes(16).toString('hex'))).join(''));
    const whole = part();
    expect(whole.length).toBeGreaterThan(1 << 20);
    const truncated = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const dir = await baseDataDirWith({
      ...aheadFillers(),
      'events/part-0.csv.gz': whole,
      'events/part-1.csv.gz': truncated(part()),
      'events/part-2.csv.gz': truncated(part()),
    });
    const error = await ingest(dir, { staged }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as IngestFileError).message).toContain('events/part-1.csv.gz');
    expect((error as IngestFileError).message).not.toContain('part-2');
  });

  // The first big files of events are numbered while accounts, subscriptions and invoices are ingested
  // (csv-direct-load.ts numberAhead): what was numbered ahead is used once, and never left behind.
  it('numbered ahead of their turn, they leave no numbered file behind, loaded or not', async () => {
    const numberedFiles = () =>
      readdirSync(tmpdir()).filter((file) => file.startsWith(`pulse-numbered-${process.pid}-`));
    const events = { [name(8)]: big(8), [name(9, true)]: gzipSync(big(9)) };
    await withIngested(
      await baseDataDirWith(events),
      async ({ raw }) => {
        const rows = await raw<{ _file: string; _line: number; user_id: string }>('events');
        expect(rows.filter((r) => r._file.startsWith('events/big-'))).toHaveLength(2 * ROWS);
        expect(new Map(rows.map((r) => [r.user_id, r._line])).get('u9-29999')).toBe(30_001);
      },
      { staged },
    );
    expect(numberedFiles()).toEqual([]);
    // A source before events fails: the events numbered meanwhile are deleted too.
    const broken = await baseDataDirWith({ ...events, 'subscriptions.csv': 'subscription_id\nS1\n' });
    await expect(ingest(broken, { staged })).rejects.toThrow(IngestFileError);
    expect(numberedFiles()).toEqual([]);
  });
});

/** DuckDB's thread count in a new warehouse, before any ingestion touched the setting. */
async function defaultThreads(): Promise<number> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    const [row] = await warehouse.query<{ threads: number }>(
      `select current_setting('threads')::integer as threads`,
    );
    return row!.threads;
  } finally {
    await warehouse.close();
  }
}

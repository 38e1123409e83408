import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

/**
 * `line` is the physical line (header = 1) where a record starts, whatever sits before it: quoted
 * newlines, blank lines, CRLF, a BOM, malformed records. Each case lists the expected loaded lines and
 * quarantined lines of accounts.csv.
 */
const HEADER = 'account_id,name,created_at,segment,region,acquisition_channel';
const ok = (id: string, name = 'n') => `${id},${name},2024-01-05T10:00:00Z,smb,emea,ads`;
const badTimestamp = (id: string) => `${id},n,yesterday,smb,emea,ads`;

async function linesOf(content: string | Uint8Array) {
  return withIngested(
    await baseDataDirWith({ 'accounts.csv': content }),
    async ({ raw, quarantine, report }) => {
      const accounts = report.sources.find((source) => source.name === 'accounts')!;
      return {
        loaded: (await raw<{ account_id: string; _line: number }>('accounts')).map((row) => [
          row.account_id,
          row._line,
        ]),
        quarantined: (await quarantine('accounts')).map((row) => [row.line, row.reason_code]),
        warnings: accounts.warnings,
        read: accounts.rowsRead,
      };
    },
  );
}

describe('physical line numbers of CSV records', () => {
  it('counts CRLF lines, quoted CRLF newlines and blank CRLF lines', async () => {
    const file = [HEADER, ok('A1', '"two\r\nlines"'), '', ok('A2'), badTimestamp('A3'), ''].join('\r\n');
    expect(await linesOf(file)).toMatchObject({
      loaded: [
        ['A1', 2],
        ['A2', 5],
      ],
      quarantined: [[6, 'wrong_type']],
      warnings: [],
    });
  });

  it('skips a UTF-8 BOM and blank lines before the header', async () => {
    const file = `\uFEFF\n\n${HEADER}\n${ok('A1')}\n${badTimestamp('A2')}\n`;
    expect(await linesOf(file)).toMatchObject({ loaded: [['A1', 4]], quarantined: [[5, 'wrong_type']] });
  });

  it('reads old Mac (CR-only) line endings', async () => {
    const file = [HEADER, ok('A1', '"a\rb"'), badTimestamp('A2'), ok('A3')].join('\r');
    expect(await linesOf(file)).toMatchObject({
      loaded: [
        ['A1', 2],
        ['A3', 5],
      ],
      quarantined: [[4, 'wrong_type']],
    });
  });

  it('quarantines records with too few or too many fields as malformed_row (DuckDB tolerates one empty trailing field)', async () => {
    const file = [
      HEADER,
      ok('A1'),
      'A2,only,three',
      `${ok('A3')},`,
      `${ok('A4', '"spans\ntwo lines"')},extra`,
      badTimestamp('A5'),
      ok('A6'),
      '',
    ].join('\n');
    expect(await linesOf(file)).toEqual({
      loaded: [
        ['A1', 2],
        ['A3', 4],
        ['A6', 8],
      ],
      quarantined: [
        [3, 'malformed_row'],
        [5, 'malformed_row'],
        [7, 'wrong_type'],
      ],
      warnings: [],
      read: 6,
    });
  });

  it('reads a quote inside an unquoted value as text, as DuckDB does, without losing count', async () => {
    const file = [
      HEADER,
      ok('A1', '5" screen'),
      '',
      badTimestamp('A2'),
      ok('A3', 'x""y'),
      badTimestamp('A4'),
      '',
    ].join('\n');
    expect(await linesOf(file)).toMatchObject({
      loaded: [
        ['A1', 2],
        ['A3', 5],
      ],
      quarantined: [
        [4, 'wrong_type'],
        [6, 'wrong_type'],
      ],
      warnings: [],
    });
  });

  it('quarantines a record longer than the 2 MB line limit and counts on after it', async () => {
    const file = [HEADER, ok('A1'), ok('A2', 'x'.repeat(2_100_000)), badTimestamp('A3'), ok('A4'), ''].join(
      '\n',
    );
    const result = await linesOf(file);
    expect(result).toMatchObject({
      loaded: [
        ['A1', 2],
        ['A4', 5],
      ],
      quarantined: [
        [3, 'malformed_row'],
        [4, 'wrong_type'],
      ],
    });
  });

  it('keeps the nothing-lost count when a quote is never closed (the rest of the file is one value)', async () => {
    const file = [
      HEADER,
      ok('A1'),
      badTimestamp('A2'),
      'A3,"never closed,2024-01-05T10:00:00Z,smb,emea,ads',
      ok('A4'),
      '',
    ].join('\n');
    const result = await linesOf(file);
    expect(result.loaded).toEqual([['A1', 2]]);
    expect(result.quarantined).toEqual([
      [3, 'wrong_type'],
      [4, 'malformed_row'],
    ]);
    expect(result.read).toBe(3);
  });

  // The record's raw text is cut short and the summary counted it as one row, so the lines it swallowed
  // (here 3 good rows) were named nowhere: its reason now gives the span.
  it('names the lines a quote left open read into one record, up to where a later quote closes it', async () => {
    const file = [
      HEADER,
      ok('A1'),
      'A2,"never closed,2024-01-05T10:00:00Z,smb,emea,ads',
      ok('A3'),
      ok('A4'),
      ok('A5'),
      'A6,"Acme, Inc",2024-01-05T10:00:00Z,smb,emea,ads',
      ok('A7'),
      '',
    ].join('\n');
    const reasons = await withIngested(await baseDataDirWith({ 'accounts.csv': file }), ({ quarantine }) =>
      quarantine('accounts').then((rows) => rows.map((row) => [row.line, row.reason])),
    );
    expect(reasons).toEqual([
      [
        3,
        'a quoted value is not closed, or is followed by other text: write a quote inside a quoted value ' +
          'as "" (lines 3–7, 5 lines, were read as this one record)',
      ],
    ]);
  });

  it('falls back to estimated line numbers, with a warning, when DuckDB and RFC 4180 disagree', async () => {
    // \x01 inside a quoted value hides the closing quote from the line reader (it splits on \x01).
    const file = [HEADER, ok('A1', '"a\x01b"'), '', ok('A2'), badTimestamp('A3'), ''].join('\n');
    const result = await linesOf(file);
    expect(result.warnings).toEqual([
      'accounts.csv: line numbers after the first malformed or blank line are approximate (the file uses quoting that DuckDB reads differently from RFC 4180)',
    ]);
    expect(result.read).toBe(3);
    expect(result.loaded.map(([id]) => id)).toEqual(['A1', 'A2']);
  });
});

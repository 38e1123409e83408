import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

const HEADER = 'invoice_id,account_id,issued_at,amount,currency,status';
const CSV = `${HEADER}\nI1,A1,2024-02-05T10:00:00Z,49.90,usd,paid\nI2,A1,2024-03-05T10:00:00+01:00,-10,USD,refunded\nI3,A1,2024-03-06,oops,USD,paid\n`;

/** The rows every format must load (lineage aside) and the quarantined row. */
const EXPECTED_ROWS = [
  {
    invoice_id: 'I1',
    account_id: 'A1',
    issued_at: new Date('2024-02-05T10:00:00Z'),
    amount: 49.9,
    currency: 'USD',
    status: 'paid',
  },
  {
    invoice_id: 'I2',
    account_id: 'A1',
    issued_at: new Date('2024-03-05T09:00:00Z'),
    amount: -10,
    currency: 'USD',
    status: 'refunded',
  },
];

async function invoicesOf(files: Record<string, string | Uint8Array>) {
  return withIngested(await baseDataDirWith(files), async ({ raw, quarantine, report }) => ({
    rows: (await raw<Record<string, unknown>>('invoices')).map(({ _file, ...row }) => row),
    quarantined: (await quarantine('invoices')).map(({ file, line, column, reason_code }) => ({
      file,
      line,
      column,
      reason_code,
    })),
    files: report.sources.find((source) => source.name === 'invoices')!.files,
  }));
}

describe('formats', () => {
  it('.csv', async () => {
    const result = await invoicesOf({ 'invoices.csv': CSV });
    expect(result.rows).toEqual(EXPECTED_ROWS.map((row, index) => ({ ...row, _line: index + 2 })));
    expect(result.quarantined).toEqual([
      { file: 'invoices.csv', line: 4, column: 'amount', reason_code: 'wrong_type' },
    ]);
  });

  it('.csv.gz, with an upper-case extension', async () => {
    const result = await invoicesOf({ 'invoices.CSV.GZ': gzipSync(CSV) });
    expect(result.files).toEqual(['invoices.CSV.GZ']);
    expect(result.rows).toEqual(EXPECTED_ROWS.map((row, index) => ({ ...row, _line: index + 2 })));
    expect(result.quarantined).toEqual([
      { file: 'invoices.CSV.GZ', line: 4, column: 'amount', reason_code: 'wrong_type' },
    ]);
  });

  it('.parquet written by DuckDB COPY, typed columns included (line = 1-based row index)', async () => {
    const dir = await baseDataDirWith({});
    const writer = await Warehouse.open(':memory:');
    try {
      // Native types: the reader must turn TIMESTAMP/DOUBLE back into contract values, and ids stay text.
      await writer.exec(
        `copy (select * from (values
           ('I1', 'A1', timestamp '2024-02-05 10:00:00', 49.9::double, 'usd', 'paid'),
           ('I2', 'A1', timestamp '2024-03-05 09:00:00', -10::double, 'USD', 'refunded'),
           ('I3', 'A1', timestamp '2024-03-06 00:00:00', NULL, 'USD', 'paid'))
           t("Invoice_ID", account_id, issued_at, amount, currency, status))
         to '${dir}/invoices.parquet' (format parquet)`,
      );
    } finally {
      await writer.close();
    }
    await withIngested(dir, async ({ raw, quarantine }) => {
      const rows = (await raw<Record<string, unknown>>('invoices')).map(({ _file, ...row }) => row);
      expect(rows).toEqual(EXPECTED_ROWS.map((row, index) => ({ ...row, _line: index + 1 })));
      const [row] = await quarantine('invoices');
      expect(row).toMatchObject({
        file: 'invoices.parquet',
        line: 3,
        column: 'amount',
        reason_code: 'missing_required',
      });
      expect(JSON.parse(row!.raw)).toMatchObject({
        Invoice_ID: 'I3',
        issued_at: '2024-03-06 00:00:00',
        amount: null,
      });
    });
  });

  for (const extension of ['jsonl', 'ndjson', 'jsonl.gz', 'ndjson.gz']) {
    it(`.${extension}: physical lines, JSON numbers read as text, bad lines quarantined`, async () => {
      const lines = [
        '{"invoice_id": "I1", "account_id": "A1", "issued_at": "2024-02-05T10:00:00Z", "amount": 49.90, "currency": "usd", "status": "paid"}',
        '',
        '{"Invoice_ID": "I2", "account_id": "A1", "issued_at": "2024-03-05T10:00:00+01:00", "amount": -10, "currency": "USD", "status": "refunded", "extra": {"a": 1}}',
        '{"invoice_id": "I3", "account_id": "A1", "issued_at": "2024-03-06", "amount": "oops", "currency": "USD", "status": "paid"}',
        '{"invoice_id": "I4", "account_id": ',
        '[1, 2]',
      ];
      const text = `${lines.join('\n')}\n`;
      const result = await invoicesOf({
        [`invoices.${extension}`]: extension.endsWith('.gz') ? gzipSync(text) : text,
      });
      expect(result.rows).toEqual([
        { ...EXPECTED_ROWS[0], _line: 1 },
        { ...EXPECTED_ROWS[1], _line: 3 },
      ]);
      const file = `invoices.${extension}`;
      expect(result.quarantined).toEqual([
        { file, line: 4, column: 'amount', reason_code: 'wrong_type' },
        { file, line: 5, column: null, reason_code: 'malformed_row' },
        { file, line: 6, column: null, reason_code: 'malformed_row' },
      ]);
    });
  }

  it('.jsonl: physical lines whatever the line endings (LF then CRLF, CRLF then LF, lone CR)', async () => {
    const [i1, i2, i3] = [
      '{"invoice_id": "I1", "account_id": "A1", "issued_at": "2024-02-05T10:00:00Z", "amount": 49.90, "currency": "usd", "status": "paid"}',
      '{"invoice_id": "I2", "account_id": "A1", "issued_at": "2024-03-05T10:00:00+01:00", "amount": -10, "currency": "USD", "status": "refunded"}',
      '{"invoice_id": "I3", "account_id": "A1", "issued_at": "2024-03-06", "amount": "oops", "currency": "USD", "status": "paid"}',
    ];
    const layouts = {
      // An export appended to by two tools: DuckDB took the first line's LF as the file's line break and
      // read each CRLF as a line and a blank one, so every line after one was numbered too high.
      'lf-then-crlf.jsonl': `${i1}\n\r\n${i2}\r\n${i3}\n`,
      'crlf-then-lf.jsonl': `${i1}\r\n\n${i2}\n${i3}\r\n`,
      'lone-cr.jsonl': `${i1}\r\r${i2}\r${i3}\r`,
    };
    for (const [name, text] of Object.entries(layouts)) {
      for (const bytes of [text, gzipSync(text)]) {
        const file = `invoices/${typeof bytes === 'string' ? name : `${name}.gz`}`;
        const result = await invoicesOf({ [file]: bytes });
        expect(result.rows, file).toEqual([
          { ...EXPECTED_ROWS[0], _line: 1 },
          { ...EXPECTED_ROWS[1], _line: 3 },
        ]);
        expect(result.quarantined, file).toEqual([
          { file, line: 4, column: 'amount', reason_code: 'wrong_type' },
        ]);
      }
    }
  });

  it('.jsonl: a line that is JSON but not an object says what it is in plain words, no DuckDB type name', async () => {
    const lines = [
      '{"invoice_id": "I1", "account_id": "A1", "issued_at": "2024-02-05T10:00:00Z", "amount": 49.90, "currency": "usd", "status": "paid"}',
      '"I2"',
      '42',
      '18446744073709551615',
      '-1.5',
      'true',
      'null',
      '[1, 2]',
      '{"invoice_id": ',
    ];
    const reasons = await withIngested(
      await baseDataDirWith({ 'invoices.jsonl': `${lines.join('\n')}\n` }),
      async ({ quarantine }) => (await quarantine('invoices')).map((row) => [row.line, row.reason]),
    );
    const notAnObject = (what: string) =>
      `the line is ${what}, not a JSON object: write each row as one object on its own line, e.g. {"invoice_id": ...}`;
    expect(reasons).toEqual([
      [2, notAnObject('a string')],
      [3, notAnObject('a number')],
      [4, notAnObject('a number')],
      [5, notAnObject('a number')],
      [6, notAnObject('a true/false value')],
      [7, notAnObject('null')],
      [8, notAnObject('an array')],
      [
        9,
        'the line is not valid JSON: write each row as one object on its own line, e.g. {"invoice_id": ...}',
      ],
    ]);
  });

  it('reads a folder mixing formats, each file with its own column order', async () => {
    const result = await invoicesOf({
      'invoices/a.csv': `${HEADER}\nI1,A1,2024-02-05T10:00:00Z,49.90,usd,paid\n`,
      'invoices/b.jsonl':
        '{"status": "refunded", "invoice_id": "I2", "account_id": "A1", "issued_at": "2024-03-05T09:00:00Z", "amount": -10, "currency": "USD"}\n',
    });
    expect(result.files).toEqual(['invoices/a.csv', 'invoices/b.jsonl']);
    expect(result.rows).toEqual([
      { ...EXPECTED_ROWS[0], _line: 2 },
      { ...EXPECTED_ROWS[1], _line: 1 },
    ]);
  });
});

import { type CsvHeader, readCsvHeader } from './csv-header.js';
import { recordLines } from './csv-line-numbers.js';
import { heldValues } from './empty-unless.js';
import { mapHeader } from './header-mapping.js';
import { IngestFileError } from './ingest-errors.js';
import { countPhysicalLines, outcomeOf } from './physical-lines.js';
import { leftOutColumn } from './rows-left-out.js';
import { readByRule } from './rule-columns.js';
import { readerPath } from './sql-text.js';
import {
  type FileReadContext,
  jsonObjectOf,
  mappedValues,
  queryOnFile,
  runOnFile,
  type StagedFile,
  stagingSelectList,
  vendorColumnOf,
} from './staged-file.js';

export const CSV_ADVICE =
  'Check that the file is a comma-separated UTF-8 CSV with a header row, RFC 4180 quoting and one kind of line ending.';

/** DuckDB's default; a longer record is quarantined as malformed_row rather than read. */
const MAX_LINE_BYTES = 2_000_000;
/**
 * The line reader must get past lines the main reader rejected for their length. DuckDB sizes its read
 * buffers from this limit (64 MB asks for 1 GiB blocks), so it stays modest: a longer line is a file error.
 */
const LINE_READER_MAX_BYTES = 8 * MAX_LINE_BYTES;

/**
 * Reads a CSV file with every column as VARCHAR (so `00042` stays `00042`) in DuckDB's strict RFC 4180
 * mode; records that cannot be split into the header's columns land in a rejects table and become
 * `malformed_row` rows. Each record gets its physical first line (see csv-line-numbers.ts).
 */
export async function stageCsvFile(context: FileReadContext): Promise<StagedFile> {
  const header = await readCsvHeader(context.file);
  // DuckDB reads a truncated gzip file up to the damage without a word: one the header read did not
  // inflate whole is inflated here, beside DuckDB's read (physical-lines.ts throws if it fails).
  const inflated =
    context.file.gzip && header.physicalLines === undefined
      ? outcomeOf(countPhysicalLines(context.file))
      : undefined;
  const mapping = mapHeader(context.file.relativePath, header.names, context.source);
  const rows = context.tempName('csv');
  const rejectLog = context.tempName('csv_reject_log');
  const rejects = context.tempName('csv_rejects');
  const tempTables = [rows, rejectLog, context.tempName('csv_reject_scans'), rejects];
  const columns = header.names.map((_, index) => `c${index}`);
  const newline = header.newline === '\r' ? 'chr(13)' : 'chr(10)';
  const embeddedNewlines = columns.length
    ? columns
        .map(
          (c) =>
            `(case when contains(${c}, ${newline}) then strlen(${c}) - strlen(replace(${c}, ${newline}, '')) else 0 end)`,
        )
        .join(' + ')
    : '0';
  await runOnFile(
    context,
    `create temp table ${rows} as
     select ${[...columns, ''].join(', ')} ordinality - 1 as _k, (${embeddedNewlines})::BIGINT as _nl
     from read_csv(${readerPath(context.file.path)}, ${readerOptions(context, header, columns)},
                   store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${tempTables[2]}')
          with ordinality`,
    CSV_ADVICE,
  );
  const inflation = await inflated;
  if (inflation && 'error' in inflation) throw inflation.error;
  await collectRejects(context, rejectLog, rejects, header);
  const [counts] = await queryOnFile<{ loaded: number; newlines: number; rejected: number }>(
    context,
    `select (select count(*) from ${rows}) as loaded, (select coalesce(sum(_nl), 0) from ${rows}) as newlines,
            (select count(*) from ${rejects}) as rejected`,
    CSV_ADVICE,
  );
  const { loaded, newlines, rejected } = counts!;
  const lineReader = lineReaderOf(context, header);
  const warnings: string[] = [];
  let lines: { loaded: string; rejected: string } | undefined;
  if (rejected > 0 || !(await linesMatchRecords(context, lineReader, header, loaded + newlines))) {
    const exact = await recordLines(
      context,
      header,
      (lineRejects) => lineReaderOf(context, header, undefined, lineRejects),
      rejects,
      loaded,
    );
    if (exact) {
      tempTables.push(...exact.tempTables);
      lines = { loaded: exact.loaded, rejected: exact.byOrdinal };
    } else {
      warnings.push(
        `${context.file.relativePath}: line numbers after the first malformed or blank line are approximate ` +
          '(the file uses quoting that DuckDB reads differently from RFC 4180)',
      );
    }
  }
  const mappedValue = mappedValues(mapping, (index) => `t.c${index}`);
  const exportValue = vendorColumnOf(header.names, (index) => `t.c${index}`);
  const { columnValue } = heldValues(context.source, context.file.relativePath, mappedValue, exportValue);
  const leftOut = leftOutColumn(context.source, exportValue);
  const loadedSelect = lines
    ? `select ${stagingSelectList(context, { row: 't._k', line: 'm._line', leftOut: leftOut.expression }, columnValue)}
       from ${rows} t left join ${lines.loaded} m on m._row = t._k`
    : `select ${stagingSelectList(context, { row: 't._k', line: estimatedLine(header, newlines), leftOut: leftOut.expression }, columnValue)}
       from ${rows} t`;
  const rejectedRow = { row: 'NULL', malformed: 'r.reason', rawText: 'r.csv_line' };
  // A record over several lines says so: an unclosed quote reads every line up to the next quote into
  // one record, and its lines are in no other row (its raw text is cut short).
  const spannedLines = `case when m._last_line > m._line then r.reason || ' (lines ' || m._line || '–' ||
    m._last_line || ', ' || (m._last_line - m._line + 1) || ' lines, were read as this one record)' else r.reason end`;
  const rejectedSelect = lines
    ? `select ${stagingSelectList(context, { ...rejectedRow, malformed: spannedLines, line: 'm._line' }, () => undefined)}
       from ${rejects} r left join ${lines.rejected} m on m.ordinal = r.ordinal`
    : `select ${stagingSelectList(context, { ...rejectedRow, line: 'r.ordinal' }, () => undefined)} from ${rejects} r`;
  return {
    select: `${loadedSelect}\nunion all\n${rejectedSelect}`,
    originals: {
      relation: `(select _k as _row, * from ${rows})`,
      rawJson: jsonObjectOf(header.names, (index) => `o.c${index}`),
    },
    tempTables,
    unknownColumns: mapping.unknown.filter((name) => !readByRule(context.source, name)),
    rulesWithoutColumn: leftOut.missing,
    warnings,
  };
}

export function readerOptions(
  context: FileReadContext,
  header: CsvHeader,
  columns: readonly string[],
): string {
  const options = [
    compressionOption(context),
    `columns = {${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`,
    'header = true',
    `skip = ${header.leadingBlankLines}`,
    'auto_detect = false',
    `delim = ','`,
    `quote = '"'`,
    `escape = '"'`,
    'all_varchar = true',
    // Strict: a record with too many fields is rejected instead of silently losing its extra values.
    'strict_mode = true',
    `max_line_size = ${MAX_LINE_BYTES}`,
  ];
  // No `new_line`: DuckDB 1.5 mis-reads quoted CRLF newlines when told new_line = '\r\n'; its own
  // detection gets CRLF, LF and CR files right.
  return options.join(', ');
}

/**
 * Each physical line of the file as one VARCHAR `l` (NULL for a blank line), in file order. `\r\n` as
 * new_line makes DuckDB end a line at `\r\n` or at a lone `\n`, so LF, CRLF and mixed files (Excel: CRLF
 * rows, LF inside quoted cells) count lines as editors do; left to detect `\n`, it would count the `\r`
 * of a stray CRLF as a line of its own. CR-only files need `\r`.
 */
export function lineReaderOf(
  context: FileReadContext,
  header: CsvHeader,
  /** Several files with the same layout at once (a DuckDB list), each line tagged with its `filename`. */
  files?: readonly string[],
  /** Where lines over the limit go (line-table.ts) instead of failing the read. */
  rejects?: string,
): string {
  const what = files ? `[${files.map(readerPath).join(', ')}]` : readerPath(context.file.path);
  // \x01 as delimiter and no quoting: a line is never split (a line holding \x01 is cut, which at worst
  // makes the automaton disagree with DuckDB, and line numbers fall back to estimates). Not parallel:
  // DuckDB 1.5's parallel reader refuses this configuration on large files ("does not support a full
  // read on this file"), and a serial line count is fast (2.5M gzipped lines in 0.6 s).
  return `read_csv(${what}, columns = {'l': 'VARCHAR'}, header = false, parallel = false,${files ? ' filename = true,' : ''}
                   auto_detect = false, delim = '\x01', quote = '', escape = '', strict_mode = false,
                   all_varchar = true, max_line_size = ${LINE_READER_MAX_BYTES}, ${compressionOption(context)},
                   new_line = '${header.newline === '\r' ? '\\r' : '\\r\\n'}'${rejects ? `, ${rejects}` : ''})`;
}

/** Explicit: DuckDB only recognises a lower-case `.gz` by itself. */
function compressionOption(context: FileReadContext): string {
  return `compression = '${context.file.gzip ? 'gzip' : 'none'}'`;
}

/**
 * True when the file has exactly as many physical lines as the header and the records account for: no
 * blank line anywhere, so line = header lines + 1 + record index + newlines inside earlier records.
 */
async function linesMatchRecords(
  context: FileReadContext,
  lineReader: string,
  header: CsvHeader,
  recordLines: number,
): Promise<boolean> {
  const [result] = await queryOnFile<{ lines: number }>(
    context,
    `select count(*) as lines from ${lineReader}`,
    CSV_ADVICE,
  );
  return result?.lines === header.linesBeforeData + recordLines;
}

function estimatedLine(header: CsvHeader, newlines: number): string {
  const before =
    newlines === 0
      ? '0'
      : 'coalesce(sum(t._nl) over (order by t._k rows between unbounded preceding and 1 preceding), 0)';
  return `${header.linesBeforeData} + 1 + t._k + ${before}`;
}

/**
 * One row per rejected record (DuckDB may log two errors for one record), with a human reason.
 * A record that is not UTF-8 fails the whole file: the contract treats encoding as a file error.
 */
async function collectRejects(
  context: FileReadContext,
  rejectLog: string,
  rejects: string,
  header: CsvHeader,
): Promise<void> {
  const expected = header.names.length;
  await context.warehouse.exec(
    `create temp table ${rejects} as
     select line::BIGINT as ordinal,
            arg_min(error_type::VARCHAR, byte_position) as error_type,
            arg_min(error_message, byte_position) as error_message,
            ltrim(arg_min(csv_line, byte_position), chr(13) || chr(10)) as csv_line
     from ${rejectLog} group by line`,
  );
  const [encoding] = await context.warehouse.query<{ ordinal: number }>(
    `select ordinal from ${rejects} where error_type = 'INVALID ENCODING' order by ordinal limit 1`,
  );
  if (encoding) {
    throw new IngestFileError(
      context.file.relativePath,
      `the file is not valid UTF-8 (first bad record near line ${encoding.ordinal}); ` +
        're-export it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in > out).',
    );
  }
  const fields = `coalesce(regexp_extract(error_message, 'Found: (\\d+)', 1), '?')`;
  await context.warehouse.exec(
    `alter table ${rejects} add column reason VARCHAR;
     update ${rejects} set reason = case error_type
       when 'MISSING COLUMNS' then 'the row has only ' || ${fields} || ' fields but the header has ${expected}'
       when 'TOO MANY COLUMNS' then 'the row has more fields than the header''s ${expected}: quote values that contain commas'
       when 'UNQUOTED VALUE' then 'a quoted value is not closed, or is followed by other text: write a quote inside a quoted value as ""'
       when 'LINE SIZE OVER MAXIMUM' then 'the row is longer than the limit of ${MAX_LINE_BYTES / 1_000_000} MB'
       else 'the row cannot be read as CSV: ' || error_message end`,
  );
}

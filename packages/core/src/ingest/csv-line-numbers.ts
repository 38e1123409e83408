import type { CsvHeader } from './csv-header.js';
import { createLineTable } from './line-table.js';
import { sqlString } from './sql-text.js';
import { type FileReadContext, queryOnFile } from './staged-file.js';

/**
 * Physical line numbers of CSV records, computed in DuckDB.
 *
 * DuckDB's CSV reader numbers records, not lines: its reject `line` counts the header, every record and
 * every blank line between records, but not the newlines inside quoted values, and blank lines leave no
 * trace among the rows read. So for a file with blank lines or rejected records we read it a second time
 * as plain lines and find where each record starts with a two-state automaton (inside / outside a quoted
 * value) evaluated by window functions: each line maps the state at its start to the state at its end
 * (identity, flip, or a constant), and composing those maps over the preceding lines gives the state at
 * the start of every line. A line that starts outside quotes and is not blank starts a record.
 * Composition uses running sums and per-segment first values only (O(n log n)); `last_value(... ignore
 * nulls)` over an unbounded frame, the obvious formulation, is quadratic in DuckDB when the file has no quotes.
 */

/** A quoted field, or an unquoted one (which DuckDB reads leniently: a quote after its first byte is text). */
const FIELD = `(?:"(?:[^"]|"")*"|(?:[^",][^,]*)?)`;
/** A quoted field opened on this line and still open at its end. */
const OPEN_TAIL = `"(?:[^"]|"")*`;
/** Text inside a quoted field. */
const INSIDE = `(?:[^"]|"")*`;
/** Outside → outside: the line is whole records' worth of fields. */
const OUTSIDE_TO_OUTSIDE = `${FIELD}(?:,${FIELD})*`;
/** Outside → inside: fields, then a quoted field left open. */
const OUTSIDE_TO_INSIDE = `(?:${FIELD},)*${OPEN_TAIL}`;
/** Inside → outside: the open field closes, then complete fields. */
const INSIDE_TO_OUTSIDE = `${INSIDE}"(?:,${FIELD})*`;
/** Inside → inside: still in the field, or it closes and another one opens. */
const INSIDE_TO_INSIDE = `${INSIDE}(?:"(?:,${FIELD})*,${OPEN_TAIL})?`;

export interface RecordLines {
  /** Relation `(_row, _line)`: the physical first line of the k-th record DuckDB loaded (`_k`). */
  readonly loaded: string;
  /**
   * Relation `(ordinal, _line, _last_line)`: the physical first and last line of each DuckDB record
   * ordinal (reject `line`). A record runs to the line before the next one starts, or to the file's end.
   */
  readonly byOrdinal: string;
  readonly tempTables: readonly string[];
}

/**
 * Maps DuckDB's records to physical lines, or returns undefined when the automaton and DuckDB disagree
 * (a file DuckDB reads in a way RFC 4180 does not describe) so the caller falls back to estimates.
 * Nothing here may fail and be caught: a failed statement aborts the ingestion's transaction.
 */
export async function recordLines(
  context: FileReadContext,
  header: CsvHeader,
  /** The file's lines (read-csv-file.ts lineReaderOf), given the options that store its rejects. */
  lineReader: (rejects: string) => string,
  rejects: string,
  loadedRows: number,
): Promise<RecordLines | undefined> {
  const lines = context.tempName('csv_lines');
  const starts = context.tempName('csv_starts');
  const loaded = context.tempName('csv_loaded_lines');
  const tempTables = [lines, starts, loaded];
  const advice = 'Check that the file is a comma-separated UTF-8 CSV.';
  // A failure here is a file error (bytes that are not UTF-8 inside a record DuckDB rejected for its
  // length): ingestion runs in a transaction, which any failed statement aborts. A line over the line
  // reader's limit is a row with `over_long` (DuckDB rejected its record too).
  await createLineTable(context, { table: lines, reader: lineReader, advice });
  await context.warehouse.exec(`create temp table ${starts} as ${recordStartsSql(lines)}`);
  await context.warehouse.exec(
    `create temp table ${loaded} as
     select (row_number() over (order by s.n) - 1)::BIGINT as _row, s.n as _line
     from ${starts} s
     where not s.blank and s.n > ${header.linesBeforeData}
       and not exists (select 1 from ${rejects} r where r.ordinal = s.ordinal)`,
  );
  const [check] = await queryOnFile<{ loaded: number; rejected: number; rejectedFound: number }>(
    context,
    `select (select count(*) from ${loaded}) as loaded,
            (select count(*) from ${rejects}) as rejected,
            (select count(*) from ${rejects} r join ${starts} s on s.ordinal = r.ordinal
              where not s.blank and s.n > ${header.linesBeforeData}) as "rejectedFound"`,
    advice,
  );
  if (!check || check.loaded !== loadedRows || check.rejectedFound !== check.rejected) {
    for (const table of tempTables) await context.warehouse.exec(`drop table if exists ${table}`);
    return undefined;
  }
  const [end] = await context.warehouse.query<{ last: number | null }>(`select max(n) as last from ${lines}`);
  await context.warehouse.exec(`drop table ${lines}`);
  return {
    loaded,
    byOrdinal: `(select ordinal, n as _line,
                   coalesce(lead(n) over (order by n) - 1, ${Number(end?.last ?? 0)}) as _last_line from ${starts})`,
    tempTables: [starts, loaded],
  };
}

/** Lines that start outside a quoted value (blank ones included), with DuckDB's ordinal numbering. */
function recordStartsSql(lines: string): string {
  const matches = (pattern: string) => `regexp_full_match(l, ${sqlString(pattern)})`;
  // State at the end of a line (0 outside, 1 inside a quoted value), for each state at its start.
  // A line DuckDB cannot parse ends its record: DuckDB resumes at the next line. A line too long to be
  // read here (only its start is known) is taken to end its record: right for a record on one line,
  // the usual shape of one huge field.
  const fromOutside = `case when over_long then 0 when l is null or not contains(l, '"') then 0
                            when ${matches(OUTSIDE_TO_OUTSIDE)} then 0
                            when ${matches(OUTSIDE_TO_INSIDE)} then 1 else 0 end`;
  const fromInside = `case when over_long then 0 when l is null or not contains(l, '"') then 1
                           when ${matches(INSIDE_TO_OUTSIDE)} then 0
                           when ${matches(INSIDE_TO_INSIDE)} then 1 else 0 end`;
  return `
    with maps as (
      select n, l is null and not over_long as blank, ${fromOutside} as f0, ${fromInside} as f1 from ${lines}
    ), running as (
      -- A segment starts at each constant map; flips counts the flipping maps so far.
      select *, sum((f0 = 1 and f1 = 0)::int) over upto as flips, sum((f0 = f1)::int) over upto as segment
      from maps window upto as (order by n rows between unbounded preceding and current row)
    ), exits as (
      -- The state at the end of a line: its segment's constant, flipped once per flip since (0 before any constant).
      select n, blank,
             (case when segment = 0 then flips
                   else first_value(f0) over seg + flips - first_value(flips) over seg end) % 2 as exit_state
      from running window seg as (partition by segment order by n rows between unbounded preceding and current row)
    ), states as (
      select n, blank, coalesce(lag(exit_state) over (order by n), 0) as state from exits
    )
    select n, blank, row_number() over (order by n) as ordinal from states where state = 0`;
}

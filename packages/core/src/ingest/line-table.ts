import { type FileReadContext, fileErrorOf, runOnFile } from './staged-file.js';

/** DuckDB's error type for a line over a reader's `max_line_size`. */
const OVER_LONG = 'LINE SIZE OVER MAXIMUM';

export interface LineTable {
  /** The temporary table to create: `n` (physical line), `l` (its text), `over_long`, then `columns`. */
  readonly table: string;
  /** A `read_csv(…)` of the file, one VARCHAR `l` per line, with `rejects` among its options. */
  readonly reader: (rejects: string) => string;
  /** More columns, computed from `n`, `l` and `over_long` (e.g. `… as kind`). */
  readonly columns?: string;
  readonly advice: string;
}

/**
 * A file's physical lines in a temporary table, one row per line, in one read. A line longer than the
 * reader's `max_line_size` is not read: DuckDB's rejects table holds its number and first 10,000
 * characters, so it becomes a row with `over_long` true and that start as `l`, and the lines after it keep
 * their physical numbers. Any fixed limit can be exceeded by one huge field, and raising it costs every
 * file: DuckDB sizes its read buffers from it. Any other rejected line (bytes that are not UTF-8) is the
 * file's error, as it was without the rejects table.
 */
export async function createLineTable(context: FileReadContext, spec: LineTable): Promise<void> {
  const { warehouse } = context;
  const { table, advice } = spec;
  const log = context.tempName('line_reject_log');
  const scans = context.tempName('line_reject_scans');
  const withColumns = (lines: string) => `select *${spec.columns ? `, ${spec.columns}` : ''} from (${lines})`;
  await runOnFile(
    context,
    `create temp table ${table} as ${withColumns(
      `select ordinality as n, l, false as over_long
         from ${spec.reader(`store_rejects = true, rejects_table = '${log}', rejects_scan = '${scans}'`)} with ordinality`,
    )}`,
    advice,
  );
  const rejects = await warehouse.query<{ line: number; type: string; message: string }>(
    `select line::BIGINT as line, error_type::VARCHAR as type, error_message as message from ${log} order by line`,
  );
  const other = rejects.find((reject) => reject.type !== OVER_LONG);
  if (rejects.length > 0 && !other) {
    // The j-th line not read (by line number) has `line - j` lines read before it: a line read as the
    // o-th comes after the last such line with `line - j < o`, so it moves down by that j.
    await warehouse.exec(
      `update ${table} set n = moved.n
       from (select t.n as read_as, t.n + s.skipped as n
             from ${table} t asof join (
               select line - j as read_before, max(j) as skipped
               from (select line, row_number() over (order by line) as j
                     from (select distinct line::BIGINT as line from ${log}))
               group by 1
             ) s on t.n > s.read_before) moved
       where ${table}.n = moved.read_as`,
    );
    await warehouse.exec(
      `insert into ${table} ${withColumns(
        `select line::BIGINT as n, ltrim(any_value(csv_line), chr(13) || chr(10)) as l, true as over_long
         from ${log} group by line`,
      )}`,
    );
  }
  await warehouse.exec(`drop table ${log}; drop table ${scans}`);
  if (other) throw fileErrorOf(context.file, new Error(`line ${other.line}: ${other.message}`), advice);
}

import { postgresTypeOfDuckdb } from '../dialect/postgres-values.js';
import { withSqlEngine } from '../dialect/sql-engine.js';
import { PulseError } from '../errors.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { formatsTried } from './column-formats.js';
import { nothingLost, type SourceIngestReport } from './ingest-report.js';
import { rawColumnType, type SourceColumn, type SourceDefinition } from './source-definition.js';
import { withMapping } from './source-mapping.js';
import { writtenRowsOf } from './source-report.js';
import { quarantineTable, rawTable } from './source-tables.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';
import { type TableSource, TableSourceConfigError } from './table-source.js';
import { postgresJsonUnfit, postgresTypeUnfit, UNFIT_COLUMN, unfitColumnSql } from './unfit-values.js';
import { checkedTableSql } from './validation-query.js';

interface TableColumn {
  readonly name: string;
  readonly type: string;
  /** pg_type.typcategory: A array, C composite, B boolean, … */
  readonly category: string;
}

/**
 * A canonical column's value in the table row `t`: its text, and when it may be no single value, the test,
 * given the text as computed once (`textOf`).
 */
interface ColumnValue {
  readonly text: string;
  readonly unfit?: (textOf: string) => string;
}

/**
 * Judges each table source on the PostgreSQL server, in ingestion order, into `raw.<source>` and
 * `quarantine.<source>` there: the same judging SQL as for files (validation-query.ts), compiled for
 * PostgreSQL, over the table's rows read as text. No file is read and no row leaves the server.
 *
 * Lineage: `_file` / quarantine `file` is the table as configured (`segment.tracks`); `_line` / `line` is
 * the row's 1-based position when the table is sorted by its key (the mapping's `key`, else the table's
 * primary key): stable while the rows with smaller keys are, and the order "file order" means for
 * `duplicate_id` and overlapping periods. Everything runs in one REPEATABLE READ transaction, so the
 * numbering the quarantine's `raw` rows are joined back by is the one the rows were judged under.
 */
export async function judgeTableSources(
  target: ModelWarehouse,
  sources: readonly SourceDefinition[],
  tables: ReadonlyMap<string, TableSource>,
  config: unknown,
  onProgress?: (message: string) => void,
): Promise<SourceIngestReport[]> {
  const judged = sources.filter((source) => tables.has(source.name));
  if (judged.length === 0) return [];
  return target.transaction(async (server) => {
    await server.exec('set transaction isolation level repeatable read');
    const reports: SourceIngestReport[] = [];
    for (const source of judged) {
      const table = tables.get(source.name)!;
      onProgress?.(`${source.name}: judging the PostgreSQL table ${table.table} on the server`);
      reports.push(await judgeTableSource(server, source, table, config));
    }
    return reports;
  });
}

async function judgeTableSource(
  server: ModelWarehouse,
  source: SourceDefinition,
  table: TableSource,
  config: unknown,
): Promise<SourceIngestReport> {
  for (const [column, format] of Object.entries(table.mapping.formats ?? {})) {
    const pattern = formatsTried(format).find((one) => one.includes('%'));
    if (pattern === undefined) continue;
    throw new TableSourceConfigError(
      `pulse.config.json: sources.${table.source}.formats.${column}: strptime patterns ("${pattern}") are for ` +
        'export files; a PostgreSQL table column takes iso, epoch_s or epoch_ms (or a view that converts it).',
    );
  }
  const relation = await resolvedRelation(server, table);
  const columns = await tableColumns(server, relation);
  const read = withMapping(source, table.mapping);
  const key = await orderKey(server, table, relation, columns);
  const values = new Map(read.columns.map((column) => [column.name, columnValue(table, columns, column)]));
  // Each text computed once, in the numbering's subquery (a window keeps it a subquery of its own), then
  // read both as the value and by the unfit test.
  const textOf = (column: SourceColumn) => q(`_pulse_text_${column.name}`);
  const computed = read.columns.map((column) => `${values.get(column.name)!.text} as ${textOf(column)}`);
  const texts = read.columns.map((column) => `t.${textOf(column)} as ${q(column.name)}`);
  const unfitColumn = read.columns.some((column) => values.get(column.name)!.unfit !== undefined);
  const unfit = unfitColumnSql(read.columns, (column) =>
    values.get(column.name)!.unfit?.(`t.${textOf(column)}`),
  );
  // The row number under a name of Pulse's own: beside `t.*`, a vendor column named `_line` would make
  // `_line` ambiguous.
  const numbered = `(select row_number() over (order by ${key}) as _pulse_line, t.*, ${computed.join(', ')}
                     from ${relation} t) t`;
  const staging = `(select 0 as _file_index, _pulse_line as _row, _pulse_line as _line, NULL::text as _malformed,
         NULL::text as _raw_text,
         ${unfit}::text as ${UNFIT_COLUMN}, ${texts.join(', ')} from ${numbered})`;
  const checked = q(`pulse_table_${source.name}_checked`);
  const context = { config, rawTable };
  await server.exec(`drop table if exists ${checked}`);
  await server.exec(
    withSqlEngine('postgres', () => checkedTableSql(read, staging, checked, context, { unfitColumn })),
  );
  await createTables(server, source);
  const file = sqlString(table.table);
  const canonical = source.columns.map((column) => q(column.name)).join(', ');
  // In no particular order, as for files (`order by _file, _line` gives the table's order).
  await server.exec(
    `insert into ${rawTable(source.name)} select ${canonical}, ${file}, _line::integer
     from ${checked} where _code is null`,
  );
  const [counts] = await server.query<{ rows: string; quarantined: string }>(
    `select count(*) as rows, count(_code) as quarantined from ${checked}`,
  );
  // The vendor rows of the quarantined ones only: the table is numbered again (same snapshot, same key).
  if (Number(counts?.quarantined ?? 0) > 0) {
    await server.exec(
      `insert into ${quarantineTable(source.name)}
       select ${file}, c._line::integer, c._column, c._code, c._reason, o._raw
       from ${checked} c
       join (select _line, to_jsonb(vendor_row)::text as _raw
             from (select row_number() over (order by ${key}) as _line, t as vendor_row from ${relation} t) numbered
             where _line in (select _line from ${checked} where _code is not null)) o
         on o._line = c._line
       where c._code is not null
       order by c._line`,
    );
  }
  await server.exec(`drop table ${checked}`);
  return reportOnServer(server, source, table.table, Number(counts?.rows ?? 0));
}

/** The table's name as the server spells it (quoted where needed), or a config error naming the key. */
async function resolvedRelation(server: ModelWarehouse, table: TableSource): Promise<string> {
  const [found] = await server.query<{ name: string | null; kind: string | null }>(
    `select to_regclass($1)::text as name,
            (select relkind::text from pg_class where oid = to_regclass($1)) as kind`,
    [table.table],
  );
  if (!found?.name) {
    throw new TableSourceConfigError(
      `pulse.config.json: sources.${table.source}.table: the PostgreSQL target has no table or view ` +
        `"${table.table}". Write it as schema.table (as \\dt in psql lists it), and check that the user of ` +
        '--target may read it.',
    );
  }
  return found.name;
}

/**
 * The table's columns, each with the type its values have: a domain (`create domain payload as jsonb`,
 * maybe over another domain) is followed down to its base type, so a domain over jsonb is read and judged
 * as jsonb, not as its text.
 */
async function tableColumns(server: ModelWarehouse, relation: string): Promise<TableColumn[]> {
  return server.query<TableColumn>(
    `select a.attname as name, format_type(base.oid, base.typmod) as type, base.category
     from pg_attribute a
     cross join lateral (
       with recursive chain(oid, typmod, depth) as (
         select a.atttypid, a.atttypmod, 0
         union all
         select t.typbasetype, t.typtypmod, chain.depth + 1
         from chain join pg_type t on t.oid = chain.oid
         where t.typtype = 'd')
       select chain.oid, chain.typmod, t.typcategory::text as category
       from chain join pg_type t on t.oid = chain.oid
       order by chain.depth desc limit 1) base
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [relation],
  );
}

/** A column of the table matched like a file header: case-insensitively, after trimming. */
function columnNamed(columns: readonly TableColumn[], name: string): TableColumn | undefined {
  const wanted = name.trim().toLowerCase();
  return columns.find((column) => column.name.trim().toLowerCase() === wanted);
}

/**
 * A canonical column's value in the table row `t`. A vendor name is a column of the table, or
 * `column.field.field` into a json or jsonb column (like a dotted path into JSON Lines). A missing column
 * is NULL when optional and a config error when required or named by the mapping, as a missing header is
 * a file error for files.
 *
 * The same values fit as in JSON Lines and Parquet (unfit-values.ts): a JSON value is read as JSON Lines
 * reads one (a string without its quotes, a number as its digits, null as empty), and an object or array
 * (also true/false in an id) is no value of its column; nor is an array or composite column, or a boolean
 * column feeding an id.
 */
function columnValue(
  table: TableSource,
  columns: readonly TableColumn[],
  canonical: SourceColumn,
): ColumnValue {
  const header = canonical.mapped?.header;
  const name = header ?? canonical.name;
  const column = columnNamed(columns, name);
  if (column) {
    const value = `t.${q(column.name)}`;
    const json = jsonType(column);
    if (json) {
      return {
        text: `(${value} #>> '{}')`,
        unfit: (text) => postgresJsonUnfit(canonical, text, value, json),
      };
    }
    if (!postgresTypeUnfit(canonical, column.category)) return { text: `${value}::text` };
    const text = column.category === 'B' ? `${value}::text` : `to_jsonb(${value})::text`;
    return { text, unfit: () => `${value} is not null` };
  }
  const [first, ...path] = name.trim().split('.');
  const container = path.length ? columnNamed(columns, first!) : undefined;
  const json = container && jsonType(container);
  if (container && json) {
    const keys = path.map((key) => `"${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',');
    const at = `t.${q(container.name)} #> ${sqlString(`{${keys}}`)}`;
    return {
      text: `(t.${q(container.name)} #>> ${sqlString(`{${keys}}`)})`,
      unfit: (text) => postgresJsonUnfit(canonical, text, `(${at})`, json),
    };
  }
  if (header === undefined) return { text: 'NULL::text' };
  const known = columns.map((candidate) => candidate.name).join(', ');
  throw new TableSourceConfigError(
    `pulse.config.json: sources.${table.source}.columns.${canonical.name}: the table ${table.table} has no column ` +
      `"${header}" (its columns: ${known}). A dotted name reaches into a json or jsonb column.`,
  );
}

function jsonType(column: TableColumn): 'json' | 'jsonb' | undefined {
  return column.type === 'json' || column.type === 'jsonb' ? column.type : undefined;
}

/** `order by` of the rows' numbering: the mapping's key, else the primary key; else a config error. */
async function orderKey(
  server: ModelWarehouse,
  table: TableSource,
  relation: string,
  columns: readonly TableColumn[],
): Promise<string> {
  const declared = table.mapping.key;
  if (declared?.length) {
    return declared
      .map((name, index) => {
        const column = columnNamed(columns, name);
        if (!column) {
          throw new TableSourceConfigError(
            `pulse.config.json: sources.${table.source}.key[${index}]: the table ${table.table} has no column "${name}".`,
          );
        }
        return `t.${q(column.name)}`;
      })
      .join(', ');
  }
  const primary = await server.query<{ name: string }>(
    `select a.attname as name from pg_index i
     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = $1::regclass and i.indisprimary
     order by array_position(i.indkey::int2[], a.attnum)`,
    [relation],
  );
  if (primary.length) return primary.map((column) => `t.${q(column.name)}`).join(', ');
  throw new TableSourceConfigError(
    `pulse.config.json: sources.${table.source}.key: the table ${table.table} has no primary key, and ` +
      'quarantine lines number its rows in key order. Name the columns that identify a row, e.g. "key": ["id"].',
  );
}

async function createTables(server: ModelWarehouse, source: SourceDefinition): Promise<void> {
  const columns = source.columns.map(
    (column) => `${q(column.name)} ${postgresTypeOfDuckdb(rawColumnType(column.type))}`,
  );
  await server.exec(
    `drop table if exists ${rawTable(source.name)};
     create table ${rawTable(source.name)} (${[...columns, '_file text', '_line integer'].join(', ')});
     drop table if exists ${quarantineTable(source.name)};
     create table ${quarantineTable(source.name)} (
       file text, line integer, "column" text, reason_code text, reason text, raw text)`,
  );
}

/** The source's report from its tables on the server (as source-report.ts does for files). */
async function reportOnServer(
  server: ModelWarehouse,
  source: SourceDefinition,
  table: string,
  rowsRead: number,
): Promise<SourceIngestReport> {
  const written = await writtenRowsOf(server, source);
  const report: SourceIngestReport = {
    name: source.name,
    present: true,
    files: [table],
    filesRead: [table],
    table,
    mode: 'full',
    rowsRead,
    ...written,
    warnings: [],
    // `leave_out` is for files: a table source leaves rows out in a view of its own.
    leftOut: [],
  };
  if (!nothingLost(report)) {
    throw new PulseError(
      `Judging the table source "${source.name}" lost rows: ${report.rowsRead} read but ${report.rowsLoaded} ` +
        `loaded and ${report.rowsQuarantined} quarantined. This is a bug in Pulse; please report it.`,
    );
  }
  return report;
}

import { withSqlEngine } from '../dialect/sql-engine.js';
import { PulseError } from '../errors.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { SourceIngestMode } from './ingest-baseline.js';
import { EXAMPLES_PER_SOURCE, nothingLost, type SourceIngestReport } from './ingest-report.js';
import { isoTimestampText } from './judging-forms.js';
import { type LeftOutRows, leftOutNote } from './left-out-rows.js';
import type { SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { quarantineTable, rawTable } from './source-tables.js';

/**
 * A source's report from its tables as written (loaded and quarantined rows, reasons, first examples),
 * checked against the records read: a row lost on the way is a bug, and fails the build.
 */
export async function reportOf(
  source: SourceDefinition,
  present: boolean,
  files: readonly SourceFile[],
  filesRead: readonly SourceFile[],
  warnings: readonly string[],
  rowsRead: number,
  warehouse: Warehouse,
  mode: SourceIngestMode,
  /** The rows left out on purpose (a `leave_out` rule's, a preset derivation's): said beside the counts. */
  leftOut: readonly LeftOutRows[] = [],
): Promise<SourceIngestReport> {
  const written = await writtenRowsOf(warehouse, source);
  const report: SourceIngestReport = {
    name: source.name,
    present,
    files: files.map((file) => file.relativePath),
    filesRead: filesRead.map((file) => file.relativePath),
    mode,
    rowsRead,
    ...written,
    warnings,
    leftOut,
    ...(leftOut.length ? { notes: leftOut.map(leftOutNote) } : {}),
  };
  if (!nothingLost(report)) {
    throw new PulseError(
      `Ingestion of "${source.name}" lost rows: ${report.rowsRead} read but ${report.rowsLoaded} loaded and ` +
        `${report.rowsQuarantined} quarantined. This is a bug in Pulse; please report it with the input files.`,
    );
  }
  return report;
}

/** What a source's tables hold after judging: the part of its report read from the tables. */
export type WrittenRows = Pick<
  SourceIngestReport,
  'rowsLoaded' | 'rowsQuarantined' | 'quarantineByReason' | 'examples' | 'latestRecordAt'
>;

/**
 * Counts, reasons, first examples and the latest record of a source's `raw` and `quarantine` tables, in the
 * warehouse that holds them: the local DuckDB for files, the PostgreSQL server for a table source.
 */
export async function writtenRowsOf(db: ModelWarehouse, source: SourceDefinition): Promise<WrittenRows> {
  // Counts are BIGINT: a number from DuckDB's driver, text from PostgreSQL's.
  const [counts] = await db.query<{ loaded: number | string; quarantined: number | string }>(
    `select (select count(*) from ${rawTable(source.name)}) as loaded,
            (select count(*) from ${quarantineTable(source.name)}) as quarantined`,
  );
  const reasons = await db.query<{ code: string; count: number | string }>(
    `select reason_code as code, count(*) as count from ${quarantineTable(source.name)} group by 1 order by 2 desc, 1`,
  );
  const examples = await db.query<SourceIngestReport['examples'][number]>(
    `select file, line, "column", reason_code as "reasonCode", reason
     from ${quarantineTable(source.name)} order by file, line limit ${EXAMPLES_PER_SOURCE}`,
  );
  const dated = source.columns.find((column) =>
    ['date', 'timestamp', 'month'].includes(column.type as string),
  );
  const latestText = dated
    ? withSqlEngine(db.engine, () => isoTimestampText(`max("${dated.name}")::timestamp`))
    : undefined;
  const [latest] = latestText
    ? await db.query<{ at: string | null }>(`select ${latestText} as at from ${rawTable(source.name)}`)
    : [];
  return {
    rowsLoaded: Number(counts?.loaded ?? 0),
    rowsQuarantined: Number(counts?.quarantined ?? 0),
    quarantineByReason: Object.fromEntries(reasons.map((reason) => [reason.code, Number(reason.count)])),
    examples,
    latestRecordAt: latest?.at ?? null,
  };
}

import type { Warehouse } from '../warehouse/warehouse.js';
import type { DataFolder } from './data-folder.js';
import { type IngestBaseline, type SourceIngestMode, sourceIngestMode } from './ingest-baseline.js';
import { MissingSourceError } from './ingest-errors.js';
import type { SourceIngestReport } from './ingest-report.js';
import { judgeStaging } from './judge-staging.js';
import { leftOutByPreset } from './left-out-rows.js';
import {
  type PresetDefinition,
  PresetDefinitionError,
  type PresetDerivation,
  type PresetSqlContext,
  type VendorTable,
} from './preset-definition.js';
import type { PresetFiles } from './preset-files.js';
import { type PresetRowsIgnored, presetRowsIgnored, recordPresetRowsIgnored } from './preset-rows-ignored.js';
import type { CheckContext, SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { reportOf } from './source-report.js';
import { createSourceTables, keptRows, rawTable, sourceTablesExist } from './source-tables.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';
import { vendorTableName } from './vendor-tables.js';

/** A preset in use, its vendor files found and its tables read into `<preset>.<table>`. */
export interface PresetInUse {
  readonly preset: PresetDefinition;
  readonly files: PresetFiles;
  readonly fed: ReadonlySet<string>;
}

export interface PresetSourceContext {
  readonly warehouse: Warehouse;
  readonly dataDir: string;
  readonly folder: DataFolder;
  readonly config: unknown;
  readonly baseline?: IngestBaseline;
  readonly modes: ReadonlyMap<string, SourceIngestMode>;
  readonly tempName: (purpose: string) => string;
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
}

/** The tables a derivation reads, required alternatives first. */
export function tablesOf(derivation: PresetDerivation): string[] {
  return [...new Set([...derivation.requires.flat(), ...(derivation.optional ?? [])])];
}

/**
 * Derives one canonical source from its preset's vendor tables and judges the rows by the contract like
 * any file's rows: valid rows to `raw.<source>`, the others to `quarantine.<source>` at the vendor file and
 * line they were derived from, with that vendor row as `raw`. The tables' malformed records become
 * `malformed_row` rows of the source their table feeds. A refresh keeps the source when no file of the
 * tables it reads changed (and the sources it checks against were kept), else derives it again whole.
 */
export async function ingestPresetSource(
  context: PresetSourceContext,
  source: SourceDefinition,
  { preset, files: found }: PresetInUse,
): Promise<SourceIngestReport> {
  const { warehouse } = context;
  const derivation = preset.derivations[source.name]!;
  const reads = tablesOf(derivation);
  const tables = preset.tables.filter((table) => reads.includes(table.name));
  if (source.required) checkRequiredTables(source, preset, found, derivation);
  const files = tables.flatMap((table) => found.tables.get(table.name) ?? []).sort(byPath);
  // An optional source is absent when a table it needs is: its tables are then empty, like a missing file's.
  const present =
    found.present && derivation.requires.every((names) => names.some((name) => found.tables.has(name)));
  const exists = context.baseline !== undefined && (await sourceTablesExist(warehouse, source));
  const claims = (path: string) => reads.includes(found.tableOf(path) ?? '');
  const computed = sourceIngestMode(source, files, context.baseline, context.modes, exists, claims);
  // A derivation relates rows of every file (periods, merges): it is never appended to.
  const mode: SourceIngestMode = computed === 'reused' ? 'reused' : 'full';
  if (mode === 'reused') {
    // Kept only with the counts of the rows it left out: without them its summary would not say them.
    const ignored = await presetRowsIgnored(warehouse, source.name);
    if (ignored !== undefined) {
      const rows = await keptRows(warehouse, source);
      return reportOf(source, present, files, [], [], rows, warehouse, mode, leftOutByPreset(ignored));
    }
  }
  await createSourceTables(warehouse, source);
  const fileTable = context.tempName('preset_files');
  const staging = context.tempName('preset_staging');
  const temporary = [fileTable];
  try {
    await warehouse.exec(
      `create temp table ${fileTable} as
       select * from (values ${files.length ? files.map((file, index) => `(${index}, ${sqlString(file.relativePath)})`).join(', ') : '(0, NULL)'}) v(_file_index, _file)
       ${files.length ? '' : 'where false'}`,
    );
    const sqlContext: PresetSqlContext = {
      config: context.config,
      table: (name) => {
        if (!reads.includes(name))
          throw new PresetDefinitionError(
            `Preset "${preset.name}": the derivation of ${source.name} reads table "${name}"; ` +
              'list it in its requires or optional tables.',
          );
        return `(select t.*, f._file_index::BIGINT * 4294967296 + t._line as _order
                 from ${vendorTableName(preset.name, name)} t join ${fileTable} f on f._file = t._file
                 where t._malformed is null)`;
      },
    };
    await warehouse.exec(
      `create temp view ${staging} as\n${stagingSql(source, derivation, sqlContext, tables, preset, fileTable)}`,
    );
    const staged = files.map((file) => ({
      file,
      originals: {
        relation: `(select _line as _row, _raw from ${vendorTableName(preset.name, found.tableOf(file.relativePath)!)}
                   where _file = ${sqlString(file.relativePath)})`,
        rawJson: 'o._raw',
      },
    }));
    const judged = await judgeStaging(
      warehouse,
      source,
      staging,
      files,
      staged,
      checkContext(context.config),
      context.tempName,
    );
    temporary.push(...judged.tempTables);
    await warehouse.exec(`drop view ${staging}`);
    const ignored = await rowsIgnored(warehouse, derivation, sqlContext);
    await recordPresetRowsIgnored(warehouse, source.name, ignored);
    const report = await reportOf(
      source,
      present,
      files,
      files,
      [],
      judged.rows,
      warehouse,
      'full',
      leftOutByPreset(ignored),
    );
    const notes = report.notes ?? [];
    context.onProgress?.(
      `${source.name}: ${report.rowsRead} rows derived from ${preset.name}, ${report.rowsLoaded} loaded, ` +
        `${report.rowsQuarantined} quarantined${notes.length ? `; ${notes.join('; ')}` : ''}`,
    );
    return report;
  } finally {
    await warehouse.exec(`drop view if exists ${staging}`).catch(() => undefined);
    for (const table of temporary)
      await warehouse.exec(`drop table if exists ${table}`).catch(() => undefined);
  }
}

/** The staging rows: the derived rows, then the malformed records of the tables feeding this source. */
function stagingSql(
  source: SourceDefinition,
  derivation: PresetDerivation,
  context: PresetSqlContext,
  tables: readonly VendorTable[],
  preset: PresetDefinition,
  fileTable: string,
): string {
  const derived = `select f._file_index::INTEGER as _file_index, d._line::BIGINT as _row, d._line::BIGINT as _line,
       NULL::VARCHAR as _malformed, NULL::VARCHAR as _raw_text,
       ${source.columns.map((column) => `d.${q(column.name)}::VARCHAR as ${q(column.name)}`).join(', ')}
from (${derivation.select(context)}) d join ${fileTable} f on f._file = d._file`;
  const malformed = tables
    .filter((table) => table.malformedTo === source.name)
    .map(
      (table) => `select f._file_index::INTEGER, t._line, t._line, t._malformed, NULL::VARCHAR,
       ${source.columns.map(() => 'NULL::VARCHAR').join(', ')}
from ${vendorTableName(preset.name, table.name)} t join ${fileTable} f on f._file = t._file
where t._malformed is not null`,
    );
  return [derived, ...malformed].join('\nunion all\n');
}

/** The derivation's vendor rows that gave no canonical row, one per (table, reason) with rows. */
async function rowsIgnored(
  warehouse: Warehouse,
  derivation: PresetDerivation,
  context: PresetSqlContext,
): Promise<PresetRowsIgnored[]> {
  if (!derivation.ignored) return [];
  const rows = await warehouse.query<{ vendor_table: string; reason: string; rows: number }>(
    `select vendor_table, reason, rows::BIGINT as rows from (${derivation.ignored(context)}) where rows > 0
     order by vendor_table, reason`,
  );
  return rows.map((row) => ({ vendorTable: row.vendor_table, reason: row.reason, rows: Number(row.rows) }));
}

/** A required source needs one table of each alternative of `requires`; else the paths to add. */
function checkRequiredTables(
  source: SourceDefinition,
  preset: PresetDefinition,
  found: PresetFiles,
  derivation: PresetDerivation,
): void {
  for (const alternatives of derivation.requires) {
    if (alternatives.some((name) => found.tables.has(name))) continue;
    const expected = alternatives.flatMap((name) =>
      found.expected(preset.tables.find((table) => table.name === name)!),
    );
    throw new MissingSourceError(source.name, [
      ...expected.slice(0, -1),
      `${expected.at(-1)} (presets.${preset.name} in pulse.config.json reads ${source.name} from them)`,
    ]);
  }
}

function checkContext(config: unknown): Omit<CheckContext, 'column' | 'label'> {
  return { config, rawTable };
}

function byPath(a: SourceFile, b: SourceFile): number {
  return a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0;
}

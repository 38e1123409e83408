import type { Warehouse } from '../warehouse/warehouse.js';
import type { IngestBaseline } from './ingest-baseline.js';
import type { PresetDefinition, VendorTable } from './preset-definition.js';
import type { PresetFiles } from './preset-files.js';
import type { SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';
import { stageFile } from './stage-file.js';
import { type FileReadContext, fileErrorOf, type StagedFile } from './staged-file.js';

/**
 * The vendor tables of a preset kept in the warehouse, in a schema named after the preset
 * (`stripe.invoice_line_item`): the declared columns as trimmed text (empty → NULL), then `_file` (relative
 * to the data folder), `_line` (physical line, Parquet row index), `_malformed` (why a record could not be
 * split into columns, else NULL) and `_raw` (the record as written, as JSON text: what a quarantine row
 * of a row derived from it shows). Derivations read them; `pulse sources` counts rows per vendor file;
 * a refresh re-reads only new and changed vendor files.
 */
export function vendorTableName(preset: string, table: string): string {
  return `${q(preset)}.${q(table)}`;
}

export const VENDOR_LINEAGE_COLUMNS = ['_file', '_line', '_malformed', '_raw'] as const;

export interface VendorReadContext {
  readonly warehouse: Warehouse;
  readonly preset: PresetDefinition;
  readonly found: PresetFiles;
  /** The tables some fed source reads. */
  readonly tables: readonly VendorTable[];
  readonly baseline?: IngestBaseline;
  readonly tempName: (purpose: string) => string;
  readonly onProgress?: (message: string) => void;
}

/**
 * Brings `<preset>.<table>` up to date with the data folder for each table: every table is created
 * (empty when absent, so derivations can always read it); a refresh keeps the rows of unchanged files
 * and reads only new and changed ones, a build reads every file. Returns the warnings of the readers.
 */
export async function syncVendorTables(context: VendorReadContext): Promise<string[]> {
  const { warehouse, preset, found } = context;
  await warehouse.exec(`create schema if not exists ${q(preset.name)}`);
  const warnings: string[] = [];
  for (const table of context.tables) {
    const files = found.tables.get(table.name) ?? [];
    const name = vendorTableName(preset.name, table.name);
    const keep =
      context.baseline !== undefined && (await hasColumns(warehouse, preset.name, table))
        ? files.filter((file) => context.baseline!.unchanged.has(file.relativePath))
        : undefined;
    if (keep === undefined) {
      const columns = [...table.columns.map((column) => `${q(column)} VARCHAR`), ...lineageDdl];
      await warehouse.exec(`create or replace table ${name} (${columns.join(', ')})`);
    } else {
      await warehouse.exec(
        `delete from ${name} where _file not in (select unnest(from_json($1::varchar, '["VARCHAR"]')))`,
        [JSON.stringify(keep.map((file) => file.relativePath))],
      );
    }
    const kept = new Set(
      keep === undefined
        ? []
        : (await warehouse.query<{ file: string }>(`select distinct _file as file from ${name}`)).map(
            (row) => row.file,
          ),
    );
    const toRead = files.filter((file) => !kept.has(file.relativePath));
    // One line per file for a few; for a folder of daily exports, one line per table.
    if (toRead.length > PROGRESS_FILES)
      context.onProgress?.(`${preset.name}: reading ${toRead.length} files of ${table.name}`);
    for (const file of toRead) {
      if (toRead.length <= PROGRESS_FILES)
        context.onProgress?.(`${preset.name}: reading ${file.relativePath}`);
      warnings.push(...(await readVendorFile(context, table, file)));
    }
  }
  return warnings;
}

/** Up to this many files of a table, progress names each one. */
const PROGRESS_FILES = 20;

const lineageDdl = ['_file VARCHAR', '_line BIGINT', '_malformed VARCHAR', '_raw VARCHAR'];

/** True when the table exists with exactly the columns declared now (else it is read again whole). */
async function hasColumns(warehouse: Warehouse, schema: string, table: VendorTable): Promise<boolean> {
  const rows = (await warehouse.relation(schema, table.name))?.columns ?? [];
  const expected = [...table.columns, ...VENDOR_LINEAGE_COLUMNS];
  return rows.length === expected.length && rows.every((row, index) => row.name === expected[index]);
}

/** One vendor file through the format's reader (lines, malformed records, original rows) into its table. */
async function readVendorFile(
  context: VendorReadContext,
  table: VendorTable,
  file: SourceFile,
): Promise<readonly string[]> {
  const readContext: FileReadContext = {
    warehouse: context.warehouse,
    source: vendorSourceOf(context.preset.name, table),
    file,
    fileIndex: 0,
    tempName: context.tempName,
  };
  let staged: StagedFile | undefined;
  try {
    staged = await stageFile(readContext);
    const columns = table.columns.map((column) => `nullif(trim(s.${q(column)}), '')`);
    await context.warehouse.exec(
      `insert into ${vendorTableName(context.preset.name, table.name)}
       select ${[...columns, sqlString(file.relativePath), 's._line', 's._malformed'].join(', ')},
              case when s._raw_text is not null then to_json(s._raw_text)::VARCHAR else ${staged.originals.rawJson} end
       from (${staged.select}) s left join ${staged.originals.relation} o on o._row = s._row`,
    );
    return staged.warnings;
  } catch (error) {
    throw fileErrorOf(file, error, 'Check the file is a valid export in its format.');
  } finally {
    for (const temp of staged?.tempTables ?? [])
      await context.warehouse.exec(`drop table if exists ${temp}`).catch(() => undefined);
  }
}

/**
 * A vendor table as the readers see a source: every column optional text, so nothing is judged here
 * (the derived rows are), and the vendor's other columns are ignored without a warning.
 */
function vendorSourceOf(preset: string, table: VendorTable): SourceDefinition {
  return {
    name: table.name,
    required: false,
    description: `${preset} table ${table.name}`,
    columns: table.columns.map((name) => ({ name, type: 'string', description: name })),
    ...(table.requires && { headerRequires: table.requires }),
  };
}

import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { postgresTypeOfDuckdb } from '../dialect/postgres-values.js';
import { duckdbTypeOf } from '../model/column-types.js';
import { relationOf, schemaOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import { pauseForTests } from '../state/test-pause.js';
import type { PostgresWarehouse } from '../warehouse/postgres-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { exportPathOf, quoteLiteral } from './export-parquet.js';
import { findNulText, isNulTextRefusal, PostgresNulTextError } from './postgres-nul-text.js';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A temp folder for the CSV files a transfer streams through, removed when `work` is done. */
async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-pg-copy-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Drops and recreates the schemas on the server: a PostgreSQL build starts from nothing, like a DuckDB
 * build in its fresh staged copy.
 */
export async function resetPostgresSchemas(
  target: PostgresWarehouse,
  schemas: readonly string[],
): Promise<void> {
  for (const schema of schemas) {
    await target.exec(`drop schema if exists ${quote(schema)} cascade; create schema ${quote(schema)}`);
  }
}

/**
 * Copies every table of these schemas from the local DuckDB warehouse to the server, same names, same
 * column order, each DuckDB type as its PostgreSQL one: DuckDB writes a CSV file, `COPY … from stdin`
 * streams it in. The rows keep their order (raw tables are written in file and line order).
 */
export async function copyTablesToPostgres(
  local: Warehouse,
  target: PostgresWarehouse,
  schemas: readonly string[],
): Promise<void> {
  const tables = (await local.relations()).filter(
    (table) => schemas.includes(table.schema ?? '') && !table.isView,
  );
  await withScratch(async (dir) => {
    for (const table of tables) {
      const schema = table.schema ?? 'main';
      const relation = `${quote(schema)}.${quote(table.name)}`;
      const columns = table.columns.map(
        (column) => `${quote(column.name)} ${postgresTypeOfDuckdb(column.dataType)}`,
      );
      await target.exec(`create schema if not exists ${quote(schema)}`);
      await target.exec(`drop table if exists ${relation}; create table ${relation} (${columns.join(', ')})`);
      const file = join(dir, `${schema}.${table.name}.csv`);
      await local.exec(`copy ${relation} to ${quoteLiteral(file)} (format csv, header false)`);
      try {
        await target.copyInCsv(relation, file);
      } catch (error) {
        const place = isNulTextRefusal(error)
          ? await findNulText(local, { schema, name: table.name }, table.columns)
          : undefined;
        throw place ? new PostgresNulTextError(place) : error;
      }
      await rm(file, { force: true });
    }
  });
}

/**
 * The longest row read back: a few values of up to 16 MB each (the contract's JSON Lines limit), one mart
 * row joining e.g. an account's name and a survey comment. DuckDB's default (2 MB) refused a 3 MB name.
 * The read buffer is set to the same size: DuckDB's default, 16 rows' worth, would ask for 1 GB.
 */
const MAX_ROW_BYTES = 64 * 1024 * 1024;

/**
 * Writes a model built on the server to `<dir>/<name>.parquet`, the same file a DuckDB build writes: the
 * rows come out with `COPY (…) to stdout` in the grain's order, and the local DuckDB reads them with the
 * contract's column types and writes the Parquet file (zstd). Temporary name, then rename.
 */
export async function exportParquetFromPostgres(
  target: PostgresWarehouse,
  local: Warehouse,
  model: AnyModel,
  exportDir: string,
): Promise<string> {
  await mkdir(exportDir, { recursive: true });
  const relation = await target.relation(schemaOf(model), model.name);
  const shape = model.columns.shape as Record<string, z.ZodType>;
  const columns = (relation?.columns ?? []).map((column) => {
    const declared = shape[column.name];
    const type = declared ? duckdbTypeOf(declared, `${model.name}.${column.name}`) : column.dataType;
    return { name: column.name, type };
  });
  const grain: readonly string[] = model.grain ?? [];
  const orderBy = grain.length ? ` order by ${grain.map(quote).join(', ')}` : '';
  const path = exportPathOf(exportDir, model);
  const partial = `${path}.partial-${process.pid}`;
  await withScratch(async (dir) => {
    const file = join(dir, `${model.name}.csv`);
    await target.copyOutCsv(`select * from ${relationOf(model)}${orderBy}`, file);
    const types = columns
      .map((column) => `${quoteLiteral(column.name)}: ${quoteLiteral(column.type)}`)
      .join(', ');
    // PostgreSQL ends each row with a line feed: left to guess, DuckDB took a CR LF inside a quoted value
    // (a name typed on Windows) for the file's line break and failed.
    await local.exec(
      `copy (select * from read_csv(${quoteLiteral(file)}, header = false, auto_detect = false, delim = ',', ` +
        `quote = '"', escape = '"', new_line = '\\n', max_line_size = ${MAX_ROW_BYTES}, buffer_size = ${MAX_ROW_BYTES}, ` +
        `allow_quoted_nulls = false, columns = {${types}})) ` +
        `to ${quoteLiteral(partial)} (format parquet, compression zstd)`,
    );
  });
  await rename(partial, path);
  pauseForTests('exported');
  return path;
}

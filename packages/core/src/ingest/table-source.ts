import { ConfigError } from '../config/config-error.js';
import type { SourceDefinition } from './source-definition.js';
import { type SourceMapping, sourceMappingsOf } from './source-mapping.js';

/**
 * A source declared as an existing PostgreSQL table (`sources.<source>.table` of pulse.config.json)
 * instead of export files. Such a source is never read by the local DuckDB: it is judged on the server
 * (judge-table-source.ts) once the file sources are there, so it exists only for `engine: "postgres"`.
 */
export interface TableSource {
  readonly source: string;
  /** As written in the config: `schema.table` or `table` (the server's search_path then). */
  readonly table: string;
  readonly mapping: SourceMapping;
}

/** The config's table sources, by source name. */
export function tableSourcesOf(config: unknown): ReadonlyMap<string, TableSource> {
  const found = new Map<string, TableSource>();
  for (const [source, mapping] of Object.entries(sourceMappingsOf(config))) {
    if (typeof mapping.table === 'string') found.set(source, { source, table: mapping.table, mapping });
  }
  return found;
}

/** A table source on an engine that cannot read it, or one a file source depends on. */
export class TableSourceConfigError extends ConfigError {
  // Named ConfigError, like every config problem (the CLI prints it the same way, exit 2).
}

/**
 * Fails when `sources` (the sources the local DuckDB is about to ingest) include a table source: the build
 * runs on DuckDB, which has no server to read the table from.
 */
export function checkNoTableSourceOnDuckdb(config: unknown, sources: readonly SourceDefinition[]): void {
  const tables = tableSourcesOf(config);
  const first = sources.map((source) => tables.get(source.name)).find((table) => table !== undefined);
  if (!first) return;
  throw new TableSourceConfigError(
    `pulse.config.json: sources.${first.source}.table: "${first.table}" is a PostgreSQL table, and this run ` +
      'uses the DuckDB engine, which reads export files only. Build on the server with --engine postgres ' +
      '--target postgres://user:password@host:port/database (or "engine": "postgres" in pulse.config.json and ' +
      `PULSE_TARGET), or export the table and give sources.${first.source}.path instead.`,
  );
}

/**
 * Fails when a file source is checked against a table source (a reference or a check's `reads`): file
 * sources are judged by the local DuckDB before any table source is judged on the server, so the rows they
 * would be checked against are not there yet.
 */
export function checkFileSourcesIndependent(sources: readonly SourceDefinition[], config: unknown): void {
  const tables = tableSourcesOf(config);
  for (const source of sources) {
    if (tables.has(source.name)) continue;
    const needs = [
      ...(source.references ?? []).map((reference) => reference.source),
      ...(source.checks ?? []).flatMap((check) => check.reads ?? []),
    ];
    const table = needs.map((need) => tables.get(need)).find((found) => found !== undefined);
    if (!table) continue;
    throw new TableSourceConfigError(
      `pulse.config.json: sources.${table.source}.table: ${source.name} is read from files and checked ` +
        `against ${table.source}, which comes from the PostgreSQL table "${table.table}". Declare ` +
        `sources.${source.name}.table as well (a table source may be checked against files, not the other ` +
        `way round), or give ${table.source} as files.`,
    );
  }
}

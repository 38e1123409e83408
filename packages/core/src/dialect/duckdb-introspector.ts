import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

interface ColumnRow {
  schema: string;
  table: string;
  is_view: boolean;
  column: string;
  data_type: string;
  is_nullable: boolean;
  column_default: string | null;
  comment: string | null;
}

const KYSELY_TABLES: ReadonlySet<string> = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);

/** Reads the current database's catalog (DuckDB's `duckdb_*()` functions); temp and attached ones are left out. */
export class DuckDBIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<any>;

  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    // `main` counts as internal in duckdb_schemas(); the catalogs (pg_catalog…) live in the `system` database.
    const { rows } = await sql<SchemaMetadata>`
      select schema_name as name from duckdb_schemas()
      where database_name = current_database() order by name`.execute(this.#db);
    return rows;
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.schema_name as schema, c.table_name as "table", v.view_name is not null as is_view,
             c.column_name as "column", c.data_type, c.is_nullable, c.column_default, c.comment
      from duckdb_columns() c
      left join duckdb_views() v
        on v.database_name = c.database_name and v.schema_name = c.schema_name and v.view_name = c.table_name
      where c.database_name = current_database() and not c.internal
      order by c.schema_name, c.table_name, c.column_index`.execute(this.#db);
    const tables = new Map<string, { metadata: TableMetadata; columns: ColumnMetadata[] }>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLES.has(row.table)) continue;
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        const columns: ColumnMetadata[] = [];
        table = { metadata: { schema: row.schema, name: row.table, isView: row.is_view, columns }, columns };
        tables.set(key, table);
      }
      table.columns.push(columnMetadata(row));
    }
    return [...tables.values()].map(({ metadata }) => metadata);
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

function columnMetadata(row: ColumnRow): ColumnMetadata {
  return {
    name: row.column,
    dataType: row.data_type,
    isNullable: row.is_nullable,
    // DuckDB has no serial type: an auto-incrementing column is one defaulting to a sequence.
    isAutoIncrementing: row.column_default?.startsWith('nextval(') ?? false,
    hasDefaultValue: row.column_default !== null,
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

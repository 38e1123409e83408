import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
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
  has_default: boolean;
}

export class DuckDBIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<any>;

  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select distinct schema_name as name from duckdb_schemas()
      where database_name = current_database() and not internal order by name`.execute(this.#db);
    return rows;
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.schema_name as schema, c.table_name as "table", t.table_name is null as is_view,
             c.column_name as "column", c.data_type, c.is_nullable, c.column_default is not null as has_default
      from duckdb_columns() c
      left join duckdb_tables() t
        on t.database_name = c.database_name and t.schema_name = c.schema_name and t.table_name = c.table_name
      where c.database_name = current_database() and not c.internal
      order by c.schema_name, c.table_name, c.column_index`.execute(this.#db);
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && row.table.startsWith('kysely_')) continue;
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { schema: row.schema, name: row.table, isView: row.is_view, columns: [] };
        tables.set(key, table);
      }
      (table.columns as unknown[]).push({
        name: row.column,
        dataType: row.data_type,
        isNullable: row.is_nullable,
        isAutoIncrementing: false,
        hasDefaultValue: row.has_default,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

import { PostgresQueryCompiler } from 'kysely';

/**
 * DuckDB speaks PostgreSQL's dialect of SQL closely enough ($n placeholders, double-quoted identifiers,
 * `returning`, `on conflict`) that the Postgres compiler serves as is.
 */
export class DuckDBQueryCompiler extends PostgresQueryCompiler {}

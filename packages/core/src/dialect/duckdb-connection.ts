import { type DuckDBConnection, ResultReturnType } from '@duckdb/node-api';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { bindParameters } from './parameter-binding.js';
import { pulseValueConverter } from './value-conversion.js';

const DEFAULT_STREAM_CHUNK_SIZE = 2048;

export class DuckDBKyselyConnection implements DatabaseConnection {
  readonly #connection: DuckDBConnection;

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { values, types } = bindParameters(compiledQuery.parameters);
    const result = await this.#connection.run(compiledQuery.sql, values, types);
    // DuckDB reports what kind of result a statement produced; never guess it from the SQL text.
    if (result.returnType === ResultReturnType.QUERY_RESULT) {
      const rows = (await result.convertRowObjects(pulseValueConverter)) as R[];
      return { rows };
    }
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      return { rows: [], numAffectedRows: BigInt(result.rowsChanged) };
    }
    return { rows: [] };
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = DEFAULT_STREAM_CHUNK_SIZE,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { values, types } = bindParameters(compiledQuery.parameters);
    const result = await this.#connection.stream(compiledQuery.sql, values, types);
    if (result.returnType !== ResultReturnType.QUERY_RESULT) {
      yield { rows: [], numAffectedRows: BigInt(result.rowsChanged) };
      return;
    }
    let pending: R[] = [];
    // Each DuckDB chunk is fetched once and converted once; earlier rows are never re-read.
    for await (const rows of result.yieldConvertedRowObjects(pulseValueConverter)) {
      pending.push(...(rows as R[]));
      while (pending.length >= chunkSize) {
        yield { rows: pending.slice(0, chunkSize) };
        pending = pending.slice(chunkSize);
      }
    }
    if (pending.length > 0) yield { rows: pending };
  }
}

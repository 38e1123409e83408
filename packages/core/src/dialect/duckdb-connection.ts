import { type DuckDBConnection, type DuckDBResult, ResultReturnType } from '@duckdb/node-api';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { StreamChunkSizeError } from './dialect-errors.js';
import { bindParameters } from './parameter-binding.js';
import { rechunk } from './rechunk.js';
import { convertedBatches, readRowObjects, returnsRows } from './result-rows.js';

const DEFAULT_STREAM_CHUNK_SIZE = 2048;

export class DuckDBKyselyConnection implements DatabaseConnection {
  readonly #connection: DuckDBConnection;

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { values, types } = bindParameters(compiledQuery.parameters);
    const result = await this.#connection.run(compiledQuery.sql, values, types);
    if (!returnsRows(result)) return statementResult(result);
    return { rows: await readRowObjects<R>(result) };
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = DEFAULT_STREAM_CHUNK_SIZE,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) {
      throw new StreamChunkSizeError(`stream(${chunkSize}): the chunk size must be a positive integer.`);
    }
    const { values, types } = bindParameters(compiledQuery.parameters);
    // `stream` (unlike `run`) lets DuckDB produce the result chunk by chunk as we fetch it.
    const result = await this.#connection.stream(compiledQuery.sql, values, types);
    if (!returnsRows(result)) {
      yield statementResult(result);
      return;
    }
    for await (const rows of rechunk(convertedBatches<R>(result), chunkSize)) {
      yield { rows };
    }
  }
}

function statementResult<R>(result: DuckDBResult): QueryResult<R> {
  if (result.returnType === ResultReturnType.CHANGED_ROWS) {
    return { rows: [], numAffectedRows: BigInt(result.rowsChanged) };
  }
  return { rows: [] };
}

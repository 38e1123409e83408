import { type DuckDBResult, ResultReturnType } from '@duckdb/node-api';
import { convertChunkToRowObjects } from './value-conversion.js';

/** DuckDB reports what kind of result a statement produced; never guess it from the SQL text. */
export function returnsRows(result: DuckDBResult): boolean {
  return result.returnType === ResultReturnType.QUERY_RESULT;
}

/** One batch of converted rows per DuckDB data chunk (≤ 2048 rows), fetched only when asked for. */
export async function* convertedBatches<R = Record<string, unknown>>(
  result: DuckDBResult,
): AsyncGenerator<R[]> {
  const columnNames = result.deduplicatedColumnNames();
  for await (const chunk of result) {
    yield convertChunkToRowObjects(chunk, columnNames) as R[];
  }
}

/**
 * All rows of a result converted by Pulse's value policy (none for a statement), converting chunk by chunk
 * and naming the column in a ValueConversionError: use it instead of `result.convertRowObjects(...)`.
 */
export async function readRowObjects<R = Record<string, unknown>>(result: DuckDBResult): Promise<R[]> {
  const rows: R[] = [];
  if (!returnsRows(result)) return rows;
  for await (const batch of convertedBatches<R>(result)) {
    for (const row of batch) rows.push(row);
  }
  return rows;
}

// The dialect's own errors: dialect/ imports nothing else of Pulse, so it could be published alone.

/** Base class of the errors the DuckDB dialect raises on purpose; the message says what to do. */
export class DuckDBDialectError extends Error {
  override readonly name: string = 'DuckDBDialectError';
}

/** Kysely asked for a transaction setting DuckDB cannot honour (it only offers snapshot isolation). */
export class UnsupportedTransactionSettingError extends DuckDBDialectError {
  override readonly name = 'UnsupportedTransactionSettingError';
}

/** `stream(chunkSize)` was called with something other than a positive integer. */
export class StreamChunkSizeError extends DuckDBDialectError {
  override readonly name = 'StreamChunkSizeError';
}

/** A value read from DuckDB cannot be represented by the documented JS type (e.g. an integer beyond 2^53). */
export class ValueConversionError extends DuckDBDialectError {
  override readonly name = 'ValueConversionError';
}

/** A JS value passed as a query parameter has no DuckDB type we bind it to. */
export class ParameterBindingError extends DuckDBDialectError {
  override readonly name = 'ParameterBindingError';
}

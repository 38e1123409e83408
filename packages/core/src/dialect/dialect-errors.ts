import { PulseError } from '../errors.js';

/** Kysely asked for a transaction setting DuckDB cannot honour (it only offers snapshot isolation). */
export class UnsupportedTransactionSettingError extends PulseError {
  override readonly name = 'UnsupportedTransactionSettingError';
}

/** `stream(chunkSize)` was called with something other than a positive integer. */
export class StreamChunkSizeError extends PulseError {
  override readonly name = 'StreamChunkSizeError';
}

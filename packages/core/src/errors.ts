/** Base class of every error Pulse raises on purpose: the message says what happened and what to do. */
export class PulseError extends Error {
  override readonly name: string = 'PulseError';
}

/** A value read from DuckDB cannot be represented by the documented JS type (e.g. an integer beyond 2^53). */
export class ValueConversionError extends PulseError {
  override readonly name = 'ValueConversionError';
}

/** A JS value passed as a query parameter has no DuckDB type we bind it to. */
export class ParameterBindingError extends PulseError {
  override readonly name = 'ParameterBindingError';
}

import {
  type DuckDBDataChunk,
  type DuckDBDateValue,
  type DuckDBIntervalValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValueConverter,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';
import { DuckDBDialectError, ValueConversionError } from './dialect-errors.js';

/**
 * The one result-conversion policy of Pulse (mirrored by the zod column types in `model/column-types.ts`;
 * the table is in this folder's README). No `bigint` ever leaves the dialect, so every row is
 * JSON-serialisable apart from `Date` and `Uint8Array`:
 * - TINYINT…BIGINT, HUGEINT, unsigned ints, BIGNUM → `number`; beyond ±2^53−1 → ValueConversionError
 * - DECIMAL, FLOAT, DOUBLE → `number` (DECIMAL through a double: 15–17 significant digits)
 * - DATE → `'YYYY-MM-DD'` string, computed from the day number so the machine's TZ never shifts it
 * - TIMESTAMP (any precision) and TIMESTAMPTZ → `Date` (DuckDB's TIMESTAMP is read as UTC)
 * - TIME, TIME_NS, TIMETZ → `'HH:MM:SS[.ffffff][+HH]'` string; INTERVAL → `{ months, days, micros }` numbers
 * - BOOLEAN, VARCHAR, ENUM, UUID → boolean / string; BLOB → Uint8Array
 * - LIST/ARRAY → array, STRUCT → object, MAP → `{ key, value }[]`, all converted recursively by this policy
 * - `infinity` dates and timestamps, which no JS value represents → ValueConversionError
 */
export const pulseValueConverter: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return safeNumber(value as bigint, type);
    case DuckDBTypeId.DATE:
      return isoDate(value as DuckDBDateValue);
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIME_TZ:
      return String(value);
    case DuckDBTypeId.INTERVAL: {
      const { months, days, micros } = value as DuckDBIntervalValue;
      return { months, days, micros: safeNumber(micros, type) };
    }
    default:
      return withPolicyError(type, () =>
        JSDuckDBValueConverter(value, type, converter as Parameters<typeof JSDuckDBValueConverter>[2]),
      );
  }
};

/**
 * Converts one DuckDB data chunk to row objects, column by column, naming the column in any
 * ValueConversionError so the message points at the expression to cast.
 */
export function convertChunkToRowObjects(
  chunk: DuckDBDataChunk,
  columnNames: readonly string[],
): Record<string, unknown>[] {
  const columns = columnNames.map((name, columnIndex) => {
    try {
      return chunk.convertColumnValues(columnIndex, pulseValueConverter);
    } catch (error) {
      if (!(error instanceof ValueConversionError)) throw error;
      throw new ValueConversionError(`Column "${name}": ${error.message}`, { cause: error });
    }
  });
  const rows: Record<string, unknown>[] = new Array(chunk.rowCount);
  for (let rowIndex = 0; rowIndex < chunk.rowCount; rowIndex++) {
    const row: Record<string, unknown> = {};
    columnNames.forEach((name, columnIndex) => {
      row[name] = columns[columnIndex]![rowIndex];
    });
    rows[rowIndex] = row;
  }
  return rows;
}

function safeNumber(value: bigint, type: DuckDBType): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ValueConversionError(
      `A ${type.toString()} value ${value} is outside JavaScript's safe-integer range (±${Number.MAX_SAFE_INTEGER}); ` +
        'cast it to DOUBLE or VARCHAR in the query if you need it.',
    );
  }
  return Number(value);
}

const MS_PER_DAY = 86_400_000;
// JS Dates span ±10^8 days around 1970; DuckDB's `infinity` dates (±2^31−1 days) lie beyond.
const MAX_JS_DAYS = 100_000_000;

function isoDate(value: DuckDBDateValue): string {
  if (Math.abs(value.days) > MAX_JS_DAYS) {
    throw new ValueConversionError(
      `The DATE value ${value.toString()} (day ${value.days}, e.g. 'infinity') has no 'YYYY-MM-DD' form; ` +
        'filter it out or cast it to VARCHAR in the query.',
    );
  }
  // A UTC ISO string of midnight UTC: no local-time component is involved anywhere.
  const iso = new Date(value.days * MS_PER_DAY).toISOString();
  // Years beyond 9999 come back as '+010000-01-01T…'; keep the date part whatever its width.
  return iso.slice(0, iso.indexOf('T'));
}

/** The stock converter throws plain Errors (e.g. for `infinity` timestamps); give them Pulse's type. */
function withPolicyError<T>(type: DuckDBType, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof DuckDBDialectError) throw error;
    throw new ValueConversionError(
      `Cannot convert a ${type.toString()} value to JS: ${(error as Error).message}; ` +
        'filter such values out or cast the column to VARCHAR in the query.',
      { cause: error },
    );
  }
}

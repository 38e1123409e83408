import {
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';
import { ValueConversionError } from '../errors.js';

/**
 * The one result-conversion policy of Pulse (mirrored by the zod column types in `model/column-types.ts`):
 * - TINYINT…BIGINT, HUGEINT, unsigned ints → `number`; outside the safe-integer range → ValueConversionError
 * - DECIMAL, FLOAT, DOUBLE → `number`
 * - DATE → `'YYYY-MM-DD'` string, computed from the day number so the machine's TZ never shifts it
 * - TIMESTAMP (and TIMESTAMPTZ) → `Date` (an instant; DuckDB TIMESTAMP is read as UTC)
 * - BOOLEAN → boolean, VARCHAR → string, LIST/ARRAY → array, STRUCT → object (converted recursively)
 */
export const pulseValueConverter: DuckDBValueConverter<unknown> = (value, type, converter) => {
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return safeNumber(value as bigint, type);
    case DuckDBTypeId.DATE:
      return dateString(value);
    default:
      return JSDuckDBValueConverter(value, type, converter as Parameters<typeof JSDuckDBValueConverter>[2]);
  }
};

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

function dateString(value: DuckDBValue): string {
  const days = (value as { days: number }).days;
  const iso = new Date(days * MS_PER_DAY).toISOString();
  // Years beyond 9999 come back as '+010000-01-01T…'; keep the date part whatever its width.
  return iso.slice(0, iso.indexOf('T'));
}

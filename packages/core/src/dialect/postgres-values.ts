import type pg from 'pg';
import { ValueConversionError } from './dialect-errors.js';

// Pulse's value policy (README.md of this folder) on the PostgreSQL side: the same JS values for the same
// column types, so a model, a data test or a fixture sees one set of types whatever the engine.

const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  int8Array: 1016,
  dateArray: 1182,
} as const;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new ValueConversionError(
      `A BIGINT value ${text} is outside ±(2^53−1): no JS number holds it exactly.`,
    );
  }
  return value;
}

/** PostgreSQL's zone-less TIMESTAMP read as UTC, like DuckDB's (sub-millisecond digits dropped). */
function parseTimestamp(text: string): Date {
  if (text === 'infinity' || text === '-infinity') {
    throw new ValueConversionError(`The TIMESTAMP ${text} has no JS value.`);
  }
  return new Date(`${text.replace(' ', 'T')}Z`);
}

function parseDate(text: string): string {
  if (text === 'infinity' || text === '-infinity') {
    throw new ValueConversionError(`The DATE ${text} has no JS value.`);
  }
  return text;
}

/**
 * The `types` option of a node-postgres pool: Pulse's parsers for these types, node-postgres's for the
 * rest. node-postgres is passed in: it is imported only when a PostgreSQL target is used (~40 ms of every
 * `pulse` process otherwise).
 */
export function pulsePostgresTypes(types: typeof pg.types) {
  const arrayOf =
    (element: (text: string) => unknown) =>
    (text: string): unknown[] =>
      (types.getTypeParser(1009 as never) as (text: string) => (string | null)[])(text).map((item) =>
        item === null ? null : element(item),
      );
  const parsers = new Map<number, (text: string) => unknown>([
    [OID.int8, parseInt8],
    [OID.numeric, Number],
    [OID.date, parseDate],
    [OID.timestamp, parseTimestamp],
    [OID.int8Array, arrayOf(parseInt8)],
    [OID.dateArray, arrayOf(parseDate)],
  ]);
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
      return parsers.get(oid) ?? (types.getTypeParser as (oid: number, format?: string) => any)(oid, format);
    },
  };
}

/**
 * The DuckDB name of a PostgreSQL column type (from `information_schema.columns.udt_name`), so the model
 * contracts (`duckdbTypeOf`) are checked the same way on both engines: `float8` → DOUBLE, `int4` →
 * INTEGER, `text` → VARCHAR, `_text` → VARCHAR[] …
 */
export function duckdbNameOfPostgresType(
  udtName: string,
  precision?: number | null,
  scale?: number | null,
): string {
  if (udtName.startsWith('_')) return `${duckdbNameOfPostgresType(udtName.slice(1))}[]`;
  switch (udtName) {
    case 'float8':
      return 'DOUBLE';
    case 'float4':
      return 'FLOAT';
    case 'int2':
      return 'SMALLINT';
    case 'int4':
      return 'INTEGER';
    case 'int8':
      return 'BIGINT';
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
      return 'VARCHAR';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'timestamptz':
      return 'TIMESTAMP WITH TIME ZONE';
    case 'numeric':
      return precision == null ? 'DECIMAL' : `DECIMAL(${precision},${scale ?? 0})`;
    case 'interval':
      return 'INTERVAL';
    case 'bytea':
      return 'BLOB';
    default:
      return udtName.toUpperCase();
  }
}

/** The PostgreSQL column type for a DuckDB one (`DOUBLE` → `double precision`, `VARCHAR[]` → `text[]` …). */
export function postgresTypeOfDuckdb(duckdbType: string): string {
  const type = duckdbType.trim().toUpperCase();
  if (type.endsWith('[]')) return `${postgresTypeOfDuckdb(type.slice(0, -2))}[]`;
  if (type.startsWith('DECIMAL') || type.startsWith('NUMERIC')) return type.replace(/^DECIMAL/, 'numeric');
  switch (type) {
    case 'DOUBLE':
      return 'double precision';
    case 'FLOAT':
      return 'real';
    case 'TINYINT':
    case 'SMALLINT':
      return 'smallint';
    case 'INTEGER':
      return 'integer';
    case 'BIGINT':
    case 'HUGEINT':
      return 'bigint';
    case 'VARCHAR':
      return 'text';
    case 'BOOLEAN':
      return 'boolean';
    case 'DATE':
      return 'date';
    case 'TIMESTAMP':
      return 'timestamp';
    case 'TIMESTAMP WITH TIME ZONE':
      return 'timestamptz';
    case 'INTERVAL':
      return 'interval';
    case 'BLOB':
      return 'bytea';
    default:
      throw new ValueConversionError(
        `The DuckDB type ${duckdbType} has no PostgreSQL column type in Pulse's policy.`,
      );
  }
}

/**
 * A JS parameter as a PostgreSQL literal, typed like DuckDB binds it (parameter-binding.ts): PostgreSQL's
 * utility statements (`create table … as`) take no bound parameters, so the query's are written in.
 */
export function postgresLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1) return `${value}`;
    if (Number.isSafeInteger(value)) return `${value}::bigint`;
    return `'${value}'::double precision`;
  }
  if (typeof value === 'bigint') return `${value}::bigint`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Date) return `'${value.toISOString().replace('T', ' ').replace('Z', '')}'::timestamp`;
  if (Array.isArray(value)) {
    const strings = value.every((item) => typeof item === 'string' || item === null);
    const body = value.map(postgresLiteral).join(', ');
    return strings ? `array[${body}]::text[]` : `array[${body}]`;
  }
  throw new ValueConversionError(`Cannot write ${JSON.stringify(value)} as a PostgreSQL literal.`);
}

/** Replaces `$1`, `$2` … outside quoted text with the parameters as literals. */
export function inlineParameters(sqlText: string, parameters: readonly unknown[]): string {
  if (parameters.length === 0) return sqlText;
  return sqlText.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, index: string | undefined) =>
    index === undefined ? match : postgresLiteral(parameters[Number(index) - 1]),
  );
}

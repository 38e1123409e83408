import {
  BIGINT,
  BLOB,
  BOOLEAN,
  blobValue,
  DOUBLE,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  SQLNULL,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import { ParameterBindingError } from '../errors.js';

export interface BoundParameters {
  readonly values: DuckDBValue[];
  readonly types: DuckDBType[];
}

/**
 * Binds every parameter with an explicit DuckDB type, so DuckDB never has to guess (a guess is what makes
 * `Date` and `[]` fail with "Cannot create values of type ANY" and `bigint` bind as HUGEINT).
 * number → INTEGER when it is a 32-bit integer, else DOUBLE; bigint → BIGINT; string → VARCHAR;
 * boolean → BOOLEAN; Date → TIMESTAMP (UTC instant); Uint8Array → BLOB; array → LIST of its element type
 * (VARCHAR for an empty or all-null array); null/undefined → NULL.
 */
export function bindParameters(parameters: readonly unknown[]): BoundParameters {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  parameters.forEach((parameter, index) => {
    const [value, type] = bindOne(parameter, index);
    values.push(value);
    types.push(type);
  });
  return { values, types };
}

function bindOne(parameter: unknown, index: number): [DuckDBValue, DuckDBType] {
  if (parameter === null || parameter === undefined) return [null, SQLNULL];
  if (typeof parameter === 'string') return [parameter, VARCHAR];
  if (typeof parameter === 'boolean') return [parameter, BOOLEAN];
  if (typeof parameter === 'bigint') return [parameter, BIGINT];
  if (typeof parameter === 'number') {
    const isInt32 = Number.isInteger(parameter) && parameter >= -(2 ** 31) && parameter < 2 ** 31;
    return [parameter, isInt32 ? INTEGER : DOUBLE];
  }
  if (parameter instanceof Date) {
    if (Number.isNaN(parameter.getTime())) {
      throw new ParameterBindingError(
        `Parameter $${index + 1} is an invalid Date; pass a valid Date or null.`,
      );
    }
    return [timestampValue(BigInt(parameter.getTime()) * 1000n), TIMESTAMP];
  }
  if (parameter instanceof Uint8Array) return [blobValue(parameter), BLOB];
  if (Array.isArray(parameter)) return bindList(parameter, index);
  throw new ParameterBindingError(
    `Parameter $${index + 1} has type ${describe(parameter)}, which Pulse does not bind; ` +
      'pass a string, number, bigint, boolean, Date, Uint8Array, array or null.',
  );
}

function bindList(items: readonly unknown[], index: number): [DuckDBValue, DuckDBType] {
  const bound = items.map((item) => bindOne(item, index));
  const elementTypes = bound.map(([, type]) => type).filter((type) => type !== SQLNULL);
  let elementType: DuckDBType = elementTypes[0] ?? VARCHAR;
  // Mixed INTEGER and DOUBLE elements widen to DOUBLE rather than failing.
  if (
    elementTypes.some((type) => type === DOUBLE) &&
    elementTypes.every((t) => t === DOUBLE || t === INTEGER)
  ) {
    elementType = DOUBLE;
  }
  const mismatch = elementTypes.find(
    (type) => type.toString() !== elementType.toString() && elementType !== DOUBLE,
  );
  if (mismatch) {
    throw new ParameterBindingError(
      `Parameter $${index + 1} is an array mixing ${elementType.toString()} and ${mismatch.toString()} elements; ` +
        'a DuckDB LIST holds one element type.',
    );
  }
  return [listValue(bound.map(([value]) => value)), LIST(elementType)];
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}

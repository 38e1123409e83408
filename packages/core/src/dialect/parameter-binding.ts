import {
  BIGINT,
  BLOB,
  BOOLEAN,
  blobValue,
  DOUBLE,
  DuckDBListType,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  SQLNULL,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import { ParameterBindingError } from './dialect-errors.js';

export interface BoundParameters {
  readonly values: DuckDBValue[];
  readonly types: DuckDBType[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * Binds every parameter with an explicit DuckDB type, so DuckDB never has to guess (a guess is what makes
 * `Date` and `[]` fail with "Cannot create values of type ANY" and `bigint` bind as HUGEINT).
 *
 * | JS value                         | DuckDB type                                        |
 * |----------------------------------|----------------------------------------------------|
 * | number, 32-bit integer           | INTEGER                                            |
 * | number, other safe integer       | BIGINT (so `range($1)`, `$1 // 2` stay integer)    |
 * | number, anything else (incl. -0) | DOUBLE                                             |
 * | bigint                           | BIGINT (outside its range → ParameterBindingError) |
 * | string / boolean                 | VARCHAR / BOOLEAN                                  |
 * | Date                             | TIMESTAMP, the UTC wall-clock of the instant       |
 * | Uint8Array                       | BLOB                                               |
 * | array                            | LIST of the unified element type (see below)       |
 * | null / undefined                 | NULL                                               |
 *
 * An array's elements are unified: INTEGER ⊂ BIGINT ⊂ DOUBLE widen, NULLs and empty lists adopt their
 * siblings' type, an empty or all-NULL array is a `"NULL"[]` like DuckDB's own `[]` literal (it casts to
 * any list type), and anything else mixed is a ParameterBindingError.
 */
export function bindParameters(parameters: readonly unknown[]): BoundParameters {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  parameters.forEach((parameter, index) => {
    const position = `Parameter $${index + 1}`;
    const type = inferType(parameter, position);
    values.push(toDuckDBValue(parameter, type, position));
    types.push(type);
  });
  return { values, types };
}

function inferType(value: unknown, position: string): DuckDBType {
  if (value === null || value === undefined) return SQLNULL;
  switch (typeof value) {
    case 'string':
      return VARCHAR;
    case 'boolean':
      return BOOLEAN;
    case 'bigint':
      return BIGINT;
    case 'number':
      return numberType(value);
  }
  if (value instanceof Date) return TIMESTAMP;
  if (value instanceof Uint8Array) return BLOB;
  if (Array.isArray(value)) {
    let elementType: DuckDBType = SQLNULL;
    for (const item of value) elementType = unify(elementType, inferType(item, position), position);
    return LIST(elementType);
  }
  throw new ParameterBindingError(
    `${position} has type ${describe(value)}, which Pulse does not bind; ` +
      'pass a string, number, bigint, boolean, Date, Uint8Array, array or null (JSON.stringify an object).',
  );
}

function numberType(value: number): DuckDBType {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return DOUBLE;
  return value >= INT32_MIN && value <= INT32_MAX ? INTEGER : BIGINT;
}

const NUMERIC_WIDTH: Partial<Record<DuckDBTypeId, number>> = {
  [DuckDBTypeId.INTEGER]: 1,
  [DuckDBTypeId.BIGINT]: 2,
  [DuckDBTypeId.DOUBLE]: 3,
};

/** The one type two sibling array elements can share, or a ParameterBindingError naming both. */
function unify(left: DuckDBType, right: DuckDBType, position: string): DuckDBType {
  if (left.typeId === DuckDBTypeId.SQLNULL) return right;
  if (right.typeId === DuckDBTypeId.SQLNULL) return left;
  if (left instanceof DuckDBListType && right instanceof DuckDBListType) {
    return LIST(unify(left.valueType, right.valueType, position));
  }
  const leftWidth = NUMERIC_WIDTH[left.typeId];
  const rightWidth = NUMERIC_WIDTH[right.typeId];
  if (leftWidth !== undefined && rightWidth !== undefined) return leftWidth >= rightWidth ? left : right;
  if (left.typeId === right.typeId) return left;
  throw new ParameterBindingError(
    `${position} is an array mixing ${left.toString()} and ${right.toString()} elements; ` +
      'a DuckDB LIST holds one element type, so convert the elements to one JS type first.',
  );
}

/** Builds the DuckDB value of `value` as the (possibly widened) `type` chosen for it. */
function toDuckDBValue(value: unknown, type: DuckDBType, position: string): DuckDBValue {
  if (value === null || value === undefined) return null;
  if (type instanceof DuckDBListType) {
    return listValue((value as unknown[]).map((item) => toDuckDBValue(item, type.valueType, position)));
  }
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
      return toBigint(value as number | bigint, position);
    case DuckDBTypeId.DOUBLE:
      return toDouble(value as number | bigint, position);
    case DuckDBTypeId.TIMESTAMP:
      return toTimestamp(value as Date, position);
    case DuckDBTypeId.BLOB:
      return blobValue(value as Uint8Array);
    default:
      return value as DuckDBValue;
  }
}

function toBigint(value: number | bigint, position: string): bigint {
  const big = BigInt(value);
  if (big < BIGINT_MIN || big > BIGINT_MAX) {
    throw new ParameterBindingError(
      `${position} (${big}) does not fit DuckDB's BIGINT; pass it as a string and cast it in SQL ` +
        '(e.g. `$1::HUGEINT`).',
    );
  }
  return big;
}

function toDouble(value: number | bigint, position: string): number {
  if (typeof value === 'number') return value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ParameterBindingError(
      `${position} mixes fractional numbers with the bigint ${value}, which a DOUBLE cannot hold exactly; ` +
        'keep the array all-bigint or all-number.',
    );
  }
  return Number(value);
}

function toTimestamp(value: Date, position: string): DuckDBValue {
  const millis = value.getTime();
  if (Number.isNaN(millis)) {
    throw new ParameterBindingError(`${position} is an invalid Date; pass a valid Date or null.`);
  }
  return timestampValue(BigInt(millis) * 1000n);
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}

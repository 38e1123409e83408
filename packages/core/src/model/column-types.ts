import type { z } from 'zod';
import { PulseError } from '../errors.js';

/**
 * The zod side of the result-conversion policy (see `dialect/value-conversion.ts`): each zod column
 * type names the one DuckDB type a relation must have for that column.
 *
 * | zod                      | DuckDB    | JS value         |
 * |--------------------------|-----------|------------------|
 * | `z.int()`                | INTEGER   | number           |
 * | `z.bigint()`             | BIGINT    | number within ±(2^53−1), else an error: for 64-bit hashes, read as text |
 * | `z.number()`             | DOUBLE    | number           |
 * | `z.string()`, `z.enum()` | VARCHAR   | string           |
 * | `z.iso.date()`           | DATE      | 'YYYY-MM-DD'     |
 * | `z.date()`               | TIMESTAMP | Date (UTC)       |
 * | `z.boolean()`            | BOOLEAN   | boolean          |
 * | `z.array(T)`             | T[]       | array            |
 * `.nullable()` / `.optional()` wrap any of them.
 */
export function duckdbTypeOf(schema: z.ZodType, column = '?'): string {
  const def = unwrap(schema)._zod.def as { type: string; format?: string; element?: z.ZodType };
  switch (def.type) {
    case 'number':
      return def.format === 'safeint' || def.format === 'int32' ? 'INTEGER' : 'DOUBLE';
    case 'bigint':
      return 'BIGINT';
    case 'string':
      return def.format === 'date' ? 'DATE' : 'VARCHAR';
    case 'enum':
    case 'literal':
      return 'VARCHAR';
    case 'date':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
    case 'array':
      return `${duckdbTypeOf(def.element!, column)}[]`;
    default:
      throw new PulseError(
        `Column "${column}" uses zod type "${def.type}", which has no DuckDB type in Pulse's policy; ` +
          'use z.int(), z.bigint(), z.number(), z.string(), z.enum(), z.iso.date(), z.date(), z.boolean() or z.array().',
      );
  }
}

export function isNullable(schema: z.ZodType): boolean {
  const type = (schema._zod.def as { type: string }).type;
  return type === 'nullable' || type === 'optional';
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

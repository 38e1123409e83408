import { z } from 'zod';
import type { JsonValue } from '../json-safe.js';

/** Any JSON value; named so the generated JSON Schemas share one readable `$defs/JsonValue`. */
export const jsonValueSchema: z.ZodType<JsonValue> = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.lazy(() => jsonValueSchema)),
    z.record(
      z.string(),
      z.lazy(() => jsonValueSchema),
    ),
  ])
  .meta({ id: 'JsonValue' });

export const jsonRecordSchema = z.record(z.string(), jsonValueSchema);

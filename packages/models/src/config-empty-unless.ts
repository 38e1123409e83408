import { z } from 'zod';

/**
 * `empty_unless` of a `sources.<source>` entry and of a shipped mapping file: per canonical column, the
 * export column and values on whose rows its value holds; elsewhere it is read as empty
 * (packages/core/src/ingest/empty-unless.ts). dbt_zendesk's ticket metrics keep a reopened ticket's last
 * solve time, so resolved_at holds only where status is solved or closed.
 */
export const emptyUnlessSchema = z
  .record(
    z.string(),
    z
      .object({
        column: z
          .string()
          .regex(/\S/, 'must name a column (or a dotted JSON key) of the export')
          .describe(
            'the export column that tells the rows, matched case-insensitively after trimming: "status"',
          ),
        values: z
          .array(z.string().regex(/\S/, 'must be a value of the column, not empty'))
          .min(1, 'list at least one value on whose rows the column holds')
          .describe(
            'the values on whose rows the column is read, matched case-insensitively after trimming: ["solved", "closed"]',
          ),
      })
      .strict(),
  )
  .describe(
    'canonical column → the rows its value holds on; elsewhere it is read as empty: { "resolved_at": { "column": "status", "values": ["solved", "closed"] } }',
  );

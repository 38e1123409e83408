import { z } from 'zod';

/**
 * `leave_out` of a `sources.<source>` entry and of a shipped mapping file: export rows that are no rows of
 * the source (Zendesk's soft-deleted tickets), left out before judging and counted per file and reason
 * (packages/core/src/ingest/rows-left-out.ts), never dropped silently.
 */
export const leaveOutSchema = z
  .array(
    z
      .object({
        column: z
          .string()
          .regex(/\S/, 'must name a column (or a dotted JSON key) of the export')
          .describe('the export column to look at, matched case-insensitively after trimming: "status"'),
        values: z
          .array(z.string().regex(/\S/, 'must be a value of the column, not empty'))
          .min(1, 'list at least one value whose rows are left out')
          .describe(
            'the values whose rows are left out, matched case-insensitively after trimming: ["deleted"]',
          ),
        reason: z
          .string()
          .regex(/\S/, 'must say in plain words what such rows are, e.g. "deleted"')
          .describe(
            'what such rows are, in plain words: the summary says "1 row left out as <reason> (<column> <value>)"',
          ),
        optional: z
          .boolean()
          .optional()
          .describe(
            "true when files may lack the column (a bookkeeping column a sync adds to some tables only, such as Fivetran's _fivetran_deleted): such a file is read whole without a warning",
          ),
      })
      .strict(),
  )
  .min(1, 'list at least one rule, or leave leave_out out')
  .describe(
    'rows that are no rows of the source, left out and counted: [{ "column": "status", "values": ["deleted"], "reason": "deleted" }]',
  );

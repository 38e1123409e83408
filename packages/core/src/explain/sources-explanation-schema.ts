import { z } from 'zod';

const count = z.int().nonnegative();

/** One vendor file that gave a source rows (or could have: an empty file counts). */
export const fileRowsSchema = z.object({
  file: z.string().describe('the file, relative to the data folder, as `_file` and quarantine.file hold it'),
  table: z.string().nullable().describe("the preset's vendor table the file was read as, else null"),
  read: count.describe(
    'rows read: the vendor table rows of a preset, else loaded + quarantined + ignored (left out)',
  ),
  loaded: count.describe('rows of raw.<source> from this file'),
  quarantined: count.describe('rows of quarantine.<source> from this file'),
  ignored: count.describe(
    "rows read that gave no canonical row: by a preset's design (draft invoices, proration credits, merged periods), or left out by a leave_out rule of the mapping (deleted tickets)",
  ),
});

export const columnFeedSchema = z.object({
  column: z.string().describe('the canonical column'),
  from: z.string().nullable().describe('the vendor column (or preset field) read, null when none feeds it'),
  kind: z.enum(['own_name', 'mapped', 'preset']),
  format: z
    .union([z.string(), z.array(z.string()).readonly()])
    .nullable()
    .describe('sources.<source>.formats of the column (one format, or a list tried in order), else null'),
  values: z
    .record(z.string(), z.string())
    .nullable()
    .describe('sources.<source>.values of the column (vendor value → canonical value), else null'),
  empty_unless: z
    .object({ column: z.string(), values: z.array(z.string()).readonly() })
    .nullable()
    .describe(
      'sources.<source>.empty_unless of the column: the export column and values on whose rows its value is read, else null',
    ),
  time_zone: z
    .string()
    .nullable()
    .describe(
      'sources.<source>.time_zone, on a timestamp column whose values it moves: the zone its values without an offset are read in; null when none is set (UTC) or its values all name their zone (epochs, a format with %z, Parquet timestamps with a time zone)',
    ),
});

export const sourceExplanationSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  origin: z.enum(['canonical', 'mapping', 'preset', 'not_present']),
  preset: z.string().nullable().describe('the preset feeding the source, else null'),
  origin_label: z.string().describe('the origin as `pulse sources` prints it'),
  path: z.string().nullable().describe('the file, folder or glob read, relative to the data folder'),
  columns: z.array(columnFeedSchema),
  files: z.array(fileRowsSchema).describe('in file order (byte-wise by path)'),
  lookups: z
    .array(z.object({ file: z.string(), table: z.string(), read: count }))
    .describe('preset only: vendor files the source looks values up in (prices, products), giving no row'),
  left_out: z
    .array(z.object({ file: z.string(), reason: z.string(), rows: count }))
    .describe(
      'mapping only: rows its leave_out rules left out, per file and reason ("deleted (status deleted)")',
    ),
  total: z.object({ files: count, read: count, loaded: count, quarantined: count, ignored: count }),
});

/** `pulse sources --json`: per source, in ingestion order, where its rows came from. */
export const sourcesExplanationSchema = z.object({
  warehouse: z.string(),
  config_file: z.string().nullable(),
  sources: z.array(sourceExplanationSchema),
});

export type FileRows = z.infer<typeof fileRowsSchema>;
export type SourceExplanation = z.infer<typeof sourceExplanationSchema>;
export type SourcesExplanation = z.infer<typeof sourcesExplanationSchema>;

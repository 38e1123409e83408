import { z } from 'zod';
import { DATA_TEST_KINDS } from '../model/data-test.js';
import { artifactMetadataSchema } from './artifact-metadata.js';
import { jsonRecordSchema } from './json-value-schema.js';

export const RUN_RESULTS_SCHEMA_VERSION = 'urn:pulse:run-results:v1';

const timestamp = z.iso.datetime();

const testResultSchema = z
  .object({
    name: z.string().describe('Test name, stable across runs (e.g. unique_mrr_monthly_month__segment).'),
    kind: z.enum(DATA_TEST_KINDS),
    severity: z.enum(['error', 'warn']),
    status: z
      .enum(['pass', 'fail', 'warn', 'error'])
      .describe('warn: failed with severity warn; error: the test query could not run.'),
    failures: z.int().min(0).describe('Number of failing rows the test query returned.'),
    failing_rows: z.array(jsonRecordSchema).max(5).describe('The first failing rows (at most 5).'),
    message: z.string().nullable(),
    execution_time: z.number().min(0).describe('Seconds.'),
  })
  .strict();

const nodeResultSchema = z
  .object({
    unique_id: z
      .string()
      .regex(/^model\./)
      .describe('`model.<name>`, as in manifest.json.'),
    name: z.string(),
    relation_name: z.string().describe('`schema.name` in the warehouse.'),
    layer: z.enum(['staging', 'intermediate', 'marts']),
    materialized: z.enum(['view', 'table', 'incremental']),
    status: z
      .enum(['success', 'error', 'skipped'])
      .describe('error: failed to build, broke its contract or failed an error-severity test.'),
    started_at: timestamp.nullable().describe('Null when skipped.'),
    completed_at: timestamp.nullable(),
    execution_time: z.number().min(0).describe('Seconds spent building and testing the model.'),
    rows: z.int().min(0).nullable().describe('Rows in the relation; null for views and skipped models.'),
    message: z.string().nullable().describe('Why the model failed or was skipped.'),
    failed_ancestor: z.string().nullable().describe('For a skipped model: the failed upstream model.'),
    export_path: z.string().nullable().describe('Parquet copy, relative to the workspace root.'),
    tests: z.array(testResultSchema),
    kept_from_run: z
      .uuid()
      .optional()
      .describe(
        'Set when this run kept the model as an earlier run built it (a refresh in which nothing it depends on ' +
          "changed, or a `--select` build that did not select it): that run's invocation_id. The entry's other " +
          "fields are that run's, carried over.",
      ),
  })
  .strict();

/** One model's entry in run_results.json. */
export type NodeResultEntry = z.infer<typeof nodeResultSchema>;

/** Just the entries of a run_results.json, each checked, as a later refresh carries over those it keeps. */
export const runResultsEntriesSchema = z.object({
  metadata: z.object({ invocation_id: z.uuid() }),
  results: z.array(nodeResultSchema),
});

const quarantineExampleSchema = z
  .object({
    file: z.string().describe('Relative to the data folder.'),
    line: z.int().min(0).describe('Physical line in the file (header = line 1).'),
    column: z.string().nullable(),
    reason_code: z.string(),
    reason: z.string(),
  })
  .strict();

const rowsLeftOutSchema = z
  .object({
    file: z
      .string()
      .nullable()
      .describe(
        "The file the rows are in, relative to the data folder; null when only the vendor table is known (a preset's derivation).",
      ),
    vendor_table: z
      .string()
      .nullable()
      .describe(
        "For a source derived by a preset: the vendor table of the rows (Stripe's `invoice`); else null.",
      ),
    reason: z
      .string()
      .describe(
        "Why, in the words the build summary prints after the count: `left out as deleted (status deleted)` for a `leave_out` rule, the preset's own words (`left out as drafts`) for a derivation.",
      ),
    rows: z.int().min(1),
  })
  .strict();

export const sourceSummarySchema = z
  .object({
    name: z.string(),
    files: z.array(z.string()).describe('Files read, relative to the data folder.'),
    rows_read: z.int().min(0),
    rows_loaded: z.int().min(0).describe('Rows that passed validation into raw.<source>.'),
    rows_quarantined: z.int().min(0).describe('Rows sent to quarantine.<source>.'),
    by_reason: z.record(z.string(), z.int().min(0)).describe('Quarantined rows per reason_code.'),
    examples: z
      .array(quarantineExampleSchema)
      .max(5)
      .optional()
      .describe(
        'The first quarantined rows in file order (at most 5); absent when the ingest step gives none.',
      ),
    latest_record_at: timestamp
      .nullable()
      .optional()
      .describe(
        "Newest value of the source's first date, timestamp or month column after ingestion (as `pulse status` dates it); null without rows.",
      ),
    rows_left_out: z
      .array(rowsLeftOutSchema)
      .optional()
      .describe(
        "Rows left out on purpose, neither loaded nor quarantined and so not in rows_read: a mapping's `leave_out` rule's per file and reason, a preset derivation's (Stripe's drafts, test mode …) per vendor table and reason; after a refresh, those of the files it kept too. Empty when none; absent when the ingest step does not say (a run_results.json written before Pulse recorded them).",
      ),
  })
  .strict()
  .describe(
    'Nothing is lost: rows_read = rows_loaded + rows_quarantined, and the rows left out on purpose before that are counted in rows_left_out.',
  );

const targetResultSchema = z
  .object({
    metric: z.string().describe('The mart column, `<mart>.<column>`.'),
    segment: z.string(),
    operator: z.enum(['<', '>']),
    threshold: z.number(),
    month: z.iso.date().nullable().describe('The month judged: the latest complete month at as_of.'),
    value: z.number().nullable().describe("The mart's value that month; null when it has none."),
    status: z
      .enum(['met', 'breached', 'no_data', 'error'])
      .describe('no_data: no value that month (not judged); error: the target cannot be evaluated.'),
    message: z.string().describe('One line, as `pulse check` prints it.'),
  })
  .strict();

export const runResultsSchema = z
  .object({
    metadata: artifactMetadataSchema(RUN_RESULTS_SCHEMA_VERSION),
    args: z
      .object({
        command: z.enum(['build', 'refresh', 'test']),
        select: z.string().nullable(),
        strict: z.boolean(),
        data_dir: z.string().nullable(),
        warehouse: z.string(),
        config_file: z.string().nullable().describe('The pulse.config.json used; null when defaults only.'),
      })
      .strict(),
    status: z.enum(['success', 'error']).describe('success when every selected model succeeded.'),
    as_of: z.iso.date().nullable().describe('The last day that counts, when the project has an as_of var.'),
    vars: jsonRecordSchema.describe('The project variables the models were built with.'),
    started_at: timestamp,
    finished_at: timestamp,
    elapsed_time: z.number().min(0).describe('Seconds.'),
    sources: z.array(sourceSummarySchema).describe('Ingestion summary; empty for `pulse test`.'),
    results: z
      .array(nodeResultSchema)
      .describe(
        'One entry per model, in build order: those this run built, and those it kept as they were (`kept_from_run`).',
      ),
    targets: z
      .array(targetResultSchema)
      .describe(
        'Config `targets` judged on the latest complete month, in config order; empty for `pulse test`.',
      ),
    digest: z
      .object({
        month: z.iso.date().nullable().describe('The month summarised: the latest complete month at as_of.'),
        markdown: z.string().describe('The text, as `pulse digest` prints it.'),
      })
      .strict()
      .nullable()
      .optional()
      .describe(
        "The project's digest of the latest complete month in plain words (Markdown), as `pulse digest` prints it and the report site's overview shows it; null for `pulse test` or a project without one.",
      ),
  })
  .strict()
  .meta({ title: 'Pulse run results', description: 'What one `pulse build` or `pulse test` did.' });

export type RunResultsArtifact = z.infer<typeof runResultsSchema>;
export type SourceSummary = z.infer<typeof sourceSummarySchema>;

import { closestMatch, formatProblem, formatsTried } from '@pulse/core';
import { z } from 'zod';
import { emptyUnlessSchema } from './config-empty-unless.js';
import { leaveOutSchema } from './config-leave-out.js';
import { timeZoneSchema } from './config-time-zone.js';
import { sources } from './sources/index.js';

const vendorColumn = z.string().regex(/\S/, 'must name a column of the export');

/** Inside the data folder: relative, no `..`, `/`-separated. */
const relativePath = z
  .string()
  .regex(/\S/, 'must name a file, folder or glob in the data folder')
  .refine(
    (path) =>
      !/^([/\\]|[A-Za-z]:)/.test(path.trim()) && !path.split(/[/\\]/).includes('..') && !path.includes('\\'),
    'must be relative to the data folder, with / between folders and no ..',
  );

const sourceMapping = z
  .object({
    path: relativePath
      .optional()
      .describe(
        'a file, a folder or a glob (* within a name, ** across folders), relative to the data folder',
      ),
    table: z
      .string()
      .regex(
        /^\s*[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?\s*$/,
        'must name a table or view of the PostgreSQL target as schema.table (letters, digits, _ and $)',
      )
      .optional()
      .describe(
        'instead of files: an existing table or view of the PostgreSQL target, "schema.table", judged on the server (engine "postgres" only)',
      ),
    key: z
      .array(vendorColumn)
      .min(1)
      .optional()
      .describe(
        "with table: the columns that identify a row; quarantine lines number the rows in this order (default: the table's primary key)",
      ),
    columns: z
      .record(z.string(), vendorColumn)
      .optional()
      .describe("canonical column → the export's column name (matched case-insensitively after trimming)"),
    values: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .describe("canonical column → { export's value: canonical value }, matched exactly after trimming"),
    formats: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .optional()
      .describe(
        'canonical column → how the export writes it: iso, epoch_s, epoch_ms or a strptime pattern (timestamps, dates), or a list of these tried in order; decimal or minor_units (money)',
      ),
    time_zone: timeZoneSchema.optional(),
    leave_out: leaveOutSchema.optional(),
    empty_unless: emptyUnlessSchema.optional(),
  })
  .strict();

/**
 * `sources` of pulse.config.json (ADAPTERS.md section 1): per canonical source, how a vendor's export
 * feeds it. A source or column that is not in the contract, or one vendor column fed to two canonical
 * ones, is a config error naming the key (`sources.accounts.columns.acount_id`); ingestion applies the
 * mapping (packages/core/src/ingest/source-mapping.ts).
 */
export const sourcesMappingSchema = z
  .record(z.string(), sourceMapping)
  .superRefine((mappings, context) => {
    const names = sources.map((source) => source.name);
    const pathOf = new Map<string, string>();
    for (const [name, mapping] of Object.entries(mappings)) {
      if (mapping.path !== undefined) {
        const normalized = mapping.path
          .trim()
          .replace(/^(\.\/)+/, '')
          .replace(/\/+$/, '');
        const other = pathOf.get(normalized);
        if (other !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [name, 'path'],
            message: `"${mapping.path}" is already the path of sources.${other}: each export feeds one source`,
          });
        }
        pathOf.set(normalized, name);
      }
      if (mapping.table !== undefined && mapping.path !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [name, 'table'],
          message: `a source is read from files (path) or from a PostgreSQL table (table), not both: drop sources.${name}.path or sources.${name}.table`,
        });
      }
      if (mapping.key !== undefined && mapping.table === undefined) {
        context.addIssue({
          code: 'custom',
          path: [name, 'key'],
          message: `key numbers the rows of a PostgreSQL table source: set sources.${name}.table, or drop key`,
        });
      }
      if (mapping.table !== undefined && mapping.empty_unless !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [name, 'empty_unless'],
          message: `empty_unless is for export files; empty such values in a view (a CASE on the other column), and name the view in sources.${name}.table`,
        });
      }
      if (mapping.table !== undefined && mapping.leave_out !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [name, 'leave_out'],
          message: `leave_out is for export files; leave such rows out of a PostgreSQL table in a view, and name the view in sources.${name}.table`,
        });
      }
      if (mapping.table !== undefined) {
        for (const [column, format] of Object.entries(mapping.formats ?? {})) {
          if (!formatsTried(format).some((one) => one.includes('%'))) continue;
          context.addIssue({
            code: 'custom',
            path: [name, 'formats', column],
            message: `strptime patterns are for export files; a column of a PostgreSQL table takes iso, epoch_s or epoch_ms (convert other spellings in a view)`,
          });
        }
      }
      const source = sources.find((candidate) => candidate.name === name);
      if (!source) {
        const near = closestMatch(name, names);
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `unknown source${near ? `; did you mean ${near}?` : ''} (the sources are ${names.join(', ')})`,
        });
        continue;
      }
      const columns = source.columns.map((column) => column.name);
      if (mapping.time_zone !== undefined && !source.columns.some((column) => column.type === 'timestamp')) {
        context.addIssue({
          code: 'custom',
          path: [name, 'time_zone'],
          message: `${name} has no timestamp column (its dates are calendar dates, read as written): drop time_zone`,
        });
      }
      for (const [column, format] of Object.entries(mapping.formats ?? {})) {
        const definition = source.columns.find((candidate) => candidate.name === column);
        const problem = definition ? formatProblem(definition, format) : undefined;
        if (problem) context.addIssue({ code: 'custom', path: [name, 'formats', column], message: problem });
      }
      for (const [key, column] of [
        ...Object.keys(mapping.values ?? {}).map((column) => ['values', column] as const),
        ...Object.keys(mapping.formats ?? {}).map((column) => ['formats', column] as const),
        ...Object.keys(mapping.empty_unless ?? {}).map((column) => ['empty_unless', column] as const),
      ]) {
        if (columns.includes(column)) continue;
        const near = closestMatch(column, columns);
        context.addIssue({
          code: 'custom',
          path: [name, key, column],
          message:
            `unknown column of ${name}` +
            (near ? `; did you mean ${near}?` : ` (its columns are ${columns.join(', ')})`),
        });
      }
      const fedBy = new Map<string, string>();
      for (const [column, header] of Object.entries(mapping.columns ?? {})) {
        const path = [name, 'columns', column];
        if (!columns.includes(column)) {
          const near = closestMatch(column, columns);
          context.addIssue({
            code: 'custom',
            path,
            message:
              `unknown column of ${name}` +
              (near ? `; did you mean ${near}?` : ` (its columns are ${columns.join(', ')})`),
          });
          continue;
        }
        const key = header.trim().toLowerCase();
        const other = fedBy.get(key);
        if (other !== undefined) {
          context.addIssue({
            code: 'custom',
            path,
            message: `"${header}" is already mapped to ${name}.${other}: one export column feeds one column`,
          });
        }
        fedBy.set(key, column);
      }
    }
  })
  .optional()
  .describe(
    'per canonical source, how a vendor export feeds it: { "accounts": { "columns": { "account_id": "Record ID" } } }',
  );

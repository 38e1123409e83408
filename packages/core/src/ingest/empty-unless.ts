import { comparedText } from './compared-text.js';
import { IngestFileError } from './ingest-errors.js';
import type { SourceDefinition } from './source-definition.js';
import { sqlString } from './sql-text.js';

/**
 * `sources.<source>.empty_unless` (a shipped mapping's too): a column whose value holds only on some rows,
 * told by another export column. dbt_zendesk's ticket metrics keep a reopened ticket's last solve time in
 * `last_solved_at`, so `resolved_at` is read only where `status` is solved or closed: elsewhere the ticket
 * is open, and its resolved_at empty, as the contract says an open ticket's is. The value is emptied where
 * the file is read, before judging, so a value that no longer holds is neither loaded nor judged.
 */

/** Per staged column with a rule: the SQL condition, over the file's own columns, on which its value holds. */
export type HoldConditions = ReadonlyMap<string, string>;

/**
 * The conditions of a file's columns. `staged(column)` says whether the file gives the column a value (a
 * rule on a column the file lacks has nothing to empty); `exportValue` gives an export column's SQL text,
 * undefined when the file lacks it: then no row could be told to hold, a file error naming the rule's key.
 */
function holdConditions(
  source: SourceDefinition,
  file: string,
  staged: (column: string) => boolean,
  exportValue: (column: string) => string | undefined,
): HoldConditions {
  return new Map(
    source.columns.flatMap((column) => {
      const rule = column.emptyUnless;
      if (!rule || !staged(column.name)) return [];
      const value = exportValue(rule.column.trim());
      if (value === undefined) {
        throw new IngestFileError(
          file,
          `the file has no column "${rule.column.trim()}", which ${rule.key} in pulse.config.json reads to ` +
            `tell the rows where ${source.name}.${column.name} holds; export the file with that column, or ` +
            `drop the rule.`,
        );
      }
      const values = rule.values.map((text) => comparedText(sqlString(text))).join(', ');
      return [[column.name, `${comparedText(`(${value})::VARCHAR`)} in (${values})`] as const];
    }),
  );
}

/**
 * A file's column values with its `empty_unless` rules applied (NULL where a value does not hold), and the
 * conditions, for the unfit tests of readers that have them (unfitWhereHeld). `mappedValue` gives the SQL
 * of each staged column, `exportValue` that of any export column by name (undefined when absent).
 */
export function heldValues(
  source: SourceDefinition,
  file: string,
  mappedValue: (column: string) => string | undefined,
  exportValue: (column: string) => string | undefined,
): { readonly held: HoldConditions; readonly columnValue: (column: string) => string | undefined } {
  const held = holdConditions(source, file, (column) => mappedValue(column) !== undefined, exportValue);
  return {
    held,
    columnValue: whereHeld(held, mappedValue, (condition, sql) => `(case when ${condition} then ${sql} end)`),
  };
}

/**
 * An unfit-value test (unfit-values.ts) that looks only at rows where the column's value holds: a value
 * read as empty is not judged.
 */
export function unfitWhereHeld(
  conditions: HoldConditions,
  unfitTest: (column: string) => string | undefined,
): (column: string) => string | undefined {
  return whereHeld(conditions, unfitTest, (condition, test) => `(coalesce(${condition}, false) and ${test})`);
}

/** `sqlOf` with each column that has a condition wrapped by `guard`. */
function whereHeld(
  conditions: HoldConditions,
  sqlOf: (column: string) => string | undefined,
  guard: (condition: string, sql: string) => string,
): (column: string) => string | undefined {
  if (conditions.size === 0) return sqlOf;
  return (column) => {
    const sql = sqlOf(column);
    const condition = conditions.get(column);
    return sql === undefined || condition === undefined ? sql : guard(condition, sql);
  };
}

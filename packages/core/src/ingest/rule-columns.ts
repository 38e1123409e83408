import type { SourceDefinition } from './source-definition.js';

/**
 * The export columns a source's rules read besides the columns it maps: those of its `leave_out` rules
 * (rows-left-out.ts) and of its columns' `empty_unless` rules (empty-unless.ts), trimmed.
 */
export function ruleColumns(source: SourceDefinition): string[] {
  return [
    ...(source.leftOut?.rules ?? []).map((rule) => rule.column.trim()),
    ...source.columns.flatMap((column) => (column.emptyUnless ? [column.emptyUnless.column.trim()] : [])),
  ];
}

/**
 * True when a rule reads the export column `name`: it is used, so not an unknown column.
 * `nested` (JSON Lines): a rule on a dotted key (`meta.flag`) reads its first key (`meta`) too.
 */
export function readByRule(
  source: SourceDefinition,
  name: string,
  options: { nested?: boolean } = {},
): boolean {
  const wanted = name.trim().toLowerCase();
  return ruleColumns(source).some((ruled) => {
    const column = ruled.toLowerCase();
    return column === wanted || (options.nested === true && column.startsWith(`${wanted}.`));
  });
}

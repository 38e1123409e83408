import type { SourceColumn, SourceColumnType, SourceDefinition } from '../ingest/source-definition.js';
import { DUPLICATE_REASON } from '../ingest/source-definition.js';
import { cellText, code, markdownTable } from './markdown-text.js';

/**
 * The generated part of docs/inputs.md: per raw source in ingestion order, its columns (type, required,
 * default, range, meaning), unique keys, references and row rules with their reason codes, all read from
 * the source definitions, so the contract is written once.
 */
export function renderSourceTables(sources: readonly SourceDefinition[]): string {
  const overview = markdownTable(
    ['source', 'required', 'one row per'],
    sources.map((source) => [
      `[${code(source.name)}](#${source.name})`,
      source.required ? 'yes' : 'no',
      cellText(source.description),
    ]),
  );
  return [overview, ...sources.map(sourceSection)].join('\n\n');
}

function sourceSection(source: SourceDefinition): string {
  const columns = markdownTable(
    ['column', 'type', 'required', 'default', 'range', 'meaning'],
    source.columns.map((column) => [
      code(column.name),
      typeText(column.type),
      column.required ? 'yes' : 'no',
      column.default === undefined ? '' : code(String(column.default)),
      rangeText(column),
      cellText(column.description),
    ]),
  );
  const rules = rulesOf(source);
  const parts = [
    `### ${source.name}`,
    `${source.required ? 'Required' : 'Optional'}. ${cellText(source.description)}`,
    columns,
  ];
  if (rules.length > 0) {
    parts.push(
      `Row rules besides the column types (a row breaking one is quarantined with its reason code):\n\n${markdownTable(
        ['reason code', 'column', 'rule'],
        rules,
      )}`,
    );
  }
  return parts.join('\n\n');
}

function rulesOf(source: SourceDefinition): string[][] {
  const keys = (source.uniqueKeys ?? []).map((key) => [
    code(DUPLICATE_REASON),
    code(key[0] ?? ''),
    `${key.map(code).join(' × ')} is unique; a later row (in file order) repeating it is quarantined`,
  ]);
  const references = (source.references ?? []).map((reference) => [
    code(reference.reasonCode),
    code(reference.column),
    `must be the ${code(reference.key)} of a valid row of ${code(reference.source)}`,
  ]);
  const checks = (source.checks ?? []).map((check) => [
    code(check.reasonCode),
    code(check.column),
    cellText(check.description),
  ]);
  return [...keys, ...references, ...checks];
}

function typeText(type: SourceColumnType): string {
  return typeof type === 'object' ? `one of ${type.enum.map(code).join(', ')}` : type;
}

function rangeText(column: SourceColumn): string {
  const range = column.range;
  if (!range) return '';
  const low = range.min === undefined ? '' : `${range.min} ${range.minExclusive ? '<' : '≤'} `;
  const high = range.max === undefined ? '' : ` ${range.maxExclusive ? '<' : '≤'} ${range.max}`;
  return `${low}x${high}`;
}

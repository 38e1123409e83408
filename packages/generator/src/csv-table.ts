import type { SourceDefinition } from '@pulse/core';
import { type CsvValue, csvRow } from './csv.js';

/** The column names a source declares, as literals (defineSource keeps them). */
export type ColumnOf<Source extends SourceDefinition> = Source['columns'][number]['name'];

/** A CSV file's columns in file order, with the header as the exporting system spells it. */
export class CsvTable<Column extends string> {
  readonly columns: readonly Column[];
  readonly header: string;

  /** `labels` are written verbatim (not quoted), so a header can carry other case and stray spaces. */
  constructor(columns: readonly Column[], labels: readonly string[] = columns) {
    if (labels.length !== columns.length) throw new RangeError('one header label per column');
    this.columns = columns;
    this.header = `${labels.join(',')}\n`;
  }

  row(values: Readonly<Record<Column, CsvValue>>): string {
    return csvRow(this.columns.map((column) => values[column]));
  }
}

/** How an exporting system's file departs from the contract's column order and spelling. */
export interface ExportLayout<Column extends string, Extra extends string> {
  /** Columns the system writes first, in this order; the others follow in contract order. */
  readonly first?: readonly Column[];
  /** Columns the contract does not know, written last (ingestion ignores them with a warning). */
  readonly extra?: readonly Extra[];
  /** The header as the system spells it, where it is not the column name (headers match after trim, any case). */
  readonly labels?: Readonly<Partial<Record<Column, string>>>;
}

/**
 * The CSV table of a source: its declared columns (so a column added to or renamed in the contract reaches
 * the generated files, or fails to compile where a writer misses it), laid out as `layout` says.
 */
export function sourceTable<Source extends SourceDefinition, const Extra extends string = never>(
  source: Source,
  layout: ExportLayout<ColumnOf<Source>, Extra> = {},
): CsvTable<ColumnOf<Source> | Extra> {
  const declared: ColumnOf<Source>[] = source.columns.map((column) => column.name);
  const first = layout.first ?? [];
  const extra = layout.extra ?? [];
  for (const name of [...first, ...Object.keys(layout.labels ?? {})]) {
    if (!declared.includes(name)) {
      throw new RangeError(`source "${source.name}" declares no column "${name}" (export layout)`);
    }
  }
  for (const name of extra) {
    if ((declared as string[]).includes(name)) {
      throw new RangeError(`"${name}" is a column of source "${source.name}", not an extra one`);
    }
  }
  const columns = [...first, ...declared.filter((name) => !first.includes(name)), ...extra];
  const labels = columns.map(
    (name) => (layout.labels as Partial<Record<string, string>> | undefined)?.[name] ?? name,
  );
  return new CsvTable<ColumnOf<Source> | Extra>(columns, labels);
}

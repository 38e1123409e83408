import { type CsvValue, csvRow } from './csv.js';

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

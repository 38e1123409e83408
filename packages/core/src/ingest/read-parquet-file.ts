import { mapHeader } from './header-mapping.js';
import { quoteIdentifier, readerPath } from './sql-text.js';
import {
  type FileReadContext,
  jsonObjectOf,
  mappedValues,
  queryOnFile,
  type StagedFile,
  stagingSelectList,
} from './staged-file.js';

const ADVICE =
  'It is not a readable Parquet file: re-export it, or give it the extension of its real format.';

/**
 * Reads a Parquet file in place (no copy): each column is cast to VARCHAR so every format goes through
 * the same parsing and checks; `line` is the 1-based row index (`file_row_number` + 1).
 */
export async function stageParquetFile(context: FileReadContext): Promise<StagedFile> {
  const reader = `read_parquet(${readerPath(context.file.path)}, file_row_number = true)`;
  // DESCRIBE reads only the footer: a file that is not Parquet fails here, before any data is read.
  const described = await queryOnFile<{ column_name: string }>(
    context,
    `describe select * exclude (file_row_number) from ${reader}`,
    ADVICE,
  );
  const names = described.map((column) => column.column_name);
  const mapping = mapHeader(context.file.relativePath, names, context.source);
  const columnValue = mappedValues(mapping, (index) => `t.${quoteIdentifier(names[index]!)}`);
  const select = `select ${stagingSelectList(
    context,
    { row: 't.file_row_number', line: 't.file_row_number + 1' },
    columnValue,
  )} from ${reader} t`;
  return {
    select,
    originals: {
      relation: `(select file_row_number as _row, * from ${reader})`,
      rawJson: jsonObjectOf(names, (index) => `o.${quoteIdentifier(names[index]!)}`),
    },
    tempTables: [],
    unknownColumns: mapping.unknown,
    warnings: [],
  };
}

import { stageCsvFile } from './read-csv-file.js';
import { stageJsonlFile } from './read-jsonl-file.js';
import { stageParquetFile } from './read-parquet-file.js';
import type { FileReadContext, StagedFile } from './staged-file.js';

/** A file of any accepted format read into DuckDB with the staging columns (staged-file.ts). */
export function stageFile(context: FileReadContext): Promise<StagedFile> {
  switch (context.file.format) {
    case 'csv':
      return stageCsvFile(context);
    case 'parquet':
      return stageParquetFile(context);
    case 'jsonl':
      return stageJsonlFile(context);
  }
}

import { PulseError } from '../errors.js';

/**
 * A file of the data folder cannot be ingested as a whole (unreadable, wrong format, not UTF-8, a required
 * column missing…). Row problems never raise this: they go to quarantine. The message names the file and
 * what to do; `file` is the path relative to the data folder.
 */
export class IngestFileError extends PulseError {
  override readonly name: string = 'IngestFileError';
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

/** A required source has neither a file nor a folder in the data folder. */
export class MissingSourceError extends PulseError {
  override readonly name = 'MissingSourceError';
  readonly source: string;
  readonly expectedPaths: readonly string[];

  constructor(source: string, expectedPaths: readonly string[]) {
    super(
      `The required source "${source}" is missing: add ${expectedPaths.join(' or ')} ` +
        '(a .csv, .csv.gz, .parquet, .jsonl, .ndjson, .jsonl.gz or .ndjson.gz file, or a folder of them), or point --data at the right folder.',
    );
    this.source = source;
    this.expectedPaths = expectedPaths;
  }
}

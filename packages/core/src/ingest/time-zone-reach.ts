import { formatsTried, readsWallClockTime } from './column-formats.js';
import type { ColumnFormat } from './source-definition.js';

/**
 * Which values a source's `time_zone` moves: wall-clock times only. Ingestion moves a value when its
 * format reads wall-clock times (readsWallClockTime: ISO, or a pattern that takes no zone from the value)
 * and the value names no zone itself (column-parsing.ts `inTimeZone`). A file column that holds instants
 * never gives it such a value: a Parquet timestamp with a time zone (isAdjustedToUTC) is staged as
 * text with its offset (`2026-03-31 22:30:00+00`). `pulse sources` asks the same two questions, so it
 * shows a zone on exactly the columns ingestion moves.
 */

/** DuckDB's name of a Parquet timestamp with a time zone: an instant, UTC-adjusted by the writer. */
export const PARQUET_INSTANT = 'TIMESTAMP WITH TIME ZONE';

/** Whether a file column of DuckDB type `type` holds instants, whose staged text names their zone. */
export function holdsInstants(type: string): boolean {
  return type === PARQUET_INSTANT;
}

/**
 * Whether the source's time zone moves values of a timestamp column read in `format` from files whose
 * columns have the DuckDB types `fileTypes` (VARCHAR for CSV and JSON Lines, the footer's type for
 * Parquet). Without files (none read yet), the format alone answers.
 */
export function timeZoneMovesColumn(format: ColumnFormat, fileTypes: readonly string[]): boolean {
  if (!formatsTried(format).some(readsWallClockTime)) return false;
  return fileTypes.length === 0 || fileTypes.some((type) => !holdsInstants(type));
}

import type { ColumnFormat, SourceDefinition } from '../ingest/source-definition.js';
import type { SourceMapping } from '../ingest/source-mapping.js';
import { timeZoneMovesColumn } from '../ingest/time-zone-reach.js';
import type { SourceOrigin } from './source-origin.js';

/**
 * What feeds one canonical column. `kind`: `own_name` (a column of the export under the canonical name:
 * canonical files, or a mapping that does not list it), `mapped` (the vendor column a mapping names) or
 * `preset` (the preset's own account of the value, e.g. `customer.id`; null when it feeds none).
 */
export interface ColumnFeed {
  readonly column: string;
  readonly from: string | null;
  readonly kind: 'own_name' | 'mapped' | 'preset';
  /** `sources.<source>.formats`: epoch_s, epoch_ms, a strptime pattern, minor_units …, or a list of these. */
  readonly format: ColumnFormat | null;
  /** `sources.<source>.values`: vendor value → canonical value. */
  readonly values: Readonly<Record<string, string>> | null;
  /** `sources.<source>.empty_unless`: the export column and values on whose rows the value holds. */
  readonly empty_unless: { readonly column: string; readonly values: readonly string[] } | null;
  /** `sources.<source>.time_zone`, on a timestamp column whose values it moves (time-zone-reach.ts). */
  readonly time_zone: string | null;
}

/**
 * Per canonical column, in contract order: the vendor column (or preset field) it is read from.
 * `fileTypes`: per column, its DuckDB type in each file of the source (file-column-types.ts), which
 * decides with the format whether the source's time zone moves its values; none known, the format alone.
 */
export function columnFeedsOf(
  source: SourceDefinition,
  origin: SourceOrigin,
  fileTypes: ReadonlyMap<string, readonly string[]> = new Map(),
): ColumnFeed[] {
  return source.columns.map(({ name, type }): ColumnFeed => {
    if (origin.kind === 'preset') {
      const from = origin.preset.columnFeeds[source.name]?.[name] ?? null;
      return {
        column: name,
        from,
        kind: 'preset',
        format: null,
        values: null,
        empty_unless: null,
        time_zone: null,
      };
    }
    const mapping = origin.kind === 'mapping' ? origin.mapping : {};
    const header = mapping.columns?.[name];
    return {
      column: name,
      // Headers match after trimming (header-mapping.ts): the trimmed name is the one that counts.
      from: header === undefined ? name : header.trim(),
      kind: header === undefined ? 'own_name' : 'mapped',
      format: mapping.formats?.[name] ?? null,
      values: mapping.values?.[name] ?? null,
      empty_unless: mapping.empty_unless?.[name] ?? null,
      time_zone: type === 'timestamp' ? zoneOfWallClockTimes(mapping, name, fileTypes.get(name) ?? []) : null,
    };
  });
}

/**
 * The mapping's time_zone when it moves some value of the column (time-zone-reach.ts, as ingestion
 * decides): epochs, values that name their zone and Parquet instants are instants already.
 */
function zoneOfWallClockTimes(
  mapping: SourceMapping,
  column: string,
  fileTypes: readonly string[],
): string | null {
  if (mapping.time_zone === undefined) return null;
  return timeZoneMovesColumn(mapping.formats?.[column] ?? 'iso', fileTypes) ? mapping.time_zone : null;
}

import type { PresetDefinition } from './preset-definition.js';
import type { SourceDefinition } from './source-definition.js';

/**
 * The source as a preset feeds it: each column's reasons name where its value comes from,
 * `` amount (invoice_line_item.amount in minor units, less discounts) ``, so a quarantined row points at the
 * vendor's field as well as at its file and line. Columns, names and tables are unchanged.
 */
export function withPresetLabels(source: SourceDefinition, preset: PresetDefinition): SourceDefinition {
  const feeds = preset.columnFeeds[source.name] ?? {};
  return {
    ...source,
    columns: source.columns.map((column) => {
      const feed = feeds[column.name];
      return feed === undefined
        ? column
        : { ...column, mapped: { header: column.name, label: `${column.name} (${feed})` } };
    }),
  };
}

import type { PresetDefinition } from '../ingest/preset-definition.js';
import type { FileRows, SourceExplanation } from './sources-explanation-schema.js';
import type { WarehouseFileRows } from './warehouse-file-rows.js';

/**
 * Per vendor file of a preset-fed source: rows read (the preset's copy `<preset>.<table>`), loaded and
 * quarantined (canonical rows keep their vendor file), and ignored, the rows read that gave no
 * canonical row (draft invoices, proration credits, periods merged into the one before).
 *
 * The tables are those the preset's column feeds name (`invoice_line_item` in
 * `invoice_line_item.subscription_item_id`). A table none of whose files gave the source a row is one the
 * source only looks values up in (prices, products): its files are listed apart, with their rows read.
 */
export async function presetFileRows(
  rows: WarehouseFileRows,
  preset: PresetDefinition,
  source: string,
  loaded: ReadonlyMap<string, number>,
  quarantined: ReadonlyMap<string, number>,
): Promise<Pick<SourceExplanation, 'files' | 'lookups'>> {
  const files: FileRows[] = [];
  const lookups: SourceExplanation['lookups'] = [];
  const gaveRows = (file: string) => loaded.has(file) || quarantined.has(file);
  const seen = new Set<string>();
  for (const table of tablesNamed(preset.columnFeeds[source] ?? {})) {
    if (!rows.has(preset.name, table)) continue;
    const read = await rows.rowsPerFile(preset.name, table, '_file');
    const feedsRows = [...read.keys()].some(gaveRows);
    for (const [file, count] of read) {
      seen.add(file);
      if (feedsRows) files.push(fileRowsOf(file, table, count, loaded, quarantined));
      else lookups.push({ file, table, read: count });
    }
  }
  // Canonical rows from a file the preset kept no copy of: read as loaded + quarantined.
  for (const file of new Set([...loaded.keys(), ...quarantined.keys()])) {
    if (seen.has(file)) continue;
    const count = (loaded.get(file) ?? 0) + (quarantined.get(file) ?? 0);
    files.push(fileRowsOf(file, null, count, loaded, quarantined));
  }
  return { files: files.sort(byFile), lookups: lookups.sort(byFile) };
}

function fileRowsOf(
  file: string,
  table: string | null,
  read: number,
  loaded: ReadonlyMap<string, number>,
  quarantined: ReadonlyMap<string, number>,
): FileRows {
  const load = loaded.get(file) ?? 0;
  const quarantine = quarantined.get(file) ?? 0;
  return {
    file,
    table,
    read,
    loaded: load,
    quarantined: quarantine,
    ignored: Math.max(0, read - load - quarantine),
  };
}

/** `customer` and `metadata` of `customer.metadata.segment`: candidates, kept when the preset wrote such a table. */
function tablesNamed(feeds: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>();
  for (const feed of Object.values(feeds))
    for (const match of feed.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\.(?=[A-Za-z_])/g)) names.add(match[1]!);
  return [...names];
}

/** Path order (code units: byte-wise for the ASCII paths exports have), as ingestion orders files. */
export function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

// The raw files of each source in an export folder, as the contract lays them out: `<source>.<ext>`
// or a `<source>/` folder of files. Empty (0-byte) files are left out, as Pulse skips them too.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Format = 'csv' | 'json' | 'parquet';

export interface SourceFiles {
  readonly name: string;
  readonly format: Format;
  readonly files: readonly string[];
}

const formatOf = (file: string): Format | undefined =>
  /\.csv(\.gz)?$/.test(file)
    ? 'csv'
    : /\.jsonl(\.gz)?$/.test(file)
      ? 'json'
      : /\.parquet$/.test(file)
        ? 'parquet'
        : undefined;

export function sourceFiles(dataDir: string): SourceFiles[] {
  const sources: SourceFiles[] = [];
  for (const entry of readdirSync(dataDir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dataDir, entry.name);
    const files = entry.isDirectory()
      ? readdirSync(path)
          .sort()
          .map((f) => join(path, f))
      : [path];
    const kept = files.filter((f) => formatOf(f) && statSync(f).size > 0);
    const format = kept[0] ? formatOf(kept[0]) : undefined;
    if (format) sources.push({ name: entry.name.replace(/\..*$/, ''), format, files: kept });
  }
  return sources;
}
